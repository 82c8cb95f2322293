import { describe, expect, it } from 'vitest';
import {
  FlowPlaceholderError,
  type FlowTargets,
  flowCreationOrder,
  resolveFlowContent,
} from '../../lib/constructs/contact-center/flow-content.ts';

const targets: FlowTargets = {
  queue: { t1: 'arn:queue/t1', 't3#roads': 'arn:queue/roads' },
  lambda: { ivrStatus: 'arn:function:ivrStatus' },
  flow: { 'tier-task': 'arn:contact-flow/task' },
  hours: { main: 'arn:operating-hours/main' },
};

describe('flow placeholders', () => {
  it('replaces every kind, as often as it appears', () => {
    const content = JSON.stringify({
      a: `\${queue:t1}`,
      b: `\${queue:t3#roads}`,
      c: `\${lambda:ivrStatus}`,
      d: `\${flow:tier-task}`,
      e: `\${hours:main}`,
      f: `\${queue:t1}`,
    });
    expect(JSON.parse(resolveFlowContent('main', 'main.json', content, targets))).toEqual({
      a: 'arn:queue/t1',
      b: 'arn:queue/roads',
      c: 'arn:function:ivrStatus',
      d: 'arn:contact-flow/task',
      e: 'arn:operating-hours/main',
      f: 'arn:queue/t1',
    });
  });

  it.each([
    [
      `\${queue:t3#nowhere}`,
      `uses \${queue:t3#nowhere}, but "t3#nowhere" is not a Nidaa queue`,
      'Known: t1, t3#roads.',
    ],
    [
      `\${lambda:agentApi}`,
      'is not a function of lib/function-catalog.ts with invokedByConnect',
      'Known: ivrStatus.',
    ],
    [`\${flow:survey}`, 'is not a flow of contact-flows/catalog.ts', 'Known: tier-task.'],
    [`\${hours:night}`, 'is not an hours of operation (main)', 'Known: main.'],
  ])('refuses %s with the flow, its file and what it may name', (placeholder, what, known) => {
    const run = () =>
      resolveFlowContent('main', 'contact-flows/main.json', `{"x":"${placeholder}"}`, targets);
    expect(run).toThrow(FlowPlaceholderError);
    expect(run).toThrow(`Contact flow "main" (contact-flows/main.json) uses ${placeholder}`);
    expect(run).toThrow(what);
    expect(run).toThrow(known);
  });
});

describe('flow creation order', () => {
  it('puts every flow after the flows it transfers to', () => {
    const order = flowCreationOrder({
      main: `\${flow:status} \${flow:agent}`,
      status: `\${flow:agent}`,
      agent: `\${queue:t1}`,
      survey: '',
    });
    expect(order).toEqual(['agent', 'status', 'main', 'survey']);
  });

  it('refuses a cycle, naming it', () => {
    expect(() => flowCreationOrder({ main: `\${flow:status}`, status: `\${flow:main}` })).toThrow(
      'Contact flows reference each other in a cycle (main → status → main)',
    );
    expect(() => flowCreationOrder({ main: `\${flow:main}` })).toThrow('cycle (main → main)');
  });

  it('refuses a flow that is not in the catalogue', () => {
    expect(() => flowCreationOrder({ main: `\${flow:survey}` })).toThrow(
      `Contact flow "main" uses \${flow:survey}, but "survey" is not a flow of contact-flows/catalog.ts. Known: main.`,
    );
  });
});
