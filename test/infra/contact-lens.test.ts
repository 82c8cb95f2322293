import { App } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StageConfig } from '../../lib/config/stage-config.ts';
import { addStage } from '../../lib/nidaa-app.ts';
import { stageConfig } from './synth.ts';

/** prod with its own created instance and Contact Lens asked for, in `region` (cdk-nag runs as in cdk synth). */
function synthWithContactLens(region: string) {
  const base = stageConfig('prod');
  const config: StageConfig = {
    ...base,
    regions: { ...base.regions, contactCenter: region },
    contactCenter: { ...base.contactCenter, instanceArn: undefined, contactLens: true },
  };
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const { contactCenter } = addStage(app, config, {});
  return { template: Template.fromStack(contactCenter), annotations: Annotations.fromStack(contactCenter) };
}

type Resource = { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] };

let frankfurt: ReturnType<typeof synthWithContactLens>;
let mumbai: ReturnType<typeof synthWithContactLens>;
beforeAll(() => {
  frankfurt = synthWithContactLens('eu-central-1');
  mumbai = synthWithContactLens('ap-south-1');
});

describe('Contact Lens where the instance’s region offers it (eu-central-1, prod)', () => {
  it('turns on the instance attribute and keeps call recordings in a private KMS bucket with a lifecycle', () => {
    const t = frankfurt.template;
    t.hasResourceProperties('AWS::Connect::Instance', {
      Attributes: Match.objectLike({ ContactLens: true }),
    });
    const storage = Object.entries(
      t.findResources('AWS::Connect::InstanceStorageConfig', {
        Properties: { ResourceType: 'CALL_RECORDINGS' },
      }),
    ) as [string, Resource][];
    expect(storage).toHaveLength(1);
    const [, recordings] = storage[0] as [string, Resource];
    expect(recordings.Properties).toMatchObject({
      StorageType: 'S3',
      S3Config: { BucketPrefix: 'call-recordings', EncryptionConfig: { EncryptionType: 'KMS' } },
    });
    // One storage configuration at a time (Connect throttles parallel calls).
    expect(recordings.DependsOn?.some((d) => d.includes('ChatTranscripts'))).toBe(true);
    const bucketRef = (recordings.Properties.S3Config as { BucketName: { Ref: string } }).BucketName.Ref;
    const bucket = t.toJSON().Resources[bucketRef];
    expect(bucket.Properties).toMatchObject({
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LifecycleConfiguration: { Rules: [{ ExpirationInDays: 730, Status: 'Enabled' }] },
    });
    expect(bucket.DeletionPolicy).toBe('Retain');
  });

  it('hands each analysis under Analysis/Voice/ to contactAnalysis, which may read analyses only', () => {
    const t = frankfurt.template;
    t.hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [
          Match.objectLike({
            Events: ['s3:ObjectCreated:*'],
            Filter: {
              Key: {
                FilterRules: Match.arrayWith([{ Name: 'prefix', Value: 'Analysis/Voice/' }]),
              },
            },
          }),
        ],
      },
    });
    const policies = JSON.stringify(t.findResources('AWS::IAM::Policy'));
    expect(policies).toContain('/Analysis/Voice/*');
    // Nothing grants reading the recordings themselves.
    expect(policies).not.toContain('/call-recordings/*');
  });

  it('deploys the contactAnalysis function next to the instance', () => {
    frankfurt.template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('Contact Lens post-call analysis'),
    });
  });

  it('asks for post-call analytics in the deployed hotline flow', () => {
    const flows = Object.values(frankfurt.template.findResources('AWS::Connect::ContactFlow')) as Resource[];
    const content = flows.map((f) => JSON.stringify(f.Properties.Content)).join('\n');
    expect(content).toContain('UpdateContactRecordingBehavior');
    expect(content).toContain('PostContact');
    expect(content).toContain('ar-AE');
  });
});

describe('Contact Lens asked for where the region does not offer it (ap-south-1)', () => {
  it('stays off, records no calls, and says why at synth', () => {
    const t = mumbai.template;
    t.hasResourceProperties('AWS::Connect::Instance', {
      Attributes: Match.objectLike({ ContactLens: false }),
    });
    expect(
      Object.keys(
        t.findResources('AWS::Connect::InstanceStorageConfig', {
          Properties: { ResourceType: 'CALL_RECORDINGS' },
        }),
      ),
    ).toEqual([]);
    const flows = Object.values(t.findResources('AWS::Connect::ContactFlow')) as Resource[];
    expect(flows.map((f) => JSON.stringify(f.Properties.Content)).join('\n')).not.toContain('PostContact');
    mumbai.annotations.hasWarning(
      '*',
      Match.stringLikeRegexp('Contact Lens is off: .*not offered in ap-south-1'),
    );
  });
});
