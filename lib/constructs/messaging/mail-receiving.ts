import { Aws, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as actions from 'aws-cdk-lib/aws-ses-actions';
import { Construct } from 'constructs';
import { accessLogBucket, logAccess, privateKmsBucket } from '../shared/buckets.ts';

export type MailReceivingProps = {
  /** Mail for any address at this domain (plus-addresses included) is received: `nidaa.example.om`. */
  domain: string;
  /** Names the rule set `nidaa-<stage>`, the name `aws ses set-active-receipt-rule-set` needs. */
  stage: string;
  key: kms.IKey;
  /** The emailInbound function, invoked asynchronously after the S3 action stored the message. */
  function: lambda.IFunction;
  /** Days a raw message is kept before it expires (the case keeps its text). @default 90 */
  rawMailDays?: number;
  /** Days server access logs are kept. @default 365 */
  accessLogDays?: number;
  /** prod: keep the buckets when the stack is deleted. */
  protectData: boolean;
};

/** SES writes each message under this prefix, named by its SES message id. */
export const RAW_MAIL_PREFIX = 'inbound/';

/**
 * Receives citizens' e-mail with SES: a receipt rule for every address at the stage's domain stores the
 * raw MIME message in a KMS-encrypted, versioned, private bucket (S3 action), then invokes emailInbound
 * asynchronously (Lambda action, Event), which reads the object as `inbound/<messageId>`. Spam and virus
 * scanning are on, and senders must use TLS.
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
  /** The role SES assumes to write to the bucket (and to use the bucket's KMS key). */
  readonly writer: iam.Role;
  private readonly key: kms.IKey;

  constructor(scope: Construct, id: string, props: MailReceivingProps) {
    super(scope, id);
    this.key = props.key;
    const removalPolicy = props.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.accessLogs = accessLogBucket(this, 'raw-mail', props.accessLogDays ?? 365, removalPolicy);

    const rawMailDays = props.rawMailDays ?? 90;
    this.bucket = new s3.Bucket(this, 'RawMail', {
      ...privateKmsBucket(props.key),
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

    // SES writes with this role: with a customer-managed key on the bucket, SES needs kms:GenerateDataKey
    // and kms:Encrypt on it, and a role keeps those in IAM instead of widening the key policy. The S3
    // action's own bucket policy (ses.amazonaws.com, aws:SourceAccount) stays as the documented fallback.
    this.writer = new iam.Role(this, 'SesWriter', {
      description: 'SES receipt rule: store received mail in the raw-mail bucket',
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
      new iam.PolicyStatement({
        actions: ['kms:GenerateDataKey', 'kms:Encrypt'],
        resources: [props.key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `s3.${Stack.of(this).region}.amazonaws.com` } },
      }),
    );
    Validations.of(this.writer).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${this.logicalIdOf(this.bucket)}.Arn>/${RAW_MAIL_PREFIX}*]`,
      reason:
        'SES names each object by a message id it chooses on arrival; the grant is limited to PutObject under the inbound/ prefix of this one bucket.',
    });

    // Rules run their actions in order: S3 first, so the object exists when the function runs.
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
            new S3WithRole(
              new actions.S3({ bucket: this.bucket, objectKeyPrefix: RAW_MAIL_PREFIX }),
              this.writer,
            ),
            new actions.Lambda({
              function: props.function,
              invocationType: actions.LambdaInvocationType.EVENT,
            }),
          ],
        },
      ],
    });
  }

  /**
   * Lets the function read received mail: s3:GetObject under the prefix and kms:Decrypt through S3, and
   * tells it where to look (RAW_MAIL_BUCKET, RAW_MAIL_PREFIX).
   */
  grantRead(fn: lambda.Function) {
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [this.bucket.arnForObjects(`${RAW_MAIL_PREFIX}*`)],
      }),
    );
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['kms:Decrypt'],
        resources: [this.key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `s3.${Stack.of(this).region}.amazonaws.com` } },
      }),
    );
    fn.addEnvironment('RAW_MAIL_BUCKET', this.bucket.bucketName);
    fn.addEnvironment('RAW_MAIL_PREFIX', RAW_MAIL_PREFIX);
    if (fn.role) {
      Validations.of(fn.role).acknowledge({
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${this.logicalIdOf(this.bucket)}.Arn>/${RAW_MAIL_PREFIX}*]`,
        reason:
          'Received mail is named by SES message ids unknown in advance; the function may only read objects under the inbound/ prefix of the raw-mail bucket.',
      });
    }
  }

  private logicalIdOf(bucket: s3.Bucket) {
    return Stack.of(this).getLogicalId(bucket.node.defaultChild as s3.CfnBucket);
  }
}

/**
 * The S3 action with an IAM role for SES to write with. The L2 action (aws-ses-actions) adds the bucket
 * policy and the rule's dependency on it but has no `iamRoleArn`; CloudFormation's S3Action does.
 */
class S3WithRole implements ses.IReceiptRuleAction {
  constructor(
    private readonly action: actions.S3,
    private readonly role: iam.IRole,
  ) {}

  bind(rule: Parameters<ses.IReceiptRuleAction['bind']>[0]): ses.ReceiptRuleActionConfig {
    const config = this.action.bind(rule);
    // Receipt rules are created only once SES can use the role, so its policy must exist first.
    if (rule instanceof Construct) rule.node.addDependency(this.role);
    const s3Action: ses.CfnReceiptRule.S3ActionProperty = {
      ...(config.s3Action as ses.CfnReceiptRule.S3ActionProperty),
      iamRoleArn: this.role.roleArn,
    };
    return { ...config, s3Action };
  }
}
