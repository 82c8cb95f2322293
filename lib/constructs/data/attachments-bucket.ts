import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { CASE_PREFIX, PENDING_PREFIX } from '../../../functions/core/attachments/policy.ts';
import { ENV } from '../../../functions/shared/env.ts';
import { accessLogBucket, logAccess, privateKmsBucket } from '../shared/buckets.ts';
import { keyUseThrough } from '../shared/key-use.ts';

export type AttachmentsBucketProps = {
  key: kms.IKey;
  /** Days server access logs are kept. @default 365 */
  accessLogDays?: number;
  /** prod: keep the buckets when the stack is deleted. */
  protectData: boolean;
};

/**
 * Citizens' photos and documents (docs/decisions/0013): a KMS-encrypted (stage key), versioned, private,
 * TLS-only bucket with server access logs.
 *
 * - Browsers upload with presigned POSTs under `uploads/pending/<uploadId>`; an upload nobody attached
 *   expires after a day, and so do the versions a verified upload leaves behind when it is deleted.
 * - Verified files live under `uploads/cases/<uploadId>` (JPEGs without their metadata); they stay as
 *   long as the case. A version replaced by a later write is kept 30 days.
 * - CORS: the portal is served from another origin than S3, so the browser's POST is cross-origin.
 *   The rule allows only POST, from any origin (the portal, the staging portal, a municipality's own
 *   site); it grants nothing by itself: each POST still needs a policy signed by the citizen API for one
 *   key, one type and a size range, valid 10 minutes. S3 CORS cannot be limited to a prefix, but the
 *   signed policy limits the key, and no GET/PUT is allowed cross-origin.
 */
export class AttachmentsBucket extends Construct {
  readonly bucket: s3.Bucket;
  readonly accessLogs: s3.Bucket;
  private readonly key: kms.IKey;

  constructor(scope: Construct, id: string, props: AttachmentsBucketProps) {
    super(scope, id);
    this.key = props.key;
    const removalPolicy = props.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.accessLogs = accessLogBucket(this, 'attachments', props.accessLogDays ?? 365, removalPolicy);

    this.bucket = new s3.Bucket(this, 'Attachments', {
      ...privateKmsBucket(props.key),
      cors: [
        {
          id: 'browser-uploads',
          allowedMethods: [s3.HttpMethods.POST],
          allowedOrigins: ['*'],
          allowedHeaders: ['*'],
          maxAge: 3000,
        },
      ],
      lifecycleRules: [
        {
          id: 'expire-pending-uploads',
          prefix: PENDING_PREFIX,
          expiration: Duration.days(1),
          noncurrentVersionExpiration: Duration.days(1),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
        {
          id: 'expire-replaced-attachments',
          prefix: CASE_PREFIX,
          noncurrentVersionExpiration: Duration.days(30),
        },
        { id: 'remove-expired-delete-markers', expiredObjectDeleteMarker: true },
      ],
      removalPolicy,
    });

    logAccess(this.bucket, this.accessLogs, 'attachments/');
  }

  /**
   * Lets the function sign upload forms and verify uploads, and tells it the bucket
   * (ATTACHMENTS_BUCKET). The presigned POST is signed with the function's credentials, so the
   * citizen's upload needs s3:PutObject under `uploads/pending/` and kms:GenerateDataKey; verification
   * reads (HeadObject is s3:GetObject), writes the verified file under `uploads/cases/` and deletes the
   * pending one. No listing, no deleting verified files, nothing outside `uploads/`.
   */
  grantUploads(fn: lambda.Function) {
    this.grantObjects(fn, {
      [PENDING_PREFIX]: {
        actions: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'],
        why: 'each upload is named by a random upload id chosen when its form is signed',
      },
      [CASE_PREFIX]: {
        actions: ['s3:PutObject', 's3:GetObject'],
        why: 'each verified attachment is named by its upload id',
      },
    });
  }

  /**
   * Lets emailInbound store the files of received mail: PutObject under `uploads/cases/mail-*` only (keys
   * made of the SES message id), the key through S3, and the bucket's name.
   */
  grantMailAttachments(fn: lambda.Function) {
    this.grantObjects(fn, {
      [`${CASE_PREFIX}mail-`]: {
        actions: ['s3:PutObject'],
        why: 'the files of received mail are named by the SES message id',
      },
    });
  }

  /**
   * Lets the function sign view links for verified attachments (staff previews): s3:GetObject under
   * `uploads/cases/` and decryption through S3 only. No writing, no pending uploads, no listing.
   */
  grantViewing(fn: lambda.Function) {
    this.grantObjects(fn, {
      [CASE_PREFIX]: { actions: ['s3:GetObject'], why: 'each verified attachment is named by its upload id' },
    });
  }

  /**
   * Object actions under each prefix, the key through S3 for what they need (reading decrypts, writing
   * makes a data key), the bucket's name (ATTACHMENTS_BUCKET), and the cdk-nag acknowledgement of each
   * prefix's wildcard with its reason. No listing, nothing outside the prefixes.
   */
  private grantObjects(fn: lambda.Function, grants: Record<string, { actions: string[]; why: string }>) {
    const actions = Object.values(grants).flatMap((g) => g.actions);
    for (const [prefix, grant] of Object.entries(grants)) {
      fn.addToRolePolicy(
        new iam.PolicyStatement({
          actions: grant.actions,
          resources: [this.bucket.arnForObjects(`${prefix}*`)],
        }),
      );
    }
    const keyActions = [
      ...(actions.includes('s3:PutObject') ? (['kms:GenerateDataKey'] as const) : []),
      ...(actions.includes('s3:GetObject') ? (['kms:Decrypt'] as const) : []),
    ];
    fn.addToRolePolicy(keyUseThrough(this, 's3', this.key.keyArn, keyActions));
    fn.addEnvironment(ENV.attachmentsBucket, this.bucket.bucketName);
    if (!fn.role) return;
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket);
    for (const [prefix, { why }] of Object.entries(grants)) {
      Validations.of(fn.role).acknowledge({
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${prefix}*]`,
        reason: `Objects under ${prefix} of the attachments bucket only: ${why}, unknown when the policy is written.`,
      });
    }
  }
}
