import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CONTACT_FLOWS } from '../../contact-flows/catalog.ts';
import { customizeFlow, type FlowCustomization } from '../../contact-flows/customize.ts';
import { type PlaceholderKind, resolvePlaceholders } from '../../contact-flows/placeholders.ts';
import { SEED_CATALOGUE } from '../../functions/core/catalogue/seed.ts';
import { queueOf } from '../../functions/core/lifecycle/tiers.ts';
import { FUNCTIONS, type FunctionSpec } from '../../lib/function-catalog.ts';
import { PROJECT_ROOT } from '../../lib/project-root.ts';

/** A flow as the flow language writes it (the parts the simulator and the validator read). */
export type FlowAction = {
  Identifier: string;
  Type: string;
  Parameters?: Record<string, unknown>;
  Transitions?: {
    NextAction?: string;
    Conditions?: { NextAction: string; Condition: { Operator: string; Operands: string[] } }[];
    Errors?: { NextAction: string; ErrorType: string }[];
  };
};
export type FlowDocument = { Version: string; StartAction: string; Actions: FlowAction[] };

/** The queues a flow may name: tier 1, tier 2, call backs and each department's tier-3 queue. */
export const KNOWN_QUEUES: readonly string[] = [
  't1',
  't2',
  'callback',
  ...SEED_CATALOGUE.departments.map((d) => queueOf({ tier: 3, departmentCode: d.code })),
];
export const KNOWN_HOURS: readonly string[] = ['main'];

/** Whether a placeholder names something that exists (a queue, a Connect-invoked function, a flow, hours). */
export function isKnownPlaceholder(kind: PlaceholderKind, key: string): boolean {
  switch (kind) {
    case 'queue':
      return KNOWN_QUEUES.includes(key);
    case 'lambda':
      return (
        key in FUNCTIONS &&
        (FUNCTIONS[key as keyof typeof FUNCTIONS] as FunctionSpec).invokedByConnect === true
      );
    case 'flow':
      return key in CONTACT_FLOWS;
    case 'hours':
      return KNOWN_HOURS.includes(key);
  }
}

export const readFlowText = (name: string) => {
  const spec = CONTACT_FLOWS[name];
  if (!spec) throw new Error(`No flow named ${name} in contact-flows/catalog.ts`);
  return readFileSync(path.join(PROJECT_ROOT, spec.file), 'utf8');
};

/**
 * A catalogue flow with the stage's wording and voices applied and its placeholders replaced by local names: `queue:t1`, the function's catalogue
 * name, the flow's catalogue name, `hours:main`. An unknown placeholder throws, as in CDK.
 */
export function loadLocalFlow(name: string, custom: FlowCustomization = {}): FlowDocument {
  const text = resolvePlaceholders(customizeFlow(readFlowText(name), custom), (kind, key) => {
    if (!isKnownPlaceholder(kind, key))
      throw new Error(`Flow ${name}: unknown placeholder \${${kind}:${key}}`);
    return kind === 'queue' || kind === 'hours' ? `${kind}:${key}` : key;
  });
  return JSON.parse(text) as FlowDocument;
}
