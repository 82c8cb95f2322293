import aslValidator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import { type FunctionName, STATE_MACHINES, type StateMachineName } from '../../lib/function-catalog.ts';
import { LocalWorkflows, loadDefinition } from '../../local/workflows.ts';

/** A named scenario: what each function does on its n-th call. */
type Step = (event: unknown) => unknown;
function scenario(steps: Partial<Record<FunctionName, Step[]>>) {
  const calls: Record<string, unknown[]> = {};
  const invoke = async (fn: FunctionName, event: unknown) => {
    calls[fn] ??= [];
    const n = calls[fn].push(event) - 1;
    const list = steps[fn] ?? [];
    const step = list[Math.min(n, list.length - 1)];
    if (!step) throw new Error(`scenario has no step for ${fn}`);
    return step(event);
  };
  return { workflows: new LocalWorkflows(invoke, { fastRetries: true }), calls };
}

const fail = (name: string) => () => {
  throw Object.assign(new Error(`${name} from scenario`), { name });
};
const input = { inbound: { channel: 'sms', externalId: 'm-1', text: 'حفرة' }, contactId: 'c-1' };
const classified = () => ({ categoryCode: 'pothole', departmentCode: 'roads' });
const stored = () => ({ reference: '260000019', created: true });
const sent = () => ({ status: 'sent' });

describe('ASL files', () => {
  it.each(Object.keys(STATE_MACHINES) as StateMachineName[])('%s is valid ASL after substitution', (name) => {
    const { isValid, errorsText } = aslValidator(loadDefinition(name), { checkArn: true, checkPaths: true });
    expect(isValid, errorsText('\n')).toBe(true);
  });
});

describe('case-intake scenarios', () => {
  it('HappyPath: classify → store → acknowledge returns the reference', async () => {
    const { workflows, calls } = scenario({ classify: [classified], storeCase: [stored], notify: [sent] });
    const result = await workflows.run('caseIntake', input, 'happy');
    expect(result).toEqual({ status: 'SUCCEEDED', output: { reference: '260000019', created: true } });
    expect(calls.notify?.[0]).toEqual({
      reference: '260000019',
      template: 'acknowledge',
      messageId: 'ack-260000019',
    });
    expect(calls.storeCase?.[0]).toMatchObject({ ...input, classification: classified() });
  });

  it('RetryOnTransientError: classify fails twice with TransientError, then succeeds', async () => {
    const { workflows, calls } = scenario({
      classify: [fail('TransientError'), fail('TransientError'), classified],
      storeCase: [stored],
      notify: [sent],
    });
    expect((await workflows.run('caseIntake', input, 'retry')).status).toBe('SUCCEEDED');
    expect(calls.classify).toHaveLength(3);
  });

  it('StoreConflict: a lost race on the case item is retried and resolves to the same reference', async () => {
    const { workflows, calls } = scenario({
      classify: [classified],
      storeCase: [fail('ConflictError'), () => ({ reference: '260000019', created: false })],
      notify: [sent],
    });
    const result = await workflows.run('caseIntake', input, 'conflict');
    expect(result).toEqual({ status: 'SUCCEEDED', output: { reference: '260000019', created: false } });
    expect(calls.storeCase).toHaveLength(2);
  });

  it('AcknowledgeFails: the case is kept and the execution still returns its reference', async () => {
    const { workflows, calls } = scenario({
      classify: [classified],
      storeCase: [stored],
      notify: [fail('TransientError')],
    });
    const result = await workflows.run('caseIntake', input, 'ack-fails');
    expect(result).toEqual({ status: 'SUCCEEDED', output: { reference: '260000019', created: true } });
    expect(calls.notify).toHaveLength(4); // first try + 3 retries
  });

  it('BadInput: a ValidationError is not retried and fails the execution with its name', async () => {
    const { workflows, calls } = scenario({ classify: [fail('ValidationError')] });
    const result = await workflows.run('caseIntake', input, 'bad');
    expect(result).toMatchObject({ status: 'FAILED', error: 'ValidationError' });
    expect(calls.classify).toHaveLength(1);
    expect(calls.storeCase).toBeUndefined();
  });
});
