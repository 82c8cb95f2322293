import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { SIGNED_ROUTES } from '../../functions/core/auth/policy.ts';
import { ROUTES, routeKey } from '../../lib/function-catalog.ts';
import { synthStage } from './synth.ts';

let dev: ReturnType<typeof synthStage>;

beforeAll(() => {
  // cdk-nag runs during synthesis: an unacknowledged finding on the secret or the route throws here.
  dev = synthStage('dev');
});

type Resource = { Properties: Record<string, unknown> };

const resourcesOf = (type: string) => Object.entries(dev.core.findResources(type)) as [string, Resource][];

/** The logical id of a catalogue function, e.g. smsWebhookFunction… */
const functionId = (name: string) => {
  const found = resourcesOf('AWS::Lambda::Function').find(([id]) => id.startsWith(`${name}Function`));
  if (!found) throw new Error(`no function ${name}`);
  return found[0];
};

const policiesMentioning = (action: string) =>
  resourcesOf('AWS::IAM::Policy').filter(([, p]) => JSON.stringify(p.Properties).includes(`"${action}"`));

describe('SMS aggregator webhook', () => {
  it('routes POST /v1/sms/inbound to the webhook function without a JWT authorizer (the function verifies the signature)', () => {
    const route = ROUTES.find((r) => r.auth === 'signed');
    expect(route && routeKey(route)).toBe('POST /v1/sms/inbound');
    expect(Object.keys(SIGNED_ROUTES)).toEqual(['POST /v1/sms/inbound']);
    dev.core.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'POST /v1/sms/inbound',
      AuthorizationType: 'NONE',
      Target: Match.anyValue(),
    });
    const integrations = resourcesOf('AWS::ApiGatewayV2::Integration').filter(([, i]) =>
      JSON.stringify(i.Properties.IntegrationUri).includes(functionId('smsWebhook')),
    );
    expect(integrations).toHaveLength(1);
  });

  it('keeps the shared secret in Secrets Manager, generated and encrypted with the stage key', () => {
    dev.core.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: 'nidaa/dev/sms-aggregator-webhook',
      KmsKeyId: Match.anyValue(),
      GenerateSecretString: Match.objectLike({ PasswordLength: 64, ExcludePunctuation: true }),
    });
  });

  it('gives the secret to the webhook function only: its ARN in the environment, GetSecretValue on it', () => {
    const secretId = resourcesOf('AWS::SecretsManager::Secret')[0]?.[0];
    dev.core.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('short-code aggregator'),
      Environment: { Variables: Match.objectLike({ SMS_WEBHOOK_SECRET_ARN: { Ref: secretId } }) },
    });
    // Other secrets have their own readers (the edge's origin secret); this one has exactly one.
    const readers = policiesMentioning('secretsmanager:GetSecretValue').filter(([, p]) =>
      JSON.stringify(p.Properties).includes(`{"Ref":"${secretId}"}`),
    );
    expect(readers).toHaveLength(1);
    const [, policy] = readers[0] as [string, Resource];
    expect(JSON.stringify(policy.Properties.Roles)).toContain('smsWebhookRole');
    const statement = (
      policy.Properties.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }
    ).Statement.find((s) => [s.Action].flat().includes('secretsmanager:GetSecretValue'));
    expect(statement?.Resource).toEqual({ Ref: secretId });
  });

  it('lets the webhook function send SMS and run case-intake, like the SNS path', () => {
    const [, policy] = resourcesOf('AWS::IAM::Policy').find(
      ([, p]) =>
        JSON.stringify(p.Properties.Roles).includes('smsWebhookRole') &&
        JSON.stringify(p.Properties).includes('states:StartSyncExecution'),
    ) as [string, Resource];
    expect(JSON.stringify(policy.Properties)).toContain('case-intake');
    const senders = policiesMentioning('sns:Publish').map(([, p]) => JSON.stringify(p.Properties.Roles));
    expect(senders.some((roles) => roles.includes('smsWebhookRole'))).toBe(true);
  });
});
