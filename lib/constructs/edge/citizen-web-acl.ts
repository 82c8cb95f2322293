import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { ROUTES } from '../../function-catalog.ts';
import { retentionFor } from '../shared/nidaa-function.ts';

export type CitizenWebAclProps = {
  stage: string;
  requestsPer5Minutes: number;
  postsPer5Minutes: number;
  captchaAfterPostsPer5Minutes: number;
  key: kms.IKey;
  logRetentionDays: number;
};

/** The fixed start of each citizen route (`/v1/requests/{reference}` → `/v1/requests`). */
export const citizenPathPrefixes = () => [
  ...new Set(ROUTES.filter((r) => r.auth === 'public').map((r) => r.path.split('/{')[0] as string)),
];

const pathMatch =
  (positionalConstraint: 'STARTS_WITH' | 'EXACTLY') =>
  (path: string): wafv2.CfnWebACL.StatementProperty => ({
    byteMatchStatement: {
      fieldToMatch: { uriPath: {} },
      positionalConstraint,
      searchString: path,
      textTransformations: [{ priority: 0, type: 'NONE' }],
    },
  });
const startsWith = pathMatch('STARTS_WITH');
const exactly = pathMatch('EXACTLY');

/**
 * The portal's routes that create something (a case, an upload form): a browser must pass AWS WAF's
 * silent challenge, and a CAPTCHA when it posts many. Open311 is left out on purpose: apps cannot run
 * the challenge's JavaScript, and their API keys are rate limited instead.
 */
export const BROWSER_CREATE_PATHS = ['/v1/requests', '/v1/uploads'] as const;

const isPost: wafv2.CfnWebACL.StatementProperty = {
  byteMatchStatement: {
    fieldToMatch: { method: {} },
    positionalConstraint: 'EXACTLY',
    searchString: 'POST',
    textTransformations: [{ priority: 0, type: 'NONE' }],
  },
};

const browserCreates: wafv2.CfnWebACL.StatementProperty = {
  andStatement: {
    statements: [{ orStatement: { statements: BROWSER_CREATE_PATHS.map(exactly) } }, isPost],
  },
};

const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  sampledRequestsEnabled: true,
});

const managed = (name: string, priority: number, overrides: string[] = []): wafv2.CfnWebACL.RuleProperty => ({
  name,
  priority,
  overrideAction: { none: {} },
  statement: {
    managedRuleGroupStatement: {
      vendorName: 'AWS',
      name,
      ...(overrides.length
        ? { ruleActionOverrides: overrides.map((rule) => ({ name: rule, actionToUse: { count: {} } })) }
        : {}),
    },
  },
  visibilityConfig: visibility(name),
});

/**
 * AWS WAF for the public edge (CloudFront scope, so it lives in us-east-1). Rate limits apply to the
 * citizen routes only: a contact center's agents share one office address and are signed in anyway.
 */
export class CitizenWebAcl extends Construct {
  readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: CitizenWebAclProps) {
    super(scope, id);
    const citizenPaths: wafv2.CfnWebACL.StatementProperty = {
      orStatement: { statements: citizenPathPrefixes().map(startsWith) },
    };
    this.webAcl = new wafv2.CfnWebACL(this, 'Acl', {
      name: `nidaa-${props.stage}-edge`,
      description:
        'Nidaa public edge: managed rules, rate limits on the citizen routes, challenge and CAPTCHA on the portal creates',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(`nidaa-${props.stage}-edge`),
      rules: [
        managed('AWSManagedRulesAmazonIpReputationList', 0),
        // A complaint of 5,000 Arabic characters is ~10 KB of UTF-8, over this group's 8 KB body limit;
        // the API validates every field's length itself, so that one rule only counts.
        managed('AWSManagedRulesCommonRuleSet', 1, ['SizeRestrictions_BODY']),
        managed('AWSManagedRulesKnownBadInputsRuleSet', 2),
        {
          name: 'CitizenRequestsPerAddress',
          priority: 3,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              evaluationWindowSec: 300,
              limit: props.requestsPer5Minutes,
              scopeDownStatement: citizenPaths,
            },
          },
          visibilityConfig: visibility('CitizenRequestsPerAddress'),
        },
        {
          name: 'CitizenPostsPerAddress',
          priority: 4,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              evaluationWindowSec: 300,
              limit: props.postsPer5Minutes,
              scopeDownStatement: {
                andStatement: {
                  statements: [citizenPaths, isPost],
                },
              },
            },
          },
          visibilityConfig: visibility('CitizenPostsPerAddress'),
        },
        {
          // Many reports from one address: a person can go on after a CAPTCHA, a script cannot.
          name: 'CitizenCreatesCaptcha',
          priority: 5,
          action: { captcha: {} },
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              evaluationWindowSec: 300,
              limit: props.captchaAfterPostsPer5Minutes,
              scopeDownStatement: browserCreates,
            },
          },
          visibilityConfig: visibility('CitizenCreatesCaptcha'),
        },
        {
          // Every report and upload form: proof of a real browser (a silent JavaScript challenge).
          name: 'CitizenCreatesChallenge',
          priority: 6,
          action: { challenge: {} },
          statement: browserCreates,
          visibilityConfig: visibility('CitizenCreatesChallenge'),
        },
      ],
      // A solved challenge or CAPTCHA lasts long enough to write a report with photos.
      challengeConfig: { immunityTimeProperty: { immunityTime: 900 } },
      captchaConfig: { immunityTimeProperty: { immunityTime: 1800 } },
    });

    // WAF requires the aws-waf-logs- prefix; staff's tokens are redacted from what is logged.
    const logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `aws-waf-logs-nidaa-${props.stage}`,
      encryptionKey: props.key,
      retention: retentionFor(props.logRetentionDays),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    new wafv2.CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.attrArn,
      // The log group's ARN without the ":*" that logGroupArn ends with, as WAF expects it.
      logDestinationConfigs: [
        Stack.of(this).formatArn({
          service: 'logs',
          resource: 'log-group',
          resourceName: logGroup.logGroupName,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ],
      redactedFields: [{ singleHeader: { Name: 'authorization' } }],
    });
  }
}
