import { describe, expect, it } from 'vitest';
import type { StateMachineName } from '../../../lib/function-catalog.ts';
import { LocalWorkflows } from '../../../local/workflows.ts';

describe('a task token from an execution an earlier process ran', () => {
  it('is answered as spent, and names the lost execution so it can be brought back first', () => {
    const lost: [StateMachineName, string][] = [];
    const workflows = new LocalWorkflows(async () => undefined, {
      onLostExecution: (name, executionName) => lost.push([name, executionName]),
    });

    expect(workflows.sendTaskSuccess('local:caseLifecycle:AwaitAgent:260000017:9f1c', { action: 'x' })).toBe(
      false,
    );
    expect(workflows.sendTaskFailure('local:caseLifecycle:AwaitReopen:260000025:77aa', 'E', 'c')).toBe(false);
    // Tokens that name no execution (an older format, or not local mode's) report nothing.
    expect(workflows.sendTaskSuccess('local:caseLifecycle:AwaitAgent:9f1c', {})).toBe(false);
    expect(workflows.sendTaskSuccess('local:noSuchMachine:AwaitAgent:260000017:9f1c', {})).toBe(false);
    expect(workflows.sendTaskSuccess('AQCEAAAAKgAAAAMAAAAA', {})).toBe(false);

    expect(lost).toEqual([
      ['caseLifecycle', '260000017'],
      ['caseLifecycle', '260000025'],
    ]);
  });
});
