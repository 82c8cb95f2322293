import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { AgentWorkspaceApp, PanelSite } from '../../lib/constructs/web/panel-site.ts';
import { ensurePanelBuilt } from '../../local/panel-assets.ts';

type Resource = { Properties: Record<string, unknown> };
let template: Template;
let site: PanelSite;
let workspace: Template;
let assemblyDir = '';

const COGNITO = {
  cognitoDomain: 'https://nidaa-test.auth.me-central-1.amazoncognito.com',
  clientId: 'panel-client-id',
  redirectUri: 'https://panel.example.om/panel/',
};

beforeAll(async () => {
  await ensurePanelBuilt();
  const app = new App();
  const stack = new Stack(app, 'PanelTest', { env: { region: 'me-central-1' } });
  // Stands in for the shared distribution in front of the API (the lead's edge construct).
  const distribution = new cloudfront.Distribution(stack, 'Edge', {
    defaultBehavior: { origin: new origins.HttpOrigin('api.example.om') },
  });
  Validations.of(distribution).acknowledge(
    ...['CFR1', 'CFR2', 'CFR3', 'CFR4', 'CFR5'].map((rule) => ({
      id: `AwsSolutions::AwsSolutions-${rule}`,
      reason: 'The test’s stand-in distribution; the shared edge construct answers for its own settings.',
    })),
  );
  site = new PanelSite(stack, 'Panel', {
    cognito: COGNITO,
    protectData: true,
    frameAncestors: ['https://nidaa-muscat.my.connect.aws'],
    imageSources: ['https://attachments.s3.me-central-1.amazonaws.com'],
  });
  site.addTo(distribution);
  // The workspace app lives next to the Connect instance, in the contact-center region.
  const contactCenter = new Stack(app, 'ContactCenterTest', { env: { region: 'eu-central-1' } });
  new AgentWorkspaceApp(contactCenter, 'CasePanelApp', {
    name: 'Nidaa case panel',
    namespace: 'nidaa-case-panel',
    url: COGNITO.redirectUri,
    approvedOrigins: ['https://panel.example.om'],
  });
  // cdk-nag AwsSolutions: an unacknowledged finding in the panel's resources throws here.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  template = Template.fromStack(stack);
  assemblyDir = app.synth().directory;
  workspace = Template.fromStack(contactCenter);
});

describe('PanelSite', () => {
  it('keeps the files in a private, TLS-only, versioned bucket under its own KMS key, access-logged', () => {
    const [bucket] = Object.values(
      template.findResources('AWS::S3::Bucket', {
        Properties: {
          BucketEncryption: {
            ServerSideEncryptionConfiguration: [Match.objectLike({ BucketKeyEnabled: true })],
          },
        },
      }),
    ) as Resource[];
    const blocks = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'];
    expect(bucket?.Properties.PublicAccessBlockConfiguration).toEqual(
      Object.fromEntries(blocks.map((b) => [b, true])),
    );
    expect(bucket?.Properties).toMatchObject({
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: { LogFilePrefix: 'panel/' },
    });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    expect((bucket as unknown as { DeletionPolicy: string }).DeletionPolicy).toBe('Retain');
  });

  it('lets only this distribution read the bucket (origin access control) and decrypt the panel key', () => {
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: Match.objectLike({
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
      }),
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 's3:GetObject',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 'kms:Decrypt',
          }),
        ]),
      },
    });
  });

  it('adds /panel and /panel/* to the given distribution: HTTPS, GET/HEAD, the index rewrite, and headers that allow only the workspace to frame it', () => {
    const [distribution] = Object.values(
      template.findResources('AWS::CloudFront::Distribution'),
    ) as Resource[];
    const config = distribution?.Properties.DistributionConfig as {
      CacheBehaviors: Record<string, unknown>[];
    };
    // `/panel` itself too: the `/panel/*` pattern does not match it, and the API would answer.
    expect(config.CacheBehaviors).toEqual(
      ['/panel', '/panel/*'].map((PathPattern) =>
        expect.objectContaining({
          PathPattern,
          ViewerProtocolPolicy: 'redirect-to-https',
          AllowedMethods: ['GET', 'HEAD'],
          Compress: true,
          FunctionAssociations: [expect.objectContaining({ EventType: 'viewer-request' })],
        }),
      ),
    );
    const [fn] = Object.values(template.findResources('AWS::CloudFront::Function')) as Resource[];
    expect(String(fn?.Properties.FunctionCode)).toContain("request.uri = '/panel/index.html'");
    const [policy] = Object.values(
      template.findResources('AWS::CloudFront::ResponseHeadersPolicy'),
    ) as Resource[];
    const csp = JSON.stringify(policy?.Properties);
    expect(csp).toContain("frame-ancestors 'self' https://nidaa-muscat.my.connect.aws");
    expect(csp).toContain(`connect-src 'self' ${COGNITO.cognitoDomain}`);
    expect(csp).toContain("img-src 'self' data: https://attachments.s3.me-central-1.amazonaws.com");
  });

  it('deploys the built assets (immutable) and index.html with the Cognito config.json (revalidated)', () => {
    const deployments = Object.values(template.findResources('Custom::CDKBucketDeployment')) as Resource[];
    expect(deployments.map((d) => d.Properties.DestinationBucketKeyPrefix)).toEqual(['panel/', 'panel/']);
    expect(deployments.map((d) => d.Properties.SystemMetadata)).toEqual([
      { 'cache-control': 'public, max-age=31536000, immutable' },
      { 'cache-control': 'no-cache' },
    ]);
    expect(deployments.map((d) => d.Properties.Prune)).toEqual([false, false]);
    // The second source of the index deployment is config.json, staged in the cloud assembly.
    const [, configZip] = (deployments[1]?.Properties.SourceObjectKeys ?? []) as string[];
    const staged = path.join(assemblyDir, `asset.${String(configZip).replace(/\.zip$/, '')}`, 'config.json');
    expect(JSON.parse(readFileSync(staged, 'utf8'))).toEqual({ auth: 'cognito', ...COGNITO });
  });

  it('registers the panel in the agent workspace with contact details and attributes, per contact', () => {
    workspace.hasResourceProperties('AWS::AppIntegrations::Application', {
      Namespace: 'nidaa-case-panel',
      ApplicationSourceConfig: {
        ExternalUrlConfig: { AccessUrl: COGNITO.redirectUri, ApprovedOrigins: ['https://panel.example.om'] },
      },
      ApplicationConfig: { ContactHandling: { Scope: 'PER_CONTACT' } },
      Permissions: ['Contact.Details.View', 'Contact.Attributes.View'],
    });
  });
});
