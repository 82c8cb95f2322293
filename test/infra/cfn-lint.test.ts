import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App, Aspects, Stack, Tags } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as connect from 'aws-cdk-lib/aws-connect';
import { describe, expect, it } from 'vitest';
import { RegionalTagSupport, untaggablePropertiesIn } from '../../lib/aspects/regional-tags.ts';
import { parseStageConfig, stageConfigSchema } from '../../lib/config/stage-config.ts';
import { lintTemplates, stackTemplates } from '../../tools/cfn/lint.ts';
import { CFN_LINT_HINT, cfnLintVersion } from '../../tools/cfn/lint-env.ts';
import { fullFeatured, lintVariants } from '../../tools/cfn/variants.ts';
import { cdkStages } from './synth.ts';

const scratch = () => mkdtempSync(path.join(tmpdir(), 'nidaa-cfn-lint-'));

/** A template with one tagged CloudWatch dashboard: valid in eu-central-1, not in me-central-1. */
function taggedDashboardTemplate() {
  const file = path.join(scratch(), 'dashboard.template.json');
  writeFileSync(
    file,
    JSON.stringify({
      Resources: {
        Dashboard: {
          Type: 'AWS::CloudWatch::Dashboard',
          Properties: { DashboardBody: '{"widgets":[]}', Tags: [{ Key: 'project', Value: 'nidaa' }] },
        },
      },
    }),
  );
  return file;
}

// cfn-lint is a Python process reading every schema of a region: slow on a loaded machine.
describe('npm run cfn-lint', { timeout: 180_000 }, () => {
  it('needs cfn-lint, and says how to get it (npm test fails rather than skip the check)', () => {
    // The machine running npm test must have it: a missing cfn-lint fails here, not silently.
    expect(cfnLintVersion(), CFN_LINT_HINT).toMatch(/^\d+\.\d+\.\d+/);
    expect(cfnLintVersion('cfn-lint-that-is-not-installed')).toBeUndefined();
    expect(() =>
      lintTemplates('me-central-1', [taggedDashboardTemplate()], 'cfn-lint-that-is-not-installed'),
    ).toThrow(/pip install cfn-lint/);
  });

  it('checks a template against the schema of the region it deploys to', () => {
    const template = taggedDashboardTemplate();
    const meCentral = lintTemplates('me-central-1', [template]);
    expect(meCentral.passed).toBe(false);
    expect(meCentral.output).toMatch(/E3002.*'Tags' was unexpected/);
    // The same template is valid where the dashboard takes tags.
    expect(lintTemplates('eu-central-1', [template])).toMatchObject({ passed: true, output: '' });
  });

  it('fails on a warning too, unless .cfnlintrc.yaml ignores its rule', () => {
    const file = path.join(scratch(), 'unused-parameter.template.json');
    writeFileSync(
      file,
      JSON.stringify({
        Parameters: { Unused: { Type: 'String' } },
        Resources: { Topic: { Type: 'AWS::SNS::Topic' } },
      }),
    );
    const result = lintTemplates('eu-west-1', [file]);
    expect(result.passed).toBe(false);
    expect(result.output).toMatch(/W2001/);
  });

  it('reads each stack’s region from the cloud assembly’s manifest', () => {
    const dir = scratch();
    writeFileSync(
      path.join(dir, 'manifest.json'),
      JSON.stringify({
        artifacts: {
          'Nidaa-dev-Core': {
            type: 'aws:cloudformation:stack',
            environment: 'aws://unknown-account/me-central-1',
            properties: { templateFile: 'Nidaa-dev-Core.template.json' },
          },
          'Nidaa-dev-Edge': {
            type: 'aws:cloudformation:stack',
            environment: 'aws://111122223333/us-east-1',
            properties: { templateFile: 'Nidaa-dev-Edge.template.json' },
          },
          Tree: { type: 'cdk:tree' },
        },
      }),
    );
    expect(stackTemplates(dir)).toEqual([
      {
        stack: 'Nidaa-dev-Core',
        region: 'me-central-1',
        template: path.join(dir, 'Nidaa-dev-Core.template.json'),
      },
      {
        stack: 'Nidaa-dev-Edge',
        region: 'us-east-1',
        template: path.join(dir, 'Nidaa-dev-Edge.template.json'),
      },
    ]);
  });

  it('lints dev, prod and prod with every optional feature on', () => {
    const variants = lintVariants(cdkStages());
    expect(variants.map((v) => v.name)).toEqual(['dev', 'prod', 'prod-full']);
    const full = variants.find((v) => v.name === 'prod-full')?.config;
    expect(full).toMatchObject({
      contactCenter: {
        instanceArn: expect.any(String),
        phoneNumber: expect.any(Object),
        panelUrl: expect.any(String),
      },
      edge: { domain: expect.any(Object) },
      fax: expect.any(Object),
      sms: { vehicleLookup: expect.any(Object) },
    });
    // A stage a municipality could configure: it passes cdk.json's validation.
    expect(stageConfigSchema.safeParse(full).success).toBe(true);
    expect(fullFeatured(parseStageConfig('prod', cdkStages())).stage).toBe('prod');
  });
});

describe('RegionalTagSupport', { timeout: 120_000 }, () => {
  function tagged(region: string) {
    const app = new App();
    const stack = new Stack(app, 'S', { env: { region } });
    new cloudwatch.Dashboard(stack, 'Dashboard', { dashboardName: 'nidaa-test' });
    new connect.CfnIntegrationAssociation(stack, 'Association', {
      instanceId: 'arn:aws:connect:eu-central-1:111122223333:instance/00000000-0000-4000-8000-000000000000',
      integrationArn: 'arn:aws:lambda:eu-central-1:111122223333:function:hotline',
      integrationType: 'LAMBDA_FUNCTION',
    });
    Tags.of(app).add('project', 'nidaa');
    Aspects.of(app).add(new RegionalTagSupport());
    return Template.fromStack(stack);
  }
  const tagsOf = (template: Template, type: string) =>
    Object.values(template.findResources(type)).map(
      (r) => (r as { Properties: { Tags?: unknown } }).Properties.Tags,
    );

  it('drops tags where the region’s schema has none for the type, and keeps them elsewhere', () => {
    const meCentral = tagged('me-central-1');
    expect(tagsOf(meCentral, 'AWS::CloudWatch::Dashboard')).toEqual([undefined]);
    expect(tagsOf(meCentral, 'AWS::Connect::IntegrationAssociation')).toEqual([
      [{ Key: 'project', Value: 'nidaa' }],
    ]);
    const euCentral = tagged('eu-central-1');
    expect(tagsOf(euCentral, 'AWS::CloudWatch::Dashboard')).toEqual([[{ Key: 'project', Value: 'nidaa' }]]);
    expect(tagsOf(euCentral, 'AWS::Connect::IntegrationAssociation')).toEqual([undefined]);
  });

  it('knows the gaps from CloudFormation’s regional schemas', () => {
    expect(untaggablePropertiesIn('me-central-1', 'AWS::CloudWatch::Dashboard')).toEqual(['Tags']);
    expect(untaggablePropertiesIn('eu-west-1', 'AWS::CloudWatch::Dashboard')).toEqual([]);
    expect(untaggablePropertiesIn('xx-nowhere-1', 'AWS::CloudWatch::Dashboard')).toEqual([]);
  });
});
