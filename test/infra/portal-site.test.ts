import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseStageConfig, StageConfigError } from '../../lib/config/stage-config.ts';
import { PortalSite, SPA_REWRITE } from '../../lib/constructs/web/portal-site.ts';
import { apiPathPrefixes } from '../../lib/edge-stack.ts';
import { ensurePortalBuilt } from '../../local/panel-assets.ts';
import { cdkStages } from './synth.ts';

type Resource = { Properties: Record<string, unknown> };
let template: Template;
let offline: Template;
let assemblyDir = '';

const SITE = 'https://nidaa.example.om';
const UPLOADS = 'https://attachments.s3.me-central-1.amazonaws.com';
const CHAT = {
  widgetScriptUrl: 'https://abcdef.cloudfront.net/amazon-connect-chat-interface-client.js',
  widgetId: 'amazon_connect_widget_id',
  snippetId: 'c25pcHBldA==',
};

const WEB_ACL = {
  name: 'nidaa-test-edge',
  id: 'abcd1234-ef56-7890-abcd-1234567890ab',
  arn: 'arn:aws:wafv2:us-east-1:111122223333:global/webacl/nidaa-test-edge/abcd1234-ef56-7890-abcd-1234567890ab',
};

function portalStack(app: App, name: string, withMaps: boolean) {
  const stack = new Stack(app, name, { env: { region: 'us-east-1' } });
  const site = new PortalSite(stack, 'Portal', {
    protectData: true,
    siteOrigin: SITE,
    referencePrefix: 'MCT',
    channels: { hotline: '+96880077222', sms: '90888', email: 'nidaa@nidaa.example.om' },
    uploadOrigins: [UPLOADS],
    ...(withMaps
      ? { maps: { style: 'Standard' }, chat: { widget: CHAT, region: 'eu-central-1' }, webAcl: WEB_ACL }
      : {}),
  });
  // Stands in for the shared edge: the portal as the default behaviour, the API beside it.
  const distribution = new cloudfront.Distribution(stack, 'Edge', {
    defaultBehavior: site.behavior,
    additionalBehaviors: { '/v1/*': { origin: new origins.HttpOrigin('api.example.om') } },
  });
  Validations.of(distribution).acknowledge(
    ...['CFR1', 'CFR2', 'CFR3', 'CFR4', 'CFR5'].map((rule) => ({
      id: `AwsSolutions::AwsSolutions-${rule}`,
      reason: 'The test’s stand-in distribution; the shared edge construct answers for its own settings.',
    })),
  );
  return stack;
}

beforeAll(async () => {
  await ensurePortalBuilt();
  const app = new App();
  const withMaps = portalStack(app, 'PortalTest', true);
  const withoutMaps = portalStack(app, 'PortalOffline', false);
  // cdk-nag AwsSolutions: an unacknowledged finding in the portal's resources throws here.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  template = Template.fromStack(withMaps);
  offline = Template.fromStack(withoutMaps);
  assemblyDir = app.synth().directory;
}, 120_000);

describe('PortalSite', () => {
  it('answers every page of the app with index.html and leaves files alone', () => {
    const rewrite = new Function(`${SPA_REWRITE}; return handler;`)() as (e: {
      request: { uri: string };
    }) => { uri: string };
    const uri = (u: string) => rewrite({ request: { uri: u } }).uri;
    expect(uri('/')).toBe('/index.html');
    expect(uri('/track/260000014')).toBe('/index.html');
    expect(uri('/report')).toBe('/index.html');
    expect(uri('/assets/index-abc.js')).toBe('/assets/index-abc.js');
    expect(uri('/sw.js')).toBe('/sw.js');
    expect(uri('/manifest.webmanifest')).toBe('/manifest.webmanifest');
    const fn = template.findResources('AWS::CloudFront::Function');
    expect(JSON.stringify(Object.values(fn)[0])).toContain('lastIndexOf');
  });

  it('sends a CSP that allows only the site, the uploads bucket, Amazon Location and the chat widget', () => {
    const policy = Object.values(
      template.findResources('AWS::CloudFront::ResponseHeadersPolicy'),
    )[0] as Resource;
    const config = JSON.stringify(policy.Properties);
    expect(config).toContain("default-src 'self'");
    expect(config).toContain(`connect-src 'self' ${UPLOADS} https://maps.geo.us-east-1.amazonaws.com`);
    expect(config).toContain('https://places.geo.us-east-1.amazonaws.com');
    expect(config).toContain(`script-src 'self' https://abcdef.cloudfront.net`);
    expect(config).toContain("worker-src 'self' blob:");
    // CSP wildcards cover the leftmost label only: the chat's hosts are named with the instance's region.
    expect(config).toContain('https://participant.connect.eu-central-1.amazonaws.com');
    expect(config).toContain('wss://*.transport.connect.eu-central-1.amazonaws.com');
    expect(config).not.toMatch(/\*\.[a-z.-]*\*/);
    expect(config).toContain("frame-ancestors 'none'");
    expect(config).toContain('geolocation=(self)');
    const offlinePolicy = JSON.stringify(
      Object.values(offline.findResources('AWS::CloudFront::ResponseHeadersPolicy'))[0],
    );
    expect(offlinePolicy).not.toContain('amazonaws.com/');
    expect(offlinePolicy).toContain("script-src 'self';");
  });

  it('gives the page the web ACL’s challenge integration: read once with GetWebACL on that ACL only, allowed by the CSP', () => {
    const readers = Object.values(template.findResources('Custom::AWS')) as Resource[];
    const reader = readers.find((r) => JSON.stringify(r.Properties.Create).includes('getWebACL'));
    expect(JSON.stringify(reader?.Properties.Create)).toContain('\\"Scope\\":\\"CLOUDFRONT\\"');
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: 'wafv2:GetWebACL', Effect: 'Allow', Resource: WEB_ACL.arn }),
        ]),
      },
    });
    const policy = JSON.stringify(
      (Object.values(template.findResources('AWS::CloudFront::ResponseHeadersPolicy'))[0] as Resource)
        .Properties,
    );
    // The integration URL (known only once the ACL exists) is both a script and a connect source.
    expect(policy.match(/ApplicationIntegrationURL/g)?.length).toBe(2);
    expect(JSON.stringify(offline.findResources('Custom::AWS'))).not.toContain('getWebACL');
  });

  it('limits the map key to tiles and place search, from the portal’s pages only', () => {
    template.hasResourceProperties('AWS::Location::APIKey', {
      NoExpiry: true,
      Restrictions: {
        AllowActions: [
          'geo-maps:GetTile',
          'geo-maps:GetStaticMap',
          'geo-places:SearchText',
          'geo-places:Autocomplete',
        ],
        AllowReferers: [`${SITE}/*`],
        AllowResources: [
          { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':geo-maps:us-east-1::provider/default']] },
          {
            'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':geo-places:us-east-1::provider/default']],
          },
        ],
      },
    });
    // Its value is read once by a custom resource allowed geo:DescribeKey on this key only.
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          Match.objectLike({
            Action: 'geo:DescribeKey',
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('PortalMapKey'), 'Arn'] },
          }),
        ],
      },
    });
    expect(offline.findResources('AWS::Location::APIKey')).toEqual({});
  });

  it('deploys the build with a config.json naming the map, the chat widget and the channels', () => {
    const configOf = (t: Template) => {
      const deployments = Object.values(t.findResources('Custom::CDKBucketDeployment')) as Resource[];
      const index = deployments.find((d) => JSON.stringify(d.Properties).includes('no-cache'));
      const [, configZip] = (index?.Properties.SourceObjectKeys ?? []) as string[];
      const staged = path.join(
        assemblyDir,
        `asset.${String(configZip).replace(/\.zip$/, '')}`,
        'config.json',
      );
      return { config: JSON.parse(readFileSync(staged, 'utf8')), markers: JSON.stringify(index?.Properties) };
    };
    const { config, markers } = configOf(template);
    expect(config).toMatchObject({
      referencePrefix: 'MCT',
      map: { kind: 'amazon-location', region: 'us-east-1', style: 'Standard' },
      chat: CHAT,
      channels: { sms: '90888' },
    });
    // The key's value is put in at deployment, from the custom resource that reads it.
    expect(markers).toContain('PortalMapKeyValue');
    expect(configOf(offline).config.map).toEqual({ kind: 'offline' });
  });

  it('keeps its files in a private, KMS-encrypted bucket read only by CloudFront', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          Match.objectLike({ ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: 'aws:kms' }) }),
        ],
      },
      PublicAccessBlockConfiguration: Match.objectLike({
        BlockPublicAcls: true,
        RestrictPublicBuckets: true,
      }),
    });
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
  });
});

describe('the edge sends every API path to the API once the portal is the default', () => {
  it('derives the API paths from the route table', () => {
    expect(apiPathPrefixes()).toContain('/v1');
    expect(apiPathPrefixes().every((p) => /^\/[a-z0-9]+$/.test(p))).toBe(true);
  });
});

describe('the stage’s portal settings', () => {
  const devWith = (portal: unknown) => {
    const stages = structuredClone(cdkStages()) as Record<string, Record<string, unknown>>;
    if (stages.dev) stages.dev.portal = portal;
    return () => parseStageConfig('dev', stages);
  };

  it('uses Amazon Location’s Standard map unless told otherwise, and no chat widget', () => {
    const portal = parseStageConfig('dev', cdkStages()).portal;
    expect(portal).toEqual({ mapStyle: 'Standard' });
    expect(devWith({ mapStyle: 'offline' })().portal.mapStyle).toBe('offline');
  });

  it('refuses an unknown map style and a chat widget script not served over HTTPS', () => {
    expect(devWith({ mapStyle: 'Google' })).toThrow(StageConfigError);
    expect(devWith({ chat: { ...CHAT, widgetScriptUrl: 'http://abcdef.cloudfront.net/x.js' } })).toThrow(
      StageConfigError,
    );
    expect(devWith({ chat: CHAT })().portal.chat).toEqual(CHAT);
  });
});
