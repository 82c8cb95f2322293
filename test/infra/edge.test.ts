import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN_VERIFY_HEADER } from '../../functions/core/auth/origin.ts';
import { parseStageConfig } from '../../lib/config/stage-config.ts';
import { citizenPathPrefixes } from '../../lib/constructs/edge/citizen-web-acl.ts';
import { FUNCTIONS, ROUTES, routeKey } from '../../lib/function-catalog.ts';
import { cdkStages, synthStage } from './synth.ts';

type Resource = { Type: string; Properties: Record<string, unknown> };
let dev: ReturnType<typeof synthStage>;

beforeAll(() => {
  dev = synthStage('dev');
});

const only = (template: ReturnType<typeof synthStage>['edge'], type: string) => {
  const found = Object.values(template.findResources(type)) as Resource[];
  expect(found).toHaveLength(1);
  return found[0]?.Properties as Record<string, unknown>;
};

describe('AWS WAF on the public edge', () => {
  it('filters every request with the managed rules, counting only the body-size rule Arabic complaints exceed', () => {
    const acl = only(dev.edge, 'AWS::WAFv2::WebACL') as {
      Scope: string;
      Rules: { Name: string; Statement: Record<string, unknown> }[];
    };
    expect(acl.Scope).toBe('CLOUDFRONT');
    expect(acl.Rules.map((r) => r.Name)).toEqual([
      'AWSManagedRulesAmazonIpReputationList',
      'AWSManagedRulesCommonRuleSet',
      'AWSManagedRulesKnownBadInputsRuleSet',
      'CitizenRequestsPerAddress',
      'CitizenPostsPerAddress',
      'CitizenCreatesCaptcha',
      'CitizenCreatesChallenge',
    ]);
    expect(acl.Rules[1]?.Statement).toEqual({
      ManagedRuleGroupStatement: {
        VendorName: 'AWS',
        Name: 'AWSManagedRulesCommonRuleSet',
        RuleActionOverrides: [{ Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } }],
      },
    });
  });

  it('rate-limits each address on the citizen routes only, with the configured limits', () => {
    const acl = only(dev.edge, 'AWS::WAFv2::WebACL') as {
      Rules: { Name: string; Action: unknown; Statement: { RateBasedStatement: Record<string, unknown> } }[];
    };
    const config = parseStageConfig('dev', cdkStages());
    const rate = (name: string) => acl.Rules.find((r) => r.Name === name);
    expect(rate('CitizenRequestsPerAddress')?.Action).toEqual({ Block: {} });
    expect(rate('CitizenRequestsPerAddress')?.Statement.RateBasedStatement).toMatchObject({
      AggregateKeyType: 'IP',
      EvaluationWindowSec: 300,
      Limit: config.edge.requestsPer5Minutes,
    });
    expect(rate('CitizenPostsPerAddress')?.Statement.RateBasedStatement.Limit).toBe(
      config.edge.postsPer5Minutes,
    );
    // The scope-down names exactly the fixed start of every public route, and never an agent route.
    const scoped = JSON.stringify(rate('CitizenRequestsPerAddress')?.Statement);
    const searched = [...scoped.matchAll(/"SearchString":"([^"]+)"/g)].map((m) => m[1]);
    expect(searched.sort()).toEqual(citizenPathPrefixes().sort());
    expect(searched).toEqual(expect.arrayContaining(['/v1/requests', '/v1/uploads', '/v1/categories']));
    expect(searched.some((p) => p?.startsWith('/v1/cases'))).toBe(false);
    expect(JSON.stringify(rate('CitizenPostsPerAddress')?.Statement)).toContain('"SearchString":"POST"');
  });

  it('logs to an encrypted aws-waf-logs- group, without staff tokens', () => {
    dev.edge.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: 'aws-waf-logs-nidaa-dev',
      KmsKeyId: Match.anyValue(),
    });
    dev.edge.hasResourceProperties('AWS::WAFv2::LoggingConfiguration', {
      RedactedFields: [{ SingleHeader: { Name: 'authorization' } }],
    });
  });
});

describe('CloudFront in front of the API', () => {
  it('carries the WAF, reaches the API over HTTPS only, with the secret origin header', () => {
    const distribution = only(dev.edge, 'AWS::CloudFront::Distribution') as {
      DistributionConfig: {
        WebACLId: unknown;
        Origins: {
          CustomOriginConfig: unknown;
          OriginCustomHeaders: { HeaderName: string; HeaderValue: unknown }[];
        }[];
        Logging: unknown;
        DefaultCacheBehavior: { ViewerProtocolPolicy: string; AllowedMethods: string[] };
        CacheBehaviors: { PathPattern: string; AllowedMethods: string[] }[];
      };
    };
    const config = distribution.DistributionConfig;
    expect(JSON.stringify(config.WebACLId)).toMatch(/WafAcl.*Arn/);
    // The API, the case panel's bucket and the citizens' portal's bucket (origin access control).
    expect(config.Origins).toHaveLength(3);
    const api = config.Origins.find((o) => o.CustomOriginConfig);
    expect(api?.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only' });
    const header = api?.OriginCustomHeaders[0];
    expect(header?.HeaderName).toBe(ORIGIN_VERIFY_HEADER);
    // A dynamic reference: the value is resolved at deployment and never written into the template.
    expect(JSON.stringify(header?.HeaderValue)).toContain('{{resolve:secretsmanager:');
    expect(config.Logging).toBeDefined();
    // The portal is the default (issue 12); every API path goes to the API, which takes POSTs over HTTPS only.
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(config.DefaultCacheBehavior.AllowedMethods).toEqual(['GET', 'HEAD']);
    expect(config.CacheBehaviors.map((b) => b.PathPattern)).toEqual([
      '/v1/categories',
      '/v1/procedures*',
      '/v1/*',
      '/open311/*',
      '/panel',
      '/panel/*',
    ]);
    const toApi = config.CacheBehaviors.find((b) => b.PathPattern === '/v1/*') as {
      AllowedMethods: string[];
      ViewerProtocolPolicy?: string;
    };
    expect(toApi.AllowedMethods).toContain('POST');
    expect(toApi.ViewerProtocolPolicy).toBe('https-only');
    // The panel's files are GET only; the cached API reads also let CORS preflights through.
    for (const cached of config.CacheBehaviors.filter((b) => b.PathPattern.startsWith('/panel'))) {
      expect(cached.AllowedMethods).toEqual(['GET', 'HEAD']);
    }
    for (const cached of config.CacheBehaviors.filter(
      (b) => b.PathPattern.startsWith('/v1/') && b.PathPattern !== '/v1/*',
    )) {
      expect(cached.AllowedMethods).toEqual(['GET', 'HEAD', 'OPTIONS']);
    }
  });

  it('creates the origin secret next to CloudFront and replicates it to the API’s region', () => {
    dev.edge.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: 'nidaa/dev/origin-verify',
      ReplicaRegions: [{ Region: 'me-central-1' }],
    });
  });

  it('serves the municipality’s own domain over TLS 1.2+ when one is configured', () => {
    const certificateArn =
      'arn:aws:acm:us-east-1:111122223333:certificate/11111111-2222-4333-8444-555555555555';
    const withDomain = synthStage('dev', (c) => ({
      ...c,
      edge: { ...c.edge, domain: { name: 'nidaa.muscat.gov.om', certificateArn } },
    }));
    // Staff sign in on that domain's panel, tier tasks link to it, and the agent workspace may host it.
    withDomain.core.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: ['code'],
      CallbackURLs: ['https://nidaa.muscat.gov.om/panel/'],
    });
    const awaitAgent = Object.values(withDomain.core.findResources('AWS::Lambda::Function')).find(
      (f) => (f as Resource).Properties.Description === FUNCTIONS.awaitAgent.description,
    ) as Resource;
    expect(JSON.stringify(awaitAgent.Properties.Environment)).toContain(
      '"PANEL_URL":"https://nidaa.muscat.gov.om/panel/"',
    );
    withDomain.contactCenter.hasResourceProperties('AWS::AppIntegrations::Application', {
      ApplicationSourceConfig: {
        ExternalUrlConfig: {
          AccessUrl: 'https://nidaa.muscat.gov.om/panel/',
          ApprovedOrigins: ['https://nidaa.muscat.gov.om'],
        },
      },
    });
    withDomain.edge.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['nidaa.muscat.gov.om'],
        ViewerCertificate: Match.objectLike({
          AcmCertificateArn: certificateArn,
          MinimumProtocolVersion: 'TLSv1.2_2021',
        }),
      }),
    });
  });
});

describe('rotating the origin secret', () => {
  it('pins CloudFront to the configured version, so the new value reaches the distribution', () => {
    const version = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
    const pinned = synthStage('dev', (c) => ({ ...c, edge: { ...c.edge, originSecretVersion: version } }));
    const distribution = JSON.stringify(pinned.edge.findResources('AWS::CloudFront::Distribution'));
    // {{resolve:secretsmanager:<secret>:SecretString:<json key>:<version stage>:<version id>}}
    expect(distribution).toContain(`:SecretString:::${version}`);
  });
});

describe('the API behind the edge', () => {
  it('lets citizen routes through only with the edge’s header, checked by a cached Lambda authorizer', () => {
    const authorizers = Object.values(dev.core.findResources('AWS::ApiGatewayV2::Authorizer')) as Resource[];
    const origin = authorizers.find((a) => a.Properties.AuthorizerType === 'REQUEST');
    expect(origin?.Properties).toMatchObject({
      IdentitySource: [`$request.header.${ORIGIN_VERIFY_HEADER}`],
      EnableSimpleResponses: true,
      AuthorizerResultTtlInSeconds: 300,
    });
    for (const route of ROUTES.filter((r) => r.auth === 'public')) {
      dev.core.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: routeKey(route),
        AuthorizationType: 'CUSTOM',
      });
    }
  });

  it('lets the authorizer read only the replica of the origin secret', () => {
    const policies = Object.values(dev.core.findResources('AWS::IAM::Policy')) as Resource[];
    const reading = policies.filter((p) => JSON.stringify(p.Properties).includes('origin-verify'));
    expect(reading).toHaveLength(1);
    expect(JSON.stringify(reading[0]?.Properties.Roles)).toContain('originVerifyRole');
    const document = (reading[0] as Resource).Properties as {
      PolicyDocument: { Statement: { Action: unknown; Resource: unknown }[] };
    };
    const statements = document.PolicyDocument.Statement.filter(
      (st) => st.Action === 'secretsmanager:GetSecretValue',
    );
    expect(statements).toHaveLength(1);
    const resource = JSON.stringify(statements[0]?.Resource);
    expect(resource).toContain(':secretsmanager:me-central-1:');
    expect(resource).toContain(':secret:nidaa/dev/origin-verify-??????');
  });
});

describe('edge configuration', () => {
  it('refuses a certificate outside us-east-1, saying why', () => {
    const stages = cdkStages();
    const dev = stages.dev as Record<string, unknown>;
    const bad = {
      ...stages,
      dev: {
        ...dev,
        edge: {
          domain: {
            name: 'nidaa.muscat.gov.om',
            certificateArn:
              'arn:aws:acm:me-central-1:111122223333:certificate/11111111-2222-4333-8444-555555555555',
          },
        },
      },
    };
    expect(() => parseStageConfig('dev', bad)).toThrow(
      /stages\.dev\.edge\.domain\.certificateArn: must be an ACM certificate ARN in us-east-1/,
    );
  });
});
