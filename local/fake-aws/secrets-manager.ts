import type { ServerResponse } from 'node:http';
import { parseRequestJson } from './malformed.ts';
import { json } from './respond.ts';

const AMZ_JSON = 'application/x-amz-json-1.1';

/** Local mode's only secret: what the SMS aggregator would sign with. A fixed dev value, never used in AWS. */
export const LOCAL_SMS_WEBHOOK_SECRET = 'nidaa-local-sms-webhook-secret';
export const LOCAL_SMS_WEBHOOK_SECRET_ARN =
  'arn:aws:secretsmanager:me-central-1:000000000000:secret:nidaa/local/sms-aggregator-webhook-AbCdEf';

/** What tracking links are signed with locally (docs/decisions/0086). */
export const LOCAL_TRACKING_SECRET_ARN =
  'arn:aws:secretsmanager:me-central-1:000000000000:secret:nidaa/local/tracking-links-AbCdEf';

/** What citizens are hashed with in the local analytics store (docs/decisions/0103). */
export const LOCAL_CITIZEN_KEY_SECRET_ARN =
  'arn:aws:secretsmanager:me-central-1:000000000000:secret:nidaa/local/citizen-key-AbCdEf';

const SECRETS: Record<string, string> = {
  [LOCAL_SMS_WEBHOOK_SECRET_ARN]: LOCAL_SMS_WEBHOOK_SECRET,
  [LOCAL_TRACKING_SECRET_ARN]: 'nidaa-local-tracking-secret',
  [LOCAL_CITIZEN_KEY_SECRET_ARN]: 'nidaa-local-citizen-key',
};

/** Secrets Manager (JSON 1.1, operation in X-Amz-Target): GetSecretValue, the one call Nidaa makes. */
export function serveSecretsManager(target: string, body: string, res: ServerResponse) {
  const { SecretId, VersionStage } = parseRequestJson<{ SecretId?: string; VersionStage?: string }>(body);
  // Local secrets never rotate: only AWSCURRENT exists, as for a secret that never did in AWS.
  const value = SecretId && (VersionStage ?? 'AWSCURRENT') === 'AWSCURRENT' ? SECRETS[SecretId] : undefined;
  if (target !== 'secretsmanager.GetSecretValue' || !SecretId || value === undefined) {
    return json(
      res,
      400,
      { __type: 'ResourceNotFoundException', message: `Secrets Manager can't find the specified secret.` },
      AMZ_JSON,
    );
  }
  json(
    res,
    200,
    {
      ARN: SecretId,
      Name: 'nidaa/local/sms-aggregator-webhook',
      VersionId: '00000000-0000-4000-8000-000000000001',
      SecretString: value,
      VersionStages: ['AWSCURRENT'],
      CreatedDate: 1_767_225_600,
    },
    AMZ_JSON,
  );
}
