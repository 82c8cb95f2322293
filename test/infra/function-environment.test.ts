import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { describe, expect, it } from 'vitest';
import { DEPARTMENTS } from '../../functions/core/catalogue/seed.ts';
import type { Department } from '../../functions/core/catalogue/types.ts';
import { runtimeConfigFor } from '../../lib/config/runtime-config.ts';
import { NidaaFunction } from '../../lib/constructs/shared/nidaa-function.ts';
import { bindingsOf, FUNCTIONS, type FunctionName } from '../../lib/function-catalog.ts';
import { stageConfig, synthStage } from './synth.ts';

type Resource = { Type: string; Properties: Record<string, unknown> };
type Templates = ReturnType<typeof synthStage>;

/** Lambda's limit: all keys and values of a function's environment together, 4 KB. */
const LAMBDA_ENVIRONMENT_LIMIT = 4096;
/** Set for every function by NidaaFunction, beside the declared bindings. */
const PLATFORM = ['NODE_OPTIONS', 'POWERTOOLS_SERVICE_NAME'];

/** Every catalogue function of a stage, by name, with its synthesized environment. */
function catalogueFunctions(stacks: Templates) {
  const found = new Map<FunctionName, Record<string, unknown>>();
  for (const t of Object.values(stacks) as Template[]) {
    for (const fn of Object.values(t.findResources('AWS::Lambda::Function')) as Resource[]) {
      const name = (Object.keys(FUNCTIONS) as FunctionName[]).find(
        (n) => FUNCTIONS[n].description === fn.Properties.Description,
      );
      const env = (fn.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)
        ?.Variables;
      if (name) found.set(name, env ?? {});
    }
  }
  return found;
}

/**
 * The most bytes a value can take once CloudFormation resolves it: text as it is, and any reference
 * (Ref, Fn::GetAtt, a cross-region import) as long as the longest ARN Nidaa passes, 256.
 */
function resolvedBytes(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (value && typeof value === 'object' && 'Fn::Join' in value) {
    const [separator, parts] = (value as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
    return parts.reduce<number>((sum, p) => sum + resolvedBytes(p), separator.length * (parts.length - 1));
  }
  return 256;
}

const environmentBytes = (env: Record<string, unknown>) =>
  Object.entries(env).reduce((sum, [key, value]) => sum + Buffer.byteLength(key) + resolvedBytes(value), 0);

describe('each function’s environment', () => {
  const dev = synthStage('dev');

  it('holds exactly what its bindings declare', () => {
    const functions = catalogueFunctions(dev);
    expect([...functions.keys()].sort()).toEqual(Object.keys(FUNCTIONS).sort());
    for (const [name, env] of functions) {
      expect({ name, keys: Object.keys(env).sort() }).toEqual({
        name,
        keys: [...PLATFORM, ...bindingsOf(FUNCTIONS[name]).env].sort(),
      });
    }
  });

  it('tells every function where each resource its clients call lives', () => {
    const config = stageConfig('dev');
    const functions = catalogueFunctions(dev);
    expect(functions.get('awaitAgent')?.CONTACT_CENTER_REGION).toBe(config.regions.contactCenter);
    expect(functions.get('notify')?.CONTACT_CENTER_REGION).toBe(config.regions.contactCenter);
    expect(functions.get('emailInbound')?.MAIL_RECEIVING_REGION).toBe(config.regions.mailReceiving);
    expect(functions.get('hotline')?.CASE_DATA_REGION).toBe(config.regions.caseData);
    expect(functions.get('mailRelay')?.CASE_DATA_REGION).toBe(config.regions.caseData);
  });

  it('stays far below Lambda’s 4 KB with 50 departments and 100 categories', () => {
    // A large city: 50 departments, each with a tier-3 queue, and the stage's config (holidays for years
    // ahead); its 100 categories are in the bundled catalogue, which no environment carries.
    const departments: Department[] = Array.from({ length: 50 }, (_, i) => ({
      code: `DEPARTMENT_${String(i).padStart(2, '0')}`,
      name: {
        ar: `الإدارة العامة للخدمات البلدية رقم ${i}`,
        en: `Directorate General of Municipal Services ${i}`,
      },
      tier3Queue: `field-${i}`,
    }));
    expect(DEPARTMENTS.length).toBeLessThan(departments.length);
    const large = synthStage(
      'prod',
      (c) => ({
        ...c,
        businessCalendar: {
          ...c.businessCalendar,
          // Two years of holidays (Connect takes at most 50 overrides per hours of operation).
          holidays: Array.from(
            { length: 48 },
            (_, i) =>
              `${2027 + (i % 2)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + Math.floor(i / 2)).padStart(2, '0')}`,
          ),
        },
      }),
      { departments },
    );
    expect(Object.keys(large.contactCenter.findResources('AWS::Connect::Queue')).length).toBe(53);
    const sizes = [...catalogueFunctions(large)].map(([name, env]) => ({
      name,
      bytes: environmentBytes(env),
    }));
    for (const { name, bytes } of sizes) {
      // Counted pessimistically (every reference as 256 bytes), within three quarters of the limit: room
      // for what later releases add; more departments no longer add anything.
      expect({ name, bytes, fits: bytes <= (LAMBDA_ENVIRONMENT_LIMIT * 3) / 4 }).toEqual({
        name,
        bytes,
        fits: true,
      });
    }
  });
});

describe('the stage config', () => {
  it('travels inside the bundle, not in the environment', () => {
    const outdir = mkdtempSync(path.join(tmpdir(), 'nidaa-bundle-'));
    const app = new App({ outdir });
    const stack = new Stack(app, 'Bundle', { env: { region: 'me-central-1' } });
    const config = runtimeConfigFor(stageConfig('dev'));
    // emailEvents reads the config (through the container) and is small to bundle.
    new NidaaFunction(stack, 'emailEvents', {
      spec: FUNCTIONS.emailEvents,
      key: new kms.Key(stack, 'Key'),
      logRetentionDays: 7,
      environment: {},
      runtimeConfig: config,
    });
    const assembly = app.synth();
    const template = JSON.stringify(assembly.getStackByName('Bundle').template);
    expect(template).not.toContain(config.email.from);
    expect(template).not.toContain('NIDAA_CONFIG');
    const assetDir = readdirSync(outdir).find((d) => d.startsWith('asset.'));
    const bundle = readFileSync(path.join(outdir, assetDir as string, 'index.mjs'), 'utf8');
    // esbuild puts the constant in place of its uses (non-ASCII text as \u escapes).
    const carries = {
      from: bundle.includes(config.email.from),
      referencePrefix: bundle.includes('"referencePrefix"'),
      readsAGlobal: /typeof NIDAA_STAGE_CONFIG/.test(bundle),
    };
    expect(carries).toEqual({ from: true, referencePrefix: true, readsAGlobal: false });
  }, 120_000);
});
