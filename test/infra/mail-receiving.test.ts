import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../lib/function-catalog.ts';
import { stageConfig, synthStage } from './synth.ts';

type Resource = { Properties: Record<string, unknown>; DependsOn?: string[] };

let dev: ReturnType<typeof synthStage>;

/** The core stack holds other buckets too (attachments): mail's resources are the MailReceiving construct's. */
const MAIL = 'MailReceiving';

/** The one resource of a type matching `props` (and whose logical id starts with `idPrefix`), with its id. */
function only(
  template: Template,
  type: string,
  props: Record<string, unknown> = {},
  idPrefix = '',
): [string, Resource] {
  const found = Object.entries(template.findResources(type, { Properties: Match.objectLike(props) })).filter(
    ([id]) => id.startsWith(idPrefix),
  );
  expect(found).toHaveLength(1);
  return found[0] as [string, Resource];
}

beforeAll(() => {
  // Synthesizes with cdk-nag AwsSolutions: any unacknowledged finding (in these resources too) throws here.
  // A municipality that keeps everything in one SES receiving region (the receipt rules deploy with the core).
  dev = synthStage('dev', (c) => ({
    ...c,
    regions: { caseData: 'eu-west-1', contactCenter: 'eu-west-2', mailReceiving: 'eu-west-1' },
  }));
});

describe('raw mail bucket', () => {
  it('is KMS-encrypted with the stage key, private, TLS-only, versioned, expiring and access-logged', () => {
    const [logsId] = only(
      dev.core,
      'AWS::S3::Bucket',
      {
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
      },
      MAIL,
    );
    dev.core.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: Match.anyValue() },
          },
        ],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: { DestinationBucketName: { Ref: logsId }, LogFilePrefix: 'raw-mail/' },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ ExpirationInDays: 90, NoncurrentVersionExpiration: { NoncurrentDays: 7 } }),
        ]),
      },
    });
    // Both buckets refuse plain HTTP.
    const denyHttp = dev.core.findResources('AWS::S3::BucketPolicy', {
      Properties: {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      },
    });
    expect(Object.keys(denyHttp).filter((id) => id.startsWith(MAIL))).toHaveLength(2);
  });

  it('lets SES of this account put objects under inbound/ only', () => {
    dev.core.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'ses.amazonaws.com' },
            Action: 's3:PutObject',
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
            Resource: { 'Fn::Join': ['', [Match.anyValue(), '/inbound/*']] },
          }),
        ]),
      },
    });
  });
});

describe('receipt rule', () => {
  it('stores the message in S3 first, then invokes emailInbound asynchronously', () => {
    const [functionId] = only(dev.core, 'AWS::Lambda::Function', {
      Description: FUNCTIONS.emailInbound.description,
    });
    const [, rule] = only(dev.core, 'AWS::SES::ReceiptRule');
    const props = rule.Properties as { Rule: { Actions: Record<string, unknown>[] } };
    expect(props.Rule.Actions.map((a) => Object.keys(a)[0])).toEqual(['S3Action', 'LambdaAction']);
    expect(props.Rule).toMatchObject({
      Enabled: true,
      ScanEnabled: true,
      TlsPolicy: 'Require',
      Recipients: [stageConfig('dev').email.domain],
      Actions: [
        {
          S3Action: {
            ObjectKeyPrefix: 'inbound/',
            IamRoleArn: { 'Fn::GetAtt': [expect.any(String), 'Arn'] },
          },
        },
        {
          LambdaAction: {
            FunctionArn: { 'Fn::GetAtt': [functionId, 'Arn'] },
            InvocationType: 'Event',
          },
        },
      ],
    });
  });

  it('is created only after SES may write to the bucket and invoke the function', () => {
    const [, rule] = only(dev.core, 'AWS::SES::ReceiptRule');
    const [permissionId] = only(dev.core, 'AWS::Lambda::Permission', { Principal: 'ses.amazonaws.com' });
    const [bucketPolicyId] = only(dev.core, 'AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'ses.amazonaws.com' } })]),
      },
    });
    expect(rule.DependsOn).toEqual(expect.arrayContaining([permissionId, bucketPolicyId]));
  });

  it('names the rule set after the stage, for `aws ses set-active-receipt-rule-set`', () => {
    dev.core.hasResourceProperties('AWS::SES::ReceiptRuleSet', { RuleSetName: 'nidaa-dev' });
    dev.core.hasOutput('MailRuleSetName', { Value: 'nidaa-dev' });
  });

  it('lets only SES, for this rule set, assume the writer role', () => {
    dev.core.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Principal: { Service: 'ses.amazonaws.com' },
            Condition: {
              StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
              ArnLike: {
                'aws:SourceArn': {
                  'Fn::Join': [
                    '',
                    Match.arrayWith([':receipt-rule-set/nidaa-dev:receipt-rule/nidaa-dev-inbound']),
                  ],
                },
              },
            },
          }),
        ],
      },
    });
  });
});

describe('emailInbound', () => {
  it('knows where the raw mail is and may read it (and decrypt it through S3) but not write it', () => {
    const [, fn] = only(dev.core, 'AWS::Lambda::Function', {
      Description: FUNCTIONS.emailInbound.description,
    });
    expect(fn.Properties).toMatchObject({
      Environment: {
        Variables: expect.objectContaining({
          RAW_MAIL_BUCKET: { Ref: expect.any(String) },
          RAW_MAIL_PREFIX: 'inbound/',
        }),
      },
    });
    const role = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const policies = Object.values(
      dev.core.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: role }] } }),
    ) as Resource[];
    const statements = policies.flatMap(
      (p) => (p.Properties.PolicyDocument as { Statement: { Action: string | string[] }[] }).Statement,
    );
    const actions = statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    expect(actions).toContain('s3:GetObject');
    expect(actions.filter((a) => a.startsWith('s3:'))).toEqual(['s3:GetObject']);
    expect(statements).toContainEqual(
      expect.objectContaining({
        Action: 'kms:Decrypt',
        Condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } },
      }),
    );
  });
});

describe('prod', () => {
  it('synthesizes cdk-nag clean too, and keeps both mail buckets when the stack is deleted', () => {
    const prod = synthStage('prod', (c) => ({
      ...c,
      regions: { ...c.regions, caseData: c.regions.mailReceiving },
    }));
    const buckets = Object.entries(prod.core.findResources('AWS::S3::Bucket'))
      .filter(([id]) => id.startsWith(MAIL))
      .map(([, bucket]) => bucket as { DeletionPolicy?: string });
    expect(buckets.map((b) => b.DeletionPolicy)).toEqual(['Retain', 'Retain']);
    prod.core.hasResourceProperties('AWS::SES::ReceiptRuleSet', { RuleSetName: 'nidaa-prod' });
  });
});
