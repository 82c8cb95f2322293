import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../lib/function-catalog.ts';
import { stageConfig, synthStage } from './synth.ts';

type Resource = { Properties: Record<string, unknown>; DependsOn?: string[] };

let dev: ReturnType<typeof synthStage>;

/** The mail stack's resources are the MailReceiving construct's (and its key). */
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
  // dev as configured: case data in me-central-1, mail received in eu-west-1 (docs/decisions/0046).
  dev = synthStage('dev');
});

describe('raw mail bucket', () => {
  it('is KMS-encrypted with the stage key, private, TLS-only, versioned, expiring and access-logged', () => {
    const [logsId] = only(
      dev.mail,
      'AWS::S3::Bucket',
      {
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
      },
      MAIL,
    );
    dev.mail.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: { 'Fn::Join': ['', ['nidaa-dev-raw-mail-', { Ref: 'AWS::AccountId' }, '-eu-west-1']] },
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
    const denyHttp = dev.mail.findResources('AWS::S3::BucketPolicy', {
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

  it('grants SES nothing of its own: with a role on the S3 action, SES uses only that role', () => {
    // A grant to ses.amazonaws.com on the bucket, the topic or the key would never be used (and would hide
    // a missing grant on the role, which is the one SES uses).
    for (const type of ['AWS::S3::BucketPolicy', 'AWS::SNS::TopicPolicy', 'AWS::KMS::Key']) {
      for (const [, resource] of Object.entries(dev.mail.findResources(type))) {
        const statements = JSON.stringify(
          (resource as Resource).Properties.PolicyDocument ?? (resource as Resource).Properties.KeyPolicy,
        );
        expect(statements, type).not.toContain('ses.amazonaws.com');
      }
    }
  });
});

describe('receipt rule', () => {
  it('stores the message in S3 with the writer role and announces it on the topic (one action)', () => {
    const [topicId] = only(dev.mail, 'AWS::SNS::Topic', { TopicName: 'nidaa-dev-mail-received' });
    const [, rule] = only(dev.mail, 'AWS::SES::ReceiptRule');
    expect(rule.Properties).toMatchObject({
      Rule: {
        Enabled: true,
        ScanEnabled: true,
        TlsPolicy: 'Require',
        Recipients: [stageConfig('dev').email.domain],
        Actions: [
          {
            S3Action: {
              ObjectKeyPrefix: 'inbound/',
              IamRoleArn: { 'Fn::GetAtt': [expect.any(String), 'Arn'] },
              TopicArn: { Ref: topicId },
            },
          },
        ],
      },
    });
  });

  it('gives SES’s role all it needs: put under inbound/, the key through S3, publish, the key through SNS', () => {
    const [topicId] = only(dev.mail, 'AWS::SNS::Topic', { TopicName: 'nidaa-dev-mail-received' });
    const [keyId] = only(dev.mail, 'AWS::KMS::Key');
    const [, rule] = only(dev.mail, 'AWS::SES::ReceiptRule');
    const roleId = (
      rule.Properties.Rule as { Actions: { S3Action: { IamRoleArn: { 'Fn::GetAtt': string[] } } }[] }
    ).Actions[0]?.S3Action.IamRoleArn['Fn::GetAtt'][0];
    const [policyId, policy] = only(dev.mail, 'AWS::IAM::Policy', { Roles: [{ Ref: roleId }] });
    const keyArn = { 'Fn::GetAtt': [keyId, 'Arn'] };
    const via = (service: string) => ({
      StringEquals: { 'kms:ViaService': `${service}.eu-west-1.amazonaws.com` },
    });
    expect((policy.Properties.PolicyDocument as { Statement: unknown[] }).Statement).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Action: 's3:PutObject',
          Resource: { 'Fn::Join': ['', [expect.anything(), '/inbound/*']] },
        }),
        expect.objectContaining({
          Action: ['kms:GenerateDataKey', 'kms:Encrypt'],
          Resource: keyArn,
          Condition: via('s3'),
        }),
        expect.objectContaining({ Action: 'sns:Publish', Resource: { Ref: topicId } }),
        expect.objectContaining({
          Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
          Resource: keyArn,
          Condition: via('sns'),
        }),
      ]),
    );
    // SES checks the role when the rule is created.
    expect(rule.DependsOn).toEqual(expect.arrayContaining([roleId, policyId]));
  });

  it('announces on a KMS-encrypted, TLS-only topic', () => {
    const [keyId] = only(dev.mail, 'AWS::KMS::Key');
    dev.mail.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/nidaa-dev-raw-mail' });
    dev.mail.hasResourceProperties('AWS::SNS::Topic', {
      TopicName: 'nidaa-dev-mail-received',
      KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
    });
    dev.mail.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('names the rule set after the stage, for `aws ses set-active-receipt-rule-set`', () => {
    dev.mail.hasResourceProperties('AWS::SES::ReceiptRuleSet', { RuleSetName: 'nidaa-dev' });
    dev.mail.hasOutput('MailRuleSetName', { Value: 'nidaa-dev' });
  });

  it('lets only SES, for this rule set, assume the writer role', () => {
    dev.mail.hasResourceProperties('AWS::IAM::Role', {
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

describe('emailInbound (core stack, regions.caseData)', () => {
  it('is handed each notification by the mail stack’s relay, which invokes it by its fixed name', () => {
    only(dev.core, 'AWS::Lambda::Function', {
      Description: FUNCTIONS.emailInbound.description,
      FunctionName: 'nidaa-dev-emailInbound',
    });
    // SNS cannot deliver to Lambda in an opt-in region (me-central-1) from eu-west-1: no cross-region
    // subscription; the relay in the mail region is subscribed instead.
    dev.core.resourceCountIs('AWS::SNS::Subscription', 1); // the configuration set's events only
    const [relayId] = only(dev.mail, 'AWS::Lambda::Function', {
      Description: FUNCTIONS.mailRelay.description,
    });
    dev.mail.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      Endpoint: { 'Fn::GetAtt': [relayId, 'Arn'] },
    });
    const target = {
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':lambda:me-central-1:',
          { Ref: 'AWS::AccountId' },
          ':function:nidaa-dev-emailInbound',
        ],
      ],
    };
    dev.mail.hasResourceProperties('AWS::Lambda::Function', {
      Description: FUNCTIONS.mailRelay.description,
      Environment: { Variables: Match.objectLike({ EMAIL_INBOUND_FUNCTION_ARN: target }) },
    });
    dev.mail.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Action: 'lambda:InvokeFunction', Resource: target })]),
      },
    });
    // The core stack imports the data stack's key and table, never anything of the mail stack.
    expect(JSON.stringify(dev.core.toJSON())).not.toContain('Nidaa-dev-Mail');
    expect(JSON.stringify(dev.mail.toJSON())).not.toContain('Fn::ImportValue');
  });

  it('knows where the raw mail is and may read it (and decrypt it through S3) but not write it', () => {
    const [, fn] = only(dev.core, 'AWS::Lambda::Function', {
      Description: FUNCTIONS.emailInbound.description,
    });
    expect(fn.Properties).toMatchObject({
      Environment: {
        Variables: expect.objectContaining({
          RAW_MAIL_BUCKET: {
            'Fn::Join': ['', ['nidaa-dev-raw-mail-', { Ref: 'AWS::AccountId' }, '-eu-west-1']],
          },
          RAW_MAIL_PREFIX: 'inbound/',
          MAIL_RECEIVING_REGION: 'eu-west-1',
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
    // GetObject on the raw mail; PutObject only for attachments of received mail.
    expect(actions.filter((a) => a.startsWith('s3:')).sort()).toEqual(['s3:GetObject', 's3:PutObject']);
    expect(statements).toContainEqual(
      expect.objectContaining({
        Action: 'kms:Decrypt',
        Condition: {
          StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' },
          'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/nidaa-dev-raw-mail' },
        },
      }),
    );
  });
});

describe('sending events', () => {
  it('sends with a configuration set whose delivery, bounce and complaint events reach emailEvents', () => {
    const [functionId] = only(dev.core, 'AWS::Lambda::Function', {
      Description: FUNCTIONS.emailEvents.description,
    });
    dev.core.hasResourceProperties('AWS::SES::ConfigurationSet', {
      Name: 'nidaa-dev',
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
    });
    const [, destination] = only(dev.core, 'AWS::SES::ConfigurationSetEventDestination');
    expect(destination.Properties).toMatchObject({
      ConfigurationSetName: { Ref: expect.any(String) },
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: ['delivery', 'bounce', 'complaint'],
        SnsDestination: { TopicARN: { Ref: expect.any(String) } },
      },
    });
    const topicId = (
      destination.Properties.EventDestination as { SnsDestination: { TopicARN: { Ref: string } } }
    ).SnsDestination.TopicARN.Ref;
    dev.core.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      TopicArn: { Ref: topicId },
      Endpoint: { 'Fn::GetAtt': [functionId, 'Arn'] },
    });
  });

  it('lets senders use the stage’s configuration set, and nothing else of SES', () => {
    dev.core.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['ses:SendEmail', 'ses:SendRawEmail'],
            Resource: Match.arrayWith([
              { 'Fn::Join': ['', Match.arrayWith([':configuration-set/nidaa-dev'])] },
            ]),
          }),
        ]),
      },
    });
  });
});

describe('prod', () => {
  it('synthesizes cdk-nag clean too, and keeps both mail buckets and the key when the stack is deleted', () => {
    const prod = synthStage('prod');
    const buckets = Object.values(prod.mail.findResources('AWS::S3::Bucket')) as {
      DeletionPolicy?: string;
    }[];
    expect(buckets.map((b) => b.DeletionPolicy)).toEqual(['Retain', 'Retain']);
    const [, key] = only(prod.mail, 'AWS::KMS::Key');
    expect((key as { DeletionPolicy?: string }).DeletionPolicy).toBe('Retain');
    prod.mail.hasResourceProperties('AWS::SES::ReceiptRuleSet', { RuleSetName: 'nidaa-prod' });
  });

  it('also deploys a mail stack when SES receives in the case-data region itself', () => {
    const same = synthStage('prod', (c) => ({
      ...c,
      regions: { ...c.regions, caseData: c.regions.mailReceiving },
    }));
    same.mail.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'lambda' });
    same.mail.resourceCountIs('AWS::SES::ReceiptRule', 1);
  });
});
