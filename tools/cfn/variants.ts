import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseStageConfig, type StageConfig, stageConfigSchema } from '../../lib/config/stage-config.ts';
import { PROJECT_ROOT } from '../../lib/project-root.ts';

/** The stages of cdk.json's context, as `cdk synth -c stage=…` reads them. */
export const cdkJsonStages = (): Record<string, unknown> =>
  (
    JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as {
      context: { stages: Record<string, unknown> };
    }
  ).context.stages;

/**
 * prod with every optional feature a municipality may turn on, so that each optional resource is checked
 * against its region's schema too: an imported instance, a claimed number, the panel's own URL, the edge's
 * domain, a fax gateway, the vehicle lookup, alarm and supervisor e-mail. Values are examples.
 */
export function fullFeatured(prod: StageConfig): StageConfig {
  // Validated like cdk.json's stages, so the variant is one a municipality could configure.
  return stageConfigSchema.parse({
    ...prod,
    contactCenter: {
      ...prod.contactCenter,
      instanceArn: `arn:aws:connect:${prod.regions.contactCenter}:111122223333:instance/00000000-0000-4000-8000-000000000000`,
      phoneNumber: { countryCode: 'OM', type: 'TOLL_FREE', prefix: '+968800' },
      panelUrl: 'https://nidaa.muscat.example.om/panel/',
      contactLens: true,
    },
    edge: {
      ...prod.edge,
      domain: {
        name: 'nidaa.muscat.example.om',
        certificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/11111111-2222-4333-8444-555555555555',
      },
      originSecretVersion: '0123456789abcdef0123456789abcdef',
    },
    fax: { gatewayDomains: ['fax.example.om'], sendTo: '{number}@fax.example.om' },
    sms: { ...prod.sms, vehicleLookup: { baseUrl: 'https://vehicles.example.om/api', timeoutMs: 2500 } },
    alarmEmail: prod.alarmEmail ?? 'ops@example.om',
    supervisorEmail: 'supervisors@example.om',
  } satisfies StageConfig);
}

/** The stage configurations `npm test` lints: each stage of cdk.json, and prod with every feature on. */
export function lintVariants(stages = cdkJsonStages()): { name: string; config: StageConfig }[] {
  const named = Object.keys(stages).map((name) => ({ name, config: parseStageConfig(name, stages) }));
  const prod = named.find((v) => v.name === 'prod');
  return prod ? [...named, { name: 'prod-full', config: fullFeatured(prod.config) }] : named;
}
