import { afterEach, describe, expect, it } from 'vitest';
import { createDocumentClient } from '#adapters/dynamodb/client.ts';
import { AwsMessenger } from '#adapters/messaging/messenger.ts';
import { CaseIntakeStarter } from '#adapters/workflow/case-intake-starter.ts';

afterEach(() => {
  delete process.env.CASE_DATA_REGION;
});

describe('functions deployed next to Amazon Connect', () => {
  it('reach the table, the intake workflow and the SMS sender in the case data region', async () => {
    process.env.CASE_DATA_REGION = 'me-central-1';
    const table = createDocumentClient();
    const intake = CaseIntakeStarter.create('arn:aws:states:me-central-1:111122223333:stateMachine:intake');
    const messenger = AwsMessenger.create('MuscatMun', 'noreply@example.om');
    expect(await table.config.region()).toBe('me-central-1');
    expect(
      await (intake as unknown as { sfn: { config: { region(): Promise<string> } } }).sfn.config.region(),
    ).toBe('me-central-1');
    expect(
      await (messenger as unknown as { sns: { config: { region(): Promise<string> } } }).sns.config.region(),
    ).toBe('me-central-1');
  });

  it('use their own region when CASE_DATA_REGION is unset', async () => {
    expect(await createDocumentClient().config.region()).toBe(process.env.AWS_REGION);
  });
});
