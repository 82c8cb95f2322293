import { SFNClient, StartSyncExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { CaseIntakeStarter } from '../../../functions/adapters/workflow/case-intake-starter.ts';
import type { Inbound } from '../../../functions/core/intake/inbound.ts';

const sfn = mockClient(SFNClient);
const arn = 'arn:aws:states:me-central-1:111122223333:stateMachine:case-intake';
const starter = new CaseIntakeStarter(new SFNClient({}), arn);
const inbound: Inbound = {
  channel: 'sms',
  externalId: 'abc-1',
  from: { kind: 'phone', value: '+96891234567' },
  receivedAt: '2026-11-29T05:00:00.000Z',
  text: 'حفرة',
};

beforeEach(() => sfn.reset());

describe('CaseIntakeStarter', () => {
  it('starts case-intake synchronously with a name derived from the inbound key, and returns the reference', async () => {
    sfn
      .on(StartSyncExecutionCommand)
      .resolves({ status: 'SUCCEEDED', output: '{"reference":"260000019","created":true}' });
    await expect(starter.openCase({ inbound, contactId: 'c1' })).resolves.toEqual({ reference: '260000019' });
    const call = sfn.commandCalls(StartSyncExecutionCommand)[0]?.args[0].input;
    expect(call?.stateMachineArn).toBe(arn);
    expect(call?.name).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(call?.input ?? '{}')).toEqual({ inbound, contactId: 'c1' });
  });

  it('gives the same execution name to the same message, another to another message', async () => {
    sfn.on(StartSyncExecutionCommand).resolves({ status: 'SUCCEEDED', output: '{"reference":"260000019"}' });
    await starter.openCase({ inbound, contactId: 'c1' });
    await starter.openCase({ inbound, contactId: 'c1' });
    await starter.openCase({ inbound: { ...inbound, externalId: 'abc-2' }, contactId: 'c1' });
    const names = sfn.commandCalls(StartSyncExecutionCommand).map((c) => c.args[0].input.name);
    expect(names[0]).toBe(names[1]);
    expect(names[2]).not.toBe(names[0]);
  });

  it('turns a failed execution into a TransientError so the channel redelivers', async () => {
    sfn
      .on(StartSyncExecutionCommand)
      .resolves({ status: 'FAILED', error: 'States.TaskFailed', cause: 'boom' });
    await expect(starter.openCase({ inbound, contactId: 'c1' })).rejects.toMatchObject({
      name: 'TransientError',
    });
  });
});
