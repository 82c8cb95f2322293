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
  key: kms.IKey;
  logRetentionDays: number;
};

/** The fixed start of each citizen route (`/v1/requests/{reference}` → `/v1/requests`). */
export const citizenPathPrefixes = () => [
  ...new Set(ROUTES.filter((r) => r.auth === 'public').map((r) => r.path.split('/{')[0] as string)),
];

const startsWith = (prefix: string): wafv2.CfnWebACL.StatementProperty => ({
  byteMatchStatement: {
    fieldToMatch: { uriPath: {} },
    positionalConstraint: 'STARTS_WITH',
    searchString: prefix,
    textTransformations: [{ priority: 0, type: 'NONE' }],
  },
});

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
      description: 'Nidaa public edge: managed rules, and rate limits on the citizen routes',
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
                  statements: [
                    citizenPaths,
                    {
                      byteMatchStatement: {
                        fieldToMatch: { method: {} },
                        positionalConstraint: 'EXACTLY',
                        searchString: 'POST',
                        textTransformations: [{ priority: 0, type: 'NONE' }],
                      },
                    },
                  ],
                },
              },
            },
          },
          visibilityConfig: visibility('CitizenPostsPerAddress'),
        },
      ],
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
