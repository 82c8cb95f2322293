import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDocumentClient } from '#adapters/dynamodb/client.ts';
import { AwsMessenger } from '#adapters/messaging/messenger.ts';
import { CaseIntakeStarter } from '#adapters/workflow/case-intake-starter.ts';

afterEach(() => vi.unstubAllEnvs());

/** The region a client calls, as the SDK resolves it. */
const regionOf = (client: { config: { region: () => Promise<string> } }) => client.config.region();

describe('clients of functions deployed next to the Connect instance', () => {
  it('call the case-data region when CASE_DATA_REGION is set', async () => {
    vi.stubEnv('AWS_REGION', 'eu-central-1');
    vi.stubEnv('CASE_DATA_REGION', 'me-central-1');
    const messenger = AwsMessenger.create('MuscatMun', 'nidaa@example.om') as unknown as {
      sns: { config: { region: () => Promise<string> } };
      ses: { config: { region: () => Promise<string> } };
    };
    expect(await regionOf(createDocumentClient() as never)).toBe('me-central-1');
    expect(await regionOf(messenger.sns)).toBe('me-central-1');
    expect(await regionOf(messenger.ses)).toBe('me-central-1');
    const starter = CaseIntakeStarter.create('arn:aws:states:me-central-1:1:stateMachine:x') as unknown as {
      sfn: { config: { region: () => Promise<string> } };
    };
    expect(await regionOf(starter.sfn)).toBe('me-central-1');
  });

  it('call their own region otherwise', async () => {
    vi.stubEnv('AWS_REGION', 'me-central-1');
    vi.stubEnv('CASE_DATA_REGION', '');
    expect(await regionOf(createDocumentClient() as never)).toBe('me-central-1');
    vi.stubEnv('AWS_REGION', 'eu-west-1');
    expect(await regionOf(createDocumentClient() as never)).toBe('eu-west-1');
  });
});
