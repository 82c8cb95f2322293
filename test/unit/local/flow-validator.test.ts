import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Flow, type FlowAction, placeholder } from '../../../contact-flows/build/dsl.ts';
import { FLOW_SOURCES } from '../../../contact-flows/build/flows.ts';
import { CONTACT_FLOWS } from '../../../contact-flows/catalog.ts';
import { PROMPTS } from '../../../functions/core/hotline/prompts.ts';
import { PROJECT_ROOT } from '../../../lib/project-root.ts';
import { readFlowText } from '../../../local/ivr/flow-files.ts';
import { validateCatalog, validateFlow } from '../../../local/ivr/validator.ts';

describe('the catalogue flows', () => {
  it('pass every check', () => {
    expect(validateCatalog()).toEqual([]);
  });

  it.each(Object.entries(CONTACT_FLOWS))(
    '%s is what contact-flows/build generates (run npm run flows)',
    (name, spec) => {
      const committed = JSON.parse(readFileSync(path.join(PROJECT_ROOT, spec.file), 'utf8'));
      expect(committed).toEqual(FLOW_SOURCES[name]);
    },
  );

  it('registers every generated flow, and tier-task as the flow Connect tasks start in', () => {
    expect(Object.keys(FLOW_SOURCES).sort()).toEqual(Object.keys(CONTACT_FLOWS).sort());
    expect(CONTACT_FLOWS['tier-task']?.type).toBe('CONTACT_FLOW');
    expect(CONTACT_FLOWS['customer-queue']?.type).toBe('CUSTOMER_QUEUE');
  });
});

/** The hotline flow with one change, as a broken edit would make it. */
function brokenHotline(edit: (flow: Flow) => void) {
  const flow = JSON.parse(readFlowText('hotline-inbound')) as Flow;
  edit(flow);
  return validateFlow('broken', JSON.stringify(flow));
}
const action = (flow: Flow, id: string): FlowAction => {
  const found = flow.Actions.find((a) => a.Identifier === id);
  if (!found) throw new Error(id);
  return found;
};
const problemsOf = (problems: { action?: string; problem: string }[]) =>
  problems.map((p) => `${p.action ?? ''}: ${p.problem}`);

describe('the validator catches a broken flow', () => {
  it('a transition to an action that does not exist', () => {
    const problems = brokenHotline((f) => {
      action(f, 'Say status').Transitions.NextAction = 'Nowhere';
    });
    expect(problemsOf(problems)).toContain('Say status: goes to Nowhere, which does not exist');
  });

  it('an error branch left out (a Lambda failure would end in dead air)', () => {
    const problems = brokenHotline((f) => {
      action(f, 'Look up status').Transitions.Errors = [];
    });
    expect(problemsOf(problems)).toContain('Look up status: does not handle NoMatchingError');
  });

  it('a menu without a timeout branch', () => {
    const problems = brokenHotline((f) => {
      const menu = action(f, 'Main menu');
      menu.Transitions.Errors = menu.Transitions.Errors?.filter(
        (e) => e.ErrorType !== 'InputTimeLimitExceeded',
      );
    });
    expect(problemsOf(problems)).toContain('Main menu: does not handle InputTimeLimitExceeded');
  });

  it('a retry without a Loop bound: a silent caller would hear the menu for ever', () => {
    const problems = brokenHotline((f) => {
      for (const e of action(f, 'Main menu').Transitions.Errors ?? []) {
        if (e.ErrorType !== 'NoMatchingError') e.NextAction = 'Main retry invalid';
      }
    });
    expect(
      problems.some((p) => p.problem.startsWith('can hold a caller forever: Main menu → Main retry invalid')),
    ).toBe(true);
  });

  it('a prompt that exists in one language only, or not at all', () => {
    const literal = brokenHotline((f) => {
      action(f, 'Goodbye').Parameters.Text = 'Goodbye!';
    });
    expect(problemsOf(literal)[0]).toMatch(/^Goodbye: speaks a literal text that is not in prompts.ts/);
    const unknown = brokenHotline((f) => {
      action(f, 'Goodbye').Parameters.Text = '$.Attributes.p_farewell';
    });
    expect(problemsOf(unknown)).toContain('Goodbye: speaks p_farewell, which is not in prompts.ts');
    const english = brokenHotline((f) => {
      (action(f, 'Set English').Parameters.Attributes as Record<string, string>).p_bye = PROMPTS.bye.ar;
    });
    expect(problemsOf(english)).toContain('Set English: does not set p_bye to its en text');
  });

  it('an unknown or malformed placeholder', () => {
    const problems = brokenHotline((f) => {
      action(f, 'Agent').Parameters.QueueId = placeholder('queue', 't9');
      action(f, 'Callback queue').Parameters.QueueId = `$${'{'}queues:callback}`;
    });
    expect(problemsOf(problems)).toEqual(
      expect.arrayContaining([
        `: unknown placeholder ${placeholder('queue', 't9')}`,
        `: malformed placeholder $${'{'}queues:callback}`,
      ]),
    );
  });

  it('a block it does not know, a bad Lambda limit, and a missing start', () => {
    const problems = brokenHotline((f) => {
      f.StartAction = 'Missing start';
      action(f, 'Log this flow').Type = 'ConnectParticipantWithLexBot';
      action(f, 'File complaint').Parameters.InvocationTimeLimitSeconds = '20';
    });
    expect(problemsOf(problems)).toEqual(
      expect.arrayContaining([
        ': StartAction Missing start is not an action',
        'Log this flow: block type ConnectParticipantWithLexBot is not one the simulator and validator know',
        'File complaint: InvocationTimeLimitSeconds must be 1–8',
      ]),
    );
  });
});
