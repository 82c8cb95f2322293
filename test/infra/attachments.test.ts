import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../lib/function-catalog.ts';
import { synthStage } from './synth.ts';

type Resource = { Properties: Record<string, unknown>; DeletionPolicy?: string };
type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };

let dev: ReturnType<typeof synthStage>;
let prod: ReturnType<typeof synthStage>;

beforeAll(() => {
  // cdk-nag AwsSolutions runs on both: an unacknowledged finding throws here.
  dev = synthStage('dev');
  prod = synthStage('prod');
});

/** The attachments bucket: the one bucket with a CORS rule. */
function attachmentsBucket(template: Template): [string, Resource] {
  const found = Object.entries(
    template.findResources('AWS::S3::Bucket', { Properties: { CorsConfiguration: Match.anyValue() } }),
  );
  expect(found).toHaveLength(1);
  return found[0] as [string, Resource];
}

function statementsOf(template: Template, description: string): Statement[] {
  const [, fn] = Object.entries(
    template.findResources('AWS::Lambda::Function', { Properties: { Description: description } }),
  )[0] as [string, Resource];
  const role = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  return Object.values(template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: role }] } }))
    .flatMap((p) => ((p as Resource).Properties.PolicyDocument as { Statement: Statement[] }).Statement)
    .filter(Boolean);
}

const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const objectsUnder = (bucketId: string, prefix: string) => ({
  'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, `/${prefix}*`]],
});

describe('attachments bucket', () => {
  it('is encrypted with the stage key, private, TLS-only, versioned and access-logged', () => {
    const [id, bucket] = attachmentsBucket(dev.core);
    expect(bucket.Properties).toMatchObject({
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: expect.anything() },
          },
        ],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: {
        DestinationBucketName: { Ref: expect.any(String) },
        LogFilePrefix: 'attachments/',
      },
    });
    // The key is the data stack's (an import), not a key of its own.
    const kmsKey = (bucket.Properties.BucketEncryption as { ServerSideEncryptionConfiguration: unknown[] })
      .ServerSideEncryptionConfiguration[0] as { ServerSideEncryptionByDefault: { KMSMasterKeyID: object } };
    expect(Object.keys(kmsKey.ServerSideEncryptionByDefault.KMSMasterKeyID)).toEqual(['Fn::ImportValue']);
    dev.core.resourceCountIs('AWS::KMS::Key', 0);
    dev.core.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: id },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('expires uploads nobody attached after a day, versions included', () => {
    const [, bucket] = attachmentsBucket(dev.core);
    const rules = (bucket.Properties.LifecycleConfiguration as { Rules: Record<string, unknown>[] }).Rules;
    expect(rules).toContainEqual({
      Id: 'expire-pending-uploads',
      Prefix: 'uploads/pending/',
      Status: 'Enabled',
      ExpirationInDays: 1,
      NoncurrentVersionExpiration: { NoncurrentDays: 1 },
      AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
    });
    // Verified attachments do not expire with the pending ones.
    const expiring = rules.filter((r) => r.ExpirationInDays !== undefined);
    expect(expiring.map((r) => r.Prefix)).toEqual(['uploads/pending/']);
  });

  it('allows cross-origin POST only (browser uploads), no cross-origin reads', () => {
    const [, bucket] = attachmentsBucket(dev.core);
    expect(bucket.Properties.CorsConfiguration).toEqual({
      CorsRules: [
        {
          Id: 'browser-uploads',
          AllowedMethods: ['POST'],
          AllowedOrigins: ['*'],
          AllowedHeaders: ['*'],
          MaxAge: 3000,
        },
      ],
    });
  });

  it('keeps both buckets when a prod stack is deleted', () => {
    const [id, bucket] = attachmentsBucket(prod.core);
    expect(bucket.DeletionPolicy).toBe('Retain');
    const logs = (bucket.Properties.LoggingConfiguration as { DestinationBucketName: { Ref: string } })
      .DestinationBucketName.Ref;
    expect((prod.core.findResources('AWS::S3::Bucket')[logs] as Resource | undefined)?.DeletionPolicy).toBe(
      'Retain',
    );
    expect(id).not.toBe(logs);
  });
});

describe('citizenApi grants', () => {
  it('may put, get and delete uploads, put and get verified attachments, and nothing else in S3', () => {
    const [bucketId] = attachmentsBucket(dev.core);
    const statements = statementsOf(dev.core, FUNCTIONS.citizenApi.description);
    const s3 = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')));
    expect(s3).toEqual([
      {
        Effect: 'Allow',
        Action: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'],
        Resource: objectsUnder(bucketId, 'uploads/pending/'),
      },
      {
        Effect: 'Allow',
        Action: ['s3:PutObject', 's3:GetObject'],
        Resource: objectsUnder(bucketId, 'uploads/cases/'),
      },
    ]);
    expect(statements).toContainEqual({
      Effect: 'Allow',
      Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
      Resource: expect.objectContaining({ 'Fn::ImportValue': expect.any(String) }),
      Condition: { StringEquals: { 'kms:ViaService': 's3.me-central-1.amazonaws.com' } },
    });
  });

  it('is told the bucket name; only emailInbound (mail attachments), the agent API (previews) and Open311 (app photos) besides it', () => {
    const [bucketId] = attachmentsBucket(dev.core);
    const functions = Object.values(dev.core.findResources('AWS::Lambda::Function')) as Resource[];
    const withBucket = functions.filter((f) =>
      JSON.stringify(f.Properties.Environment ?? {}).includes('ATTACHMENTS_BUCKET'),
    );
    expect(withBucket.map((f) => f.Properties.Description).sort()).toEqual(
      [
        FUNCTIONS.citizenApi.description,
        FUNCTIONS.emailInbound.description,
        FUNCTIONS.agentApi.description,
        FUNCTIONS.open311Api.description,
      ].sort(),
    );
    for (const fn of withBucket) {
      expect(fn.Properties.Environment).toMatchObject({
        Variables: expect.objectContaining({ ATTACHMENTS_BUCKET: { Ref: bucketId } }),
      });
    }
    const policies = Object.values(dev.core.findResources('AWS::IAM::Policy')) as Resource[];
    const mentioning = policies.filter((p) => JSON.stringify(p.Properties.PolicyDocument).includes(bucketId));
    expect(mentioning).toHaveLength(4);
    const statements = mentioning.flatMap(
      (p) => (p.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement,
    );
    const mailGrant = statements.filter((s) => JSON.stringify(s.Resource).includes('/uploads/cases/mail-*'));
    expect(mailGrant).toEqual([expect.objectContaining({ Action: 's3:PutObject', Effect: 'Allow' })]);
    // Open311 writes the photos apps send, under their own prefix, and reads nothing.
    const appGrant = statements.filter((s) => JSON.stringify(s.Resource).includes('/uploads/cases/app-*'));
    expect(appGrant).toEqual([expect.objectContaining({ Action: 's3:PutObject', Effect: 'Allow' })]);
  });
});

describe('agentApi grants', () => {
  it('may only get verified attachments (to sign view links) and decrypt them through S3', () => {
    const [bucketId] = attachmentsBucket(dev.core);
    const statements = statementsOf(dev.core, FUNCTIONS.agentApi.description);
    const s3 = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')));
    expect(s3).toEqual([
      expect.objectContaining({
        Action: 's3:GetObject',
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/uploads/cases/*']] },
      }),
    ]);
    expect(statements).toContainEqual(
      expect.objectContaining({
        Action: 'kms:Decrypt',
        Condition: { StringEquals: { 'kms:ViaService': 's3.me-central-1.amazonaws.com' } },
      }),
    );
  });
});
