import { Aws, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { accessLogBucket, logAccess, privateKmsBucket } from '../shared/buckets.ts';
import { keyUseThrough } from '../shared/key-use.ts';
import { RAW_MAIL_PREFIX } from './mail-names.ts';

export type MailReceivingProps = {
  /** Mail for any address at this domain (plus-addresses included) is received: `nidaa.example.om`. */
  domain: string;
  /** Names the rule set `nidaa-<stage>`, the name `aws ses set-active-receipt-rule-set` needs. */
  stage: string;
  /** The mail stack's own key, in the receiving region (S3 and SNS need a key of their region). */
  key: kms.IKey;
  /** Fixed names (mail-names.ts): the core stack in regions.caseData finds them without an export. */
  bucketName: string;
  topicName: string;
  /** Days a raw message is kept before it expires (the case keeps its text). @default 90 */
  rawMailDays?: number;
  /** Days server access logs are kept. @default 365 */
  accessLogDays?: number;
  /** prod: keep the buckets when the stack is deleted. */
  protectData: boolean;
};

export { RAW_MAIL_PREFIX } from './mail-names.ts';

/**
 * Receives citizens' e-mail with SES: a receipt rule for every address at the stage's domain stores the
 * raw MIME message in a KMS-encrypted, versioned, private bucket (S3 action) and announces it on an
 * encrypted SNS topic; emailInbound, in the case-data region, is subscribed to the topic and reads the
 * object as `inbound/<messageId>` (docs/decisions/0046). Spam and virus scanning are on, and senders
 * must use TLS.
 *
 * Deployment notes (see the README):
 * - SES receives mail only in some regions (eu-west-1, us-east-1, us-west-2 and a few more; check
 *   "Email receiving endpoints" in the SES endpoints page). SES also refuses buckets in opt-in regions
 *   such as me-central-1 as S3 action targets. The construct must therefore live in a stack in
 *   `regions.mailReceiving` before it can receive real mail.
 * - A rule set receives nothing until it is the account's active one, which CloudFormation cannot set:
 *   `aws ses set-active-receipt-rule-set --rule-set-name nidaa-<stage> --region <mailReceiving region>`.
 * - The domain's MX record must point to `inbound-smtp.<region>.amazonaws.com`, and the domain must be a
 *   verified SES identity in that region.
 */
export class MailReceiving extends Construct {
  readonly bucket: s3.Bucket;
  readonly accessLogs: s3.Bucket;
  readonly ruleSet: ses.ReceiptRuleSet;
  readonly ruleSetName: string;
  /** SES announces each stored message here (the S3 action's notification). */
  readonly topic: sns.Topic;
  /** The one role SES uses for the S3 action: the bucket, the key and the topic. */
  readonly writer: iam.Role;
  constructor(scope: Construct, id: string, props: MailReceivingProps) {
    super(scope, id);
    const removalPolicy = props.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.accessLogs = accessLogBucket(this, 'raw-mail', props.accessLogDays ?? 365, removalPolicy);

    const rawMailDays = props.rawMailDays ?? 90;
    this.bucket = new s3.Bucket(this, 'RawMail', {
      ...privateKmsBucket(props.key),
      bucketName: props.bucketName,
      lifecycleRules: [
        {
          id: 'expire-raw-mail',
          expiration: Duration.days(rawMailDays),
          // Versioning protects against overwrites; an expired or deleted message is gone a week later.
          noncurrentVersionExpiration: Duration.days(7),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
        { id: 'remove-expired-delete-markers', expiredObjectDeleteMarker: true },
      ],
      removalPolicy,
    });

    logAccess(this.bucket, this.accessLogs, 'raw-mail/');

    this.ruleSetName = `nidaa-${props.stage}`;
    const ruleName = `nidaa-${props.stage}-inbound`;
    const ruleArn = `arn:${Aws.PARTITION}:ses:${Aws.REGION}:${Aws.ACCOUNT_ID}:receipt-rule-set/${this.ruleSetName}:receipt-rule/${ruleName}`;

    // SES uses this role, and only this role, for everything the S3 action touches: the bucket, the key
    // that encrypts it, and the topic with its key ("If an IAM role ARN is provided, the role (and only the
    // role) is used to access all the given resources", SES's S3Action reference). So every grant lives
    // here, and none on the bucket, topic or key for ses.amazonaws.com: such a grant would be unused.
    this.writer = new iam.Role(this, 'SesWriter', {
      description:
        'SES receipt rule: store received mail in the raw-mail bucket and announce it on the topic',
      assumedBy: new iam.ServicePrincipal('ses.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: { 'aws:SourceArn': ruleArn },
        },
      }),
    });
    this.writer.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects(`${RAW_MAIL_PREFIX}*`)],
      }),
    );
    this.writer.addToPolicy(
      keyUseThrough(this, 's3', props.key.keyArn, ['kms:GenerateDataKey', 'kms:Encrypt']),
    );
    Validations.of(this.writer).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${this.logicalIdOf(this.bucket)}.Arn>/${RAW_MAIL_PREFIX}*]`,
      reason:
        'SES names each object by a message id it chooses on arrival; the grant is limited to PutObject under the inbound/ prefix of this one bucket.',
    });

    // The notification carries SES's headers and verdicts, no body.
    this.topic = new sns.Topic(this, 'MailReceived', {
      topicName: props.topicName,
      masterKey: props.key,
      enforceSSL: true,
    });
    this.writer.addToPolicy(
      new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [this.topic.topicArn] }),
    );
    // Publishing to a KMS-encrypted topic: SNS asks the key for a data key on the publisher's behalf.
    this.writer.addToPolicy(
      keyUseThrough(this, 'sns', props.key.keyArn, ['kms:GenerateDataKey', 'kms:Decrypt']),
    );

    // One S3 action: the object is written before SES publishes the notification that names it.
    this.ruleSet = new ses.ReceiptRuleSet(this, 'RuleSet', {
      receiptRuleSetName: this.ruleSetName,
      rules: [
        {
          receiptRuleName: ruleName,
          recipients: [props.domain],
          enabled: true,
          scanEnabled: true,
          tlsPolicy: ses.TlsPolicy.REQUIRE,
          actions: [
            new StoreAndAnnounce({
              bucket: this.bucket,
              objectKeyPrefix: RAW_MAIL_PREFIX,
              topic: this.topic,
              role: this.writer,
            }),
          ],
        },
      ],
    });
  }

  private logicalIdOf(bucket: s3.Bucket) {
    return Stack.of(this).getLogicalId(bucket.node.defaultChild as s3.CfnBucket);
  }
}

/**
 * The S3 action, performed with an IAM role: SES stores the message, then publishes the notification that
 * names it. aws-ses-actions' S3 has no `iamRoleArn` and grants SES itself through the bucket policy, which
 * SES ignores once a role is given; CloudFormation's S3Action takes the role.
 */
class StoreAndAnnounce implements ses.IReceiptRuleAction {
  constructor(
    private readonly props: {
      bucket: s3.IBucket;
      objectKeyPrefix: string;
      topic: sns.ITopic;
      role: iam.IRole;
    },
  ) {}

  bind(rule: Parameters<ses.IReceiptRuleAction['bind']>[0]): ses.ReceiptRuleActionConfig {
    // SES checks the role when the rule is created: the role and its policy must exist first.
    if (rule instanceof Construct) rule.node.addDependency(this.props.role);
    // CloudFormation's S3Action shape; the L2 config type lacks iamRoleArn but renders what it is given.
    const s3Action: ses.CfnReceiptRule.S3ActionProperty = {
      bucketName: this.props.bucket.bucketName,
      objectKeyPrefix: this.props.objectKeyPrefix,
      topicArn: this.props.topic.topicArn,
      iamRoleArn: this.props.role.roleArn,
    };
    return { s3Action };
  }
}
