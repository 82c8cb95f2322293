import {
  type PlaceholderKind,
  placeholdersIn,
  resolvePlaceholders,
} from '../../../contact-flows/placeholders.ts';

/** What each placeholder kind can stand for in this deployment: key → ARN (or any replacement text). */
export type FlowTargets = Record<PlaceholderKind, Readonly<Record<string, string>>>;

/** A flow that cannot be deployed as written: the message names the flow, its file and the fix. */
export class FlowPlaceholderError extends Error {
  override readonly name = 'FlowPlaceholderError';
}

const WHAT: Record<PlaceholderKind, string> = {
  queue: 'a Nidaa queue (t1, t2, callback, t3#<department code>)',
  lambda: 'a function of lib/function-catalog.ts with invokedByConnect',
  flow: 'a flow of contact-flows/catalog.ts',
  hours: 'an hours of operation (main)',
};

/**
 * Replaces every placeholder of a flow with its target. An unknown one stops synth with the flow, the
 * placeholder and what it may name, never an empty ARN that Connect would reject at deploy time.
 */
export function resolveFlowContent(
  flow: string,
  file: string,
  content: string,
  targets: FlowTargets,
): string {
  return resolvePlaceholders(content, (kind, key) => {
    const target = targets[kind][key];
    if (target !== undefined) return target;
    const known = Object.keys(targets[kind]).join(', ') || 'none';
    throw new FlowPlaceholderError(
      `Contact flow "${flow}" (${file}) uses \${${kind}:${key}}, but "${key}" is not ${WHAT[kind]}. Known: ${known}.`,
    );
  });
}

/**
 * The order to create flows in: every flow after the flows it names with `${flow:…}`, because a flow is
 * published (and its references checked) when it is created. A flow naming an unknown flow, itself, or a
 * cycle of flows stops synth: CloudFormation cannot create resources that need each other's ARN.
 */
export function flowCreationOrder(contents: Readonly<Record<string, string>>): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      throw new FlowPlaceholderError(
        `Contact flows reference each other in a cycle (${[...path, name].join(' → ')}). Break it: merge them into one flow, or move what both need into a third flow that both transfer to.`,
      );
    }
    state.set(name, 'visiting');
    for (const { kind, key } of placeholdersIn(contents[name] ?? '')) {
      if (kind !== 'flow') continue;
      if (!(key in contents)) {
        throw new FlowPlaceholderError(
          `Contact flow "${name}" uses \${flow:${key}}, but "${key}" is not ${WHAT.flow}. Known: ${Object.keys(contents).join(', ')}.`,
        );
      }
      visit(key, [...path, name]);
    }
    state.set(name, 'done');
    order.push(name);
  };
  for (const name of Object.keys(contents)) visit(name, []);
  return order;
}
