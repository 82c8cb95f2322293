import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REGIONAL_TAGS_FILE, type RegionalTagGaps } from '../../lib/aspects/regional-tags.ts';
import { cfnLintSchemaDir, cfnLintVersion } from './lint-env.ts';

type Schema = {
  properties?: Record<string, unknown>;
  tagging?: { taggable?: boolean; tagProperty?: string };
};

/** The top-level property a schema keeps its tags in, when it has one ("/properties/Tags" → "Tags"). */
function tagPropertyOf(schema: Schema): string | undefined {
  if (schema.tagging?.taggable === false) return undefined;
  const name = (schema.tagging?.tagProperty ?? '/properties/Tags').split('/')[2];
  return name && schema.properties && name in schema.properties ? name : undefined;
}

/**
 * Reads cfn-lint's copy of CloudFormation's regional resource schemas and lists, per region, the resource
 * types that take tags in some region but not in this one, with the tag property they lack there.
 */
export function regionalTagGaps(schemaDir = cfnLintSchemaDir()): RegionalTagGaps {
  const providers = path.join(schemaDir, 'providers');
  const schemas = new Map<string, Schema>();
  const schemaOf = (hash: string) => {
    let schema = schemas.get(hash);
    if (!schema) {
      schema = JSON.parse(readFileSync(path.join(schemaDir, 'resources', `${hash}.json`), 'utf8')) as Schema;
      schemas.set(hash, schema);
    }
    return schema;
  };
  // providers/<region>.py holds `types: dict[str, str] = {"AWS::…": "<schema hash>", …}`.
  const regions = new Map<string, Map<string, string>>();
  for (const file of readdirSync(providers).filter((f) => /^[a-z]+(_[a-z]+)+_\d\.py$/.test(f))) {
    const text = readFileSync(path.join(providers, file), 'utf8');
    const types = new Map(
      [...text.matchAll(/"([A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+)": "([0-9a-f]+)"/g)].map((m) => [
        m[1] as string,
        m[2] as string,
      ]),
    );
    regions.set(file.replace(/\.py$/, '').replaceAll('_', '-'), types);
  }
  const tagProperties = new Map<string, Set<string>>();
  for (const types of regions.values()) {
    for (const [type, hash] of types) {
      const property = tagPropertyOf(schemaOf(hash));
      if (property) tagProperties.set(type, (tagProperties.get(type) ?? new Set()).add(property));
    }
  }
  const gaps: RegionalTagGaps['regions'] = {};
  for (const [region, types] of [...regions].sort(([a], [b]) => a.localeCompare(b))) {
    const missing: Record<string, string[]> = {};
    for (const [type, hash] of [...types].sort(([a], [b]) => a.localeCompare(b))) {
      const properties = schemaOf(hash).properties ?? {};
      const lacks = [...(tagProperties.get(type) ?? [])].filter((p) => !(p in properties)).sort();
      if (lacks.length > 0) missing[type] = lacks;
    }
    gaps[region] = missing;
  }
  return {
    source: `cfn-lint ${cfnLintVersion() ?? '(unknown version)'} regional resource schemas`,
    regions: gaps,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(REGIONAL_TAGS_FILE, `${JSON.stringify(regionalTagGaps(), null, 2)}\n`);
  console.log(`Wrote ${path.relative(process.cwd(), REGIONAL_TAGS_FILE)}`);
}
