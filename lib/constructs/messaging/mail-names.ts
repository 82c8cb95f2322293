import { Aws } from 'aws-cdk-lib';
import type { StageConfig } from '../../config/stage-config.ts';

/** SES writes each message under this prefix, named by its SES message id. */
export const RAW_MAIL_PREFIX = 'inbound/';

/**
 * The fixed names of a stage's mail-receiving resources in regions.mailReceiving. The core stack in
 * regions.caseData builds their ARNs from these names instead of importing them: a cross-region export
 * would need a custom resource, and a reference back from the mail stack would be a dependency cycle
 * (docs/decisions/0046). The mail stack deploys first (a stack dependency, not a reference).
 */
export function mailReceivingNames(config: Pick<StageConfig, 'stage' | 'regions'>) {
  const region = config.regions.mailReceiving;
  return {
    region,
    ruleSetName: `nidaa-${config.stage}`,
    bucketName: `nidaa-${config.stage}-raw-mail-${Aws.ACCOUNT_ID}-${region}`,
    topicName: `nidaa-${config.stage}-mail-received`,
    topicArn: `arn:${Aws.PARTITION}:sns:${region}:${Aws.ACCOUNT_ID}:nidaa-${config.stage}-mail-received`,
    keyAlias: `alias/nidaa-${config.stage}-raw-mail`,
  };
}

export type MailReceivingNames = ReturnType<typeof mailReceivingNames>;
