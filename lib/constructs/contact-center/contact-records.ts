import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as connect from 'aws-cdk-lib/aws-connect';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import { Construct } from 'constructs';
import { ANALYSIS_PREFIX } from '../../../functions/core/hotline/contact-analysis.ts';
import { accessLogBucket, logAccess, privateKmsBucket } from '../shared/buckets.ts';
import { firehoseDeliveryRole } from '../shared/firehose-delivery-role.ts';
import { keyUseThrough } from '../shared/key-use.ts';

export type ContactRecordsProps = {
  instanceArn: string;
  key: kms.IKey;
  /** Days records and transcripts are kept. */
  days: number;
  protectData: boolean;
  /**
   * Keep call recordings (AWS::Connect::InstanceStorageConfig CALL_RECORDINGS), where Contact Lens also
   * writes its post-call analyses (`Analysis/Voice/…`): only with Contact Lens on (docs/decisions/0116).
   */
  callRecordings?: boolean;
};

export const CONTACT_RECORDS_PREFIX = 'contact-records/';
export const CHAT_TRANSCRIPTS_PREFIX = 'chat-transcripts';
const CALL_RECORDINGS_PREFIX = 'call-recordings';

/**
 * What the instance keeps for analytics, in this region's KMS key, in private TLS-only buckets with access
 * logs: contact records (CTRs), which Connect streams only to Kinesis, through Firehose into S3 (one JSON
 * record per contact, ready for Athena); and chat transcripts, which Connect writes straight to S3.
 * The instance takes one storage configuration at a time, so the second waits for the first.
 */
export class ContactRecords extends Construct {
  readonly contactRecordsBucket: s3.Bucket;
  /** Chat transcripts (`chat-transcripts/…`), for the chat-transcript handler that adds them to the case. */
  readonly chatTranscriptsBucket: s3.Bucket;
  readonly deliveryStream: firehose.CfnDeliveryStream;
  /** Call recordings and Contact Lens analyses; only with Contact Lens on. */
  readonly callRecordingsBucket?: s3.Bucket;

  constructor(scope: Construct, id: string, props: ContactRecordsProps) {
    super(scope, id);
    const removalPolicy = props.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const accessLogs = accessLogBucket(this, 'contact records and chat transcripts', 365, removalPolicy);
    const bucket = (bucketId: string, prefix: string) => {
      const b = new s3.Bucket(this, bucketId, {
        ...privateKmsBucket(props.key),
        lifecycleRules: [
          {
            id: 'expire-after-retention',
            expiration: Duration.days(props.days),
            noncurrentVersionExpiration: Duration.days(30),
          },
        ],
        removalPolicy,
      });
      logAccess(b, accessLogs, prefix);
      return b;
    };
    this.contactRecordsBucket = bucket('ContactRecordsBucket', 'contact-records/');
    this.chatTranscriptsBucket = bucket('ChatTranscriptsBucket', 'chat-transcripts/');

    const role = firehoseDeliveryRole(this, 'DeliveryRole', {
      bucket: this.contactRecordsBucket,
      objectPrefixes: [''],
      description: 'Lets Firehose deliver Connect contact records into their bucket',
    });
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [props.key.keyArn],
      }),
    );
    const bucketId = Stack.of(this).getLogicalId(this.contactRecordsBucket.node.defaultChild as s3.CfnBucket);
    Validations.of(role).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/*]`,
      reason:
        'Firehose names each object by delivery time, unknown in advance; the role may write only into the contact-records bucket.',
    });
    this.deliveryStream = new firehose.CfnDeliveryStream(this, 'ContactRecordStream', {
      deliveryStreamType: 'DirectPut',
      deliveryStreamEncryptionConfigurationInput: {
        keyType: 'CUSTOMER_MANAGED_CMK',
        keyArn: props.key.keyArn,
      },
      extendedS3DestinationConfiguration: {
        bucketArn: this.contactRecordsBucket.bucketArn,
        roleArn: role.roleArn,
        prefix: `${CONTACT_RECORDS_PREFIX}!{timestamp:yyyy/MM/dd}/`,
        errorOutputPrefix: 'contact-records-errors/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/',
        compressionFormat: 'GZIP',
        bufferingHints: { intervalInSeconds: 300, sizeInMBs: 5 },
        encryptionConfiguration: { kmsEncryptionConfig: { awskmsKeyArn: props.key.keyArn } },
      },
    });
    this.deliveryStream.node.addDependency(role);

    const records = new connect.CfnInstanceStorageConfig(this, 'ContactTraceRecords', {
      instanceArn: props.instanceArn,
      resourceType: 'CONTACT_TRACE_RECORDS',
      storageType: 'KINESIS_FIREHOSE',
      kinesisFirehoseConfig: { firehoseArn: this.deliveryStream.attrArn },
    });
    this.key = props.key;
    if (props.callRecordings) {
      this.callRecordingsBucket = bucket('CallRecordingsBucket', 'call-recordings/');
    }
    // What Connect writes straight to S3, in this region's key. Connect throttles storage-configuration
    // calls made in parallel (TooManyRequestsException): each waits for the one before.
    type DirectStorage = { id: string; resourceType: string; target: s3.Bucket; prefix: string };
    const direct: DirectStorage[] = [
      {
        id: 'ChatTranscripts',
        resourceType: 'CHAT_TRANSCRIPTS',
        target: this.chatTranscriptsBucket,
        prefix: CHAT_TRANSCRIPTS_PREFIX,
      },
    ];
    if (this.callRecordingsBucket) {
      direct.push({
        id: 'CallRecordings',
        resourceType: 'CALL_RECORDINGS',
        target: this.callRecordingsBucket,
        prefix: CALL_RECORDINGS_PREFIX,
      });
    }
    let previous: connect.CfnInstanceStorageConfig = records;
    for (const { id, resourceType, target, prefix } of direct) {
      const storage = new connect.CfnInstanceStorageConfig(this, id, {
        instanceArn: props.instanceArn,
        resourceType,
        storageType: 'S3',
        s3Config: {
          bucketName: target.bucketName,
          bucketPrefix: prefix,
          encryptionConfig: { encryptionType: 'KMS', keyId: props.key.keyArn },
        },
      });
      storage.node.addDependency(previous);
      previous = storage;
    }
  }

  private readonly key: kms.IKey;

  /**
   * Hands every new chat transcript to `fn` (S3 invokes it asynchronously), which may read transcripts
   * only: GetObject under the transcripts prefix, and the key only through S3.
   */
  sendTranscriptsTo(fn: lambda.Function) {
    this.notifyOnNewObjects(
      fn,
      this.chatTranscriptsBucket,
      CHAT_TRANSCRIPTS_PREFIX,
      { suffix: '.json' },
      'Transcripts under the chat-transcripts prefix only: Connect names each file by date and contact id, unknown when the policy is written.',
    );
  }

  /**
   * Hands every new Contact Lens post-call analysis to `fn`, which may read the analyses only (not the
   * recordings beside them). Nothing without call recordings (Contact Lens off).
   */
  sendContactAnalysesTo(fn: lambda.Function) {
    if (!this.callRecordingsBucket) return;
    this.notifyOnNewObjects(
      fn,
      this.callRecordingsBucket,
      ANALYSIS_PREFIX,
      { suffix: '.json' },
      'Contact Lens analyses under Analysis/Voice/ only: Contact Lens names each file by date and contact id, unknown when the policy is written; the recordings stay out of reach.',
    );
  }

  /**
   * Hands every batch of contact records Firehose stores (gzipped JSON, one CTR per line) to `fn`, which
   * may read contact records only: GetObject under the contact-records prefix, and the key only through S3.
   */
  sendContactRecordsTo(fn: lambda.Function) {
    this.notifyOnNewObjects(
      fn,
      this.contactRecordsBucket,
      CONTACT_RECORDS_PREFIX,
      {},
      'Contact records under the contact-records prefix only: Firehose names each batch by its delivery time and a random suffix, unknown when the policy is written.',
    );
  }

  private notifyOnNewObjects(
    fn: lambda.Function,
    bucket: s3.Bucket,
    prefix: string,
    filter: { suffix?: string },
    why: string,
  ) {
    bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(fn), {
      prefix,
      ...filter,
    });
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.arnForObjects(`${prefix}*`)] }),
    );
    fn.addToRolePolicy(keyUseThrough(this, 's3', this.key.keyArn, ['kms:Decrypt']));
    // CDK configures bucket notifications through one handler function per stack.
    const notifications = Stack.of(this).node.tryFindChild(
      'BucketNotificationsHandler050a0587b7544547bf325f094a3db834',
    );
    if (notifications) {
      Validations.of(notifications).acknowledge({
        id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          'CDK’s own handler that sets the bucket’s notification configuration at deployment: it only writes its logs, which is what this managed policy allows.',
      });
    }
    if (fn.role) {
      const bucketId = Stack.of(this).getLogicalId(bucket.node.defaultChild as s3.CfnBucket);
      Validations.of(fn.role).acknowledge({
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${prefix}*]`,
        reason: why,
      });
    }
  }
}
