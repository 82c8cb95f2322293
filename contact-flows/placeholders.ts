/**
 * Contact flows are kept in the repo as Amazon Connect flow-language JSON, with placeholders where a
 * deployment-specific ARN goes: `${queue:t1}`, `${queue:t2}`, `${queue:callback}`, `${queue:t3#<DEPT>}`,
 * `${lambda:<function name in lib/function-catalog.ts>}`, `${flow:<flow name in catalog.ts>}`,
 * `${hours:main}`. The CDK contact-center stack replaces them with ARNs; the local flow simulator with
 * local names. An unknown placeholder is an error in both, never a silent empty string.
 */
export type PlaceholderKind = 'queue' | 'lambda' | 'flow' | 'hours';

const PLACEHOLDER = /\$\{(queue|lambda|flow|hours):([A-Za-z0-9#._-]+)\}/g;

/** Every placeholder a flow's text uses, in order of appearance, without repeats. */
export function placeholdersIn(content: string): { kind: PlaceholderKind; key: string }[] {
  const seen = new Map<string, { kind: PlaceholderKind; key: string }>();
  for (const [, kind, key] of content.matchAll(PLACEHOLDER)) {
    seen.set(`${kind}:${key}`, { kind: kind as PlaceholderKind, key: key as string });
  }
  return [...seen.values()];
}

/** Replaces each placeholder with `resolve(kind, key)`; `resolve` throws for what it does not know. */
export function resolvePlaceholders(
  content: string,
  resolve: (kind: PlaceholderKind, key: string) => string,
): string {
  return content.replace(PLACEHOLDER, (_, kind: PlaceholderKind, key: string) => resolve(kind, key));
}
