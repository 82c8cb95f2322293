import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { STATUS_LIMIT_MESSAGE } from '../../functions/core/status/limits.ts';
import { FUNCTIONS, type FunctionName } from '../../lib/function-catalog.ts';
import { synthStage } from './synth.ts';

let dev: ReturnType<typeof synthStage>;

beforeAll(() => {
  // cdk-nag runs during synthesis: an unacknowledged finding on the secret throws here.
  dev = synthStage('dev');
});

type Resource = { Properties: Record<string, unknown> };
const resourcesOf = (template: typeof dev.core, type: string) =>
  Object.entries(template.findResources(type)) as [string, Resource][];

const trackingSecretId = () => {
  const found = resourcesOf(dev.core, 'AWS::SecretsManager::Secret').find(
    ([, s]) => s.Properties.Name === 'nidaa/dev/tracking-links',
  );
  if (!found) throw new Error('no tracking secret');
  return found[0];
};

const names = (flag: 'tracksRequests' | 'answersStatus', invokedByConnect = false) =>
  (Object.entries(FUNCTIONS) as [FunctionName, (typeof FUNCTIONS)[FunctionName]][])
    .filter(([, spec]) => flag in spec && 'invokedByConnect' in spec === invokedByConnect)
    .map(([, spec]) => spec.description)
    .sort();

describe('tracking links (docs/decisions/0086)', () => {
  it('keeps the key in Secrets Manager, generated and encrypted with the stage key', () => {
    dev.core.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: 'nidaa/dev/tracking-links',
      KmsKeyId: Match.anyValue(),
      GenerateSecretString: Match.objectLike({ PasswordLength: 64 }),
    });
  });

  it('gives the key to the functions that sign or check links, and to no other', () => {
    const secretId = trackingSecretId();
    const functions = resourcesOf(dev.core, 'AWS::Lambda::Function').filter(([, f]) =>
      JSON.stringify(f.Properties.Environment ?? {}).includes('TRACKING_SECRET_ARN'),
    );
    expect(functions.map(([, f]) => f.Properties.Description).sort()).toEqual(names('tracksRequests'));
    const readers = resourcesOf(dev.core, 'AWS::IAM::Policy').filter(([, p]) => {
      const text = JSON.stringify(p.Properties);
      return text.includes('"secretsmanager:GetSecretValue"') && text.includes(`{"Ref":"${secretId}"}`);
    });
    expect(readers).toHaveLength(names('tracksRequests').length);
  });
});

describe('walking references is visible (docs/decisions/0085)', () => {
  it('counts refused lookups from every function that answers status, and alarms on them', () => {
    const filters = resourcesOf(dev.core, 'AWS::Logs::MetricFilter').filter(([, f]) =>
      JSON.stringify(f.Properties).includes(STATUS_LIMIT_MESSAGE),
    );
    expect(filters).toHaveLength(names('answersStatus').length);
    dev.core.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'StatusLimitRefusals',
      Namespace: 'Nidaa/nidaa-dev',
      Statistic: 'Sum',
      AlarmActions: Match.anyValue(),
    });
    // The hotline answers status in the contact-center stack: its own filter and alarm there.
    dev.contactCenter.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'StatusLimitRefusals' });
  });
});
