/**
 * Static checks on Amazon Connect flow-language JSON, run by a test over every catalogue flow: the flow is
 * well formed; every action keeps the flow language's rules (contact-flows/flow-language.ts: where it may
 * appear, its parameters, conditions and errors); no channel's path reaches an action that channel does not
 * serve; every transition lands on an action, every error a block can raise has a branch, every prompt
 * exists in Arabic and English, no cycle can hold a caller without a bound, and every placeholder names
 * something that exists (contact-flows/placeholders.ts).
 */
import { CONTACT_FLOWS, type ContactFlowSpec } from '../../contact-flows/catalog.ts';
import {
  type ActionRule,
  type Channel,
  COMPARE_OPERATORS,
  FLOW_LANGUAGE,
} from '../../contact-flows/flow-language.ts';
import { placeholdersIn } from '../../contact-flows/placeholders.ts';
import type { PromptOverrides } from '../../contact-flows/prompt-overrides.ts';
import { SCREEN_POP_ATTRIBUTES } from '../../functions/core/contact/screen-pop.ts';
import type { Bilingual } from '../../functions/core/errors.ts';
import { PROMPTS } from '../../functions/core/hotline/prompts.ts';
import { type FlowAction, type FlowDocument, isKnownPlaceholder, readFlowText } from './flow-files.ts';

export type FlowProblem = { flow: string; action?: string; problem: string };

type FlowKind = Pick<ContactFlowSpec, 'type' | 'channels'>;
/** A flow outside the catalogue is checked as an entry flow for calls and chats. */
const ENTRY_FLOW: FlowKind = { type: 'CONTACT_FLOW', channels: ['VOICE', 'CHAT'] };

/** The flow language's rules for one action: where it may be, its parameters, conditions and errors. */
function checkAgainstLanguage(a: FlowAction, rule: ActionRule, spec: FlowKind): string[] {
  const problems: string[] = [];
  const parameters = a.Parameters ?? {};
  if (!rule.flowTypes.includes(spec.type)) problems.push(`${a.Type} is not allowed in a ${spec.type} flow`);
  problems.push(...(rule.parameters?.(parameters) ?? []));

  const errors = rule.errors(parameters);
  const declared = (a.Transitions?.Errors ?? []).map((e) => e.ErrorType);
  for (const error of errors.required)
    if (!declared.includes(error)) problems.push(`does not handle ${error}`);
  for (const error of declared)
    if (!errors.allowed.includes(error)) problems.push(`${a.Type} cannot raise ${error}`);

  const conditions = a.Transitions?.Conditions ?? [];
  const allowed = rule.conditions(parameters);
  if (allowed.kind === 'none' && conditions.length > 0) problems.push(`${a.Type} takes no conditions`);
  for (const c of conditions) {
    const operand = c.Condition.Operands[0] ?? '';
    if (c.Condition.Operands.length !== 1) problems.push('a condition takes exactly one operand');
    if (allowed.kind === 'compare' && !COMPARE_OPERATORS.includes(c.Condition.Operator))
      problems.push(`${c.Condition.Operator} is not a comparison operator`);
    if (allowed.kind !== 'compare' && c.Condition.Operator !== 'Equals')
      problems.push(`${a.Type} conditions use Equals only`);
    if (allowed.kind === 'keys' && !/^[0-9*#]$/.test(operand))
      problems.push(`a key condition compares one key (0–9, *, #), not "${operand}"`);
    if (operand.startsWith('$.')) problems.push('condition operands are static');
  }
  if (allowed.kind === 'exactly') {
    const operands = conditions.map((c) => c.Condition.Operands[0]);
    for (const needed of allowed.operands)
      if (operands.filter((o) => o === needed).length !== 1) problems.push(`needs a condition for ${needed}`);
    for (const o of operands) if (!allowed.operands.includes(o ?? '')) problems.push(`cannot branch on ${o}`);
  }

  if (rule.terminal) {
    if (a.Transitions?.NextAction || conditions.length > 0 || declared.length > 0)
      problems.push(`${a.Type} ends the flow: it takes no transitions`);
  } else if (!a.Transitions?.NextAction) problems.push('has no next action');
  return problems;
}

/**
 * The actions a contact of one channel can reach: Compare blocks on `$.Channel` send it down its own
 * branch only, every other action down all of its transitions.
 */
function actionsReachedBy(channel: Channel, start: string, byId: Map<string, FlowAction>): FlowAction[] {
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const id = queue.pop() as string;
    const a = byId.get(id);
    if (seen.has(id) || !a) continue;
    seen.add(id);
    if (a.Type === 'Compare' && a.Parameters?.ComparisonValue === '$.Channel') {
      const branch = a.Transitions?.Conditions?.find((c) => c.Condition.Operands[0] === channel);
      const fallback = a.Transitions?.Errors?.find((e) => e.ErrorType === 'NoMatchingCondition');
      const next = branch?.NextAction ?? fallback?.NextAction;
      if (next) queue.push(next);
    } else queue.push(...targetsOf(a));
  }
  return [...seen].map((id) => byId.get(id) as FlowAction);
}

const FORBIDDEN_ID = /[%:()\\/=$,;[\]{}]/;
const PROMPT_KEYS = new Set(Object.keys(PROMPTS));
const PROMPT_TEXTS = new Set(
  Object.values(PROMPTS as Record<string, Bilingual>).flatMap((p) => [p.ar, p.en]),
);

const targetsOf = (a: FlowAction) => [
  ...(a.Transitions?.NextAction ? [a.Transitions.NextAction] : []),
  ...(a.Transitions?.Conditions ?? []).map((c) => c.NextAction),
  ...(a.Transitions?.Errors ?? []).map((e) => e.NextAction),
];

/**
 * The transitions that happen without a caller's deliberate choice: everything except a menu's matched key
 * and the success of a multi-key input. A cycle of such transitions with no Loop block in it would keep a
 * silent (or confused) caller forever.
 */
function automaticTargets(a: FlowAction): string[] {
  if (a.Type === 'Loop') return [];
  if (a.Type !== 'GetParticipantInput') return targetsOf(a);
  const stores = a.Parameters?.StoreInput === 'True';
  return [
    ...(stores ? [] : a.Transitions?.NextAction ? [a.Transitions.NextAction] : []),
    ...(a.Transitions?.Errors ?? []).map((e) => e.NextAction),
  ];
}

/** Cycles of automatic transitions (Tarjan's strongly connected components, self-loops included). */
function traps(actions: FlowAction[]): string[][] {
  const byId = new Map(actions.map((a) => [a.Identifier, a]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const found: string[][] = [];
  let counter = 0;
  const visit = (id: string) => {
    index.set(id, counter);
    low.set(id, counter++);
    stack.push(id);
    onStack.add(id);
    const node = byId.get(id);
    const next = node ? automaticTargets(node).filter((t) => byId.has(t)) : [];
    for (const t of next) {
      if (!index.has(t)) {
        visit(t);
        low.set(id, Math.min(low.get(id) ?? 0, low.get(t) ?? 0));
      } else if (onStack.has(t)) low.set(id, Math.min(low.get(id) ?? 0, index.get(t) ?? 0));
    }
    if (low.get(id) === index.get(id)) {
      const component: string[] = [];
      for (;;) {
        const top = stack.pop() as string;
        onStack.delete(top);
        component.push(top);
        if (top === id) break;
      }
      if (component.length > 1 || next.includes(id)) found.push(component.reverse());
    }
  };
  for (const a of actions) if (!index.has(a.Identifier)) visit(a.Identifier);
  return found;
}

/** Where a prompt's text comes from, and whether both languages are assured. */
function checkPrompt(text: unknown, setAttributes: Set<string>, wording: Set<string>): string | undefined {
  if (typeof text !== 'string' || text === '') return 'has no Text (SSML and prompt ids do not work in chat)';
  const promptKey = /^\$\.Attributes\.p_(\w+)$/.exec(text)?.[1];
  if (promptKey !== undefined) {
    return PROMPT_KEYS.has(promptKey) ? undefined : `speaks p_${promptKey}, which is not in prompts.ts`;
  }
  if (text.startsWith('$.External.')) return undefined; // the Lambda answers in the caller's language
  const attribute = /^\$\.Attributes\.(\w+)$/.exec(text)?.[1];
  if (attribute !== undefined) {
    return setAttributes.has(attribute) ? undefined : `speaks $.Attributes.${attribute}, which no block sets`;
  }
  return PROMPT_TEXTS.has(text) || wording.has(text)
    ? undefined
    : `speaks a literal text that is not in prompts.ts: "${text.slice(0, 40)}…"`;
}

const LANGUAGE_ATTRIBUTE = SCREEN_POP_ATTRIBUTES.language;

/**
 * Checks one flow document; `name` labels the problems and finds the flow's type and channels in the
 * catalogue (`spec` for a flow that is not there). `prompts` is the stage's own wording
 * (`contactCenter.prompts`): texts a flow may speak besides the defaults.
 */
export function validateFlow(
  name: string,
  raw: string,
  prompts: PromptOverrides = {},
  spec: FlowKind = CONTACT_FLOWS[name] ?? ENTRY_FLOW,
): FlowProblem[] {
  const wording = new Set(
    Object.values(prompts).flatMap((p) => [p?.ar, p?.en].filter((t) => t !== undefined)),
  );
  const problems: FlowProblem[] = [];
  const add = (problem: string, action?: string) =>
    problems.push({ flow: name, ...(action ? { action } : {}), problem });

  for (const p of placeholdersIn(raw)) {
    if (!isKnownPlaceholder(p.kind, p.key)) add(`unknown placeholder \${${p.kind}:${p.key}}`);
  }
  for (const [match] of raw.matchAll(/\$\{[^}]*\}/g)) {
    if (placeholdersIn(match).length === 0) add(`malformed placeholder ${match}`);
  }
  let flow: FlowDocument;
  try {
    flow = JSON.parse(raw) as FlowDocument;
  } catch {
    add('is not valid JSON');
    return problems;
  }
  if (flow.Version !== '2019-10-30') add('Version must be 2019-10-30');
  const actions = Array.isArray(flow.Actions) ? flow.Actions : [];
  if (actions.length === 0 || actions.length > 250) add('needs 1 to 250 actions');
  const ids = new Set<string>();
  for (const a of actions) {
    if (ids.has(a.Identifier)) add('duplicate identifier', a.Identifier);
    ids.add(a.Identifier);
    if (a.Identifier.length > 50 || FORBIDDEN_ID.test(a.Identifier))
      add('identifier too long or uses a forbidden character', a.Identifier);
  }
  if (!ids.has(flow.StartAction)) add(`StartAction ${flow.StartAction} is not an action`);

  const setAttributes = new Set(
    actions
      .filter((a) => a.Type === 'UpdateContactAttributes')
      .flatMap((a) => Object.keys((a.Parameters?.Attributes as object) ?? {})),
  );
  for (const a of actions) {
    const rule = FLOW_LANGUAGE[a.Type];
    if (!rule) {
      add(`block type ${a.Type} is not one the simulator and validator know`, a.Identifier);
      continue;
    }
    for (const problem of checkAgainstLanguage(a, rule, spec)) add(problem, a.Identifier);
    for (const target of targetsOf(a))
      if (!ids.has(target)) add(`goes to ${target}, which does not exist`, a.Identifier);
    // Nidaa's own rule on top of the language's: a menu answers silence and a wrong key itself.
    if (a.Type === 'GetParticipantInput' && a.Parameters?.StoreInput !== 'True') {
      const handled = new Set((a.Transitions?.Errors ?? []).map((e) => e.ErrorType));
      for (const error of ['InputTimeLimitExceeded', 'NoMatchingCondition'])
        if (!handled.has(error)) add(`does not handle ${error}`, a.Identifier);
    }
    if (a.Type === 'MessageParticipant' || a.Type === 'GetParticipantInput') {
      const problem = checkPrompt(a.Parameters?.Text, setAttributes, wording);
      if (problem) add(problem, a.Identifier);
    }
    if (a.Type === 'InvokeLambdaFunction') {
      const validation = a.Parameters?.ResponseValidation as { ResponseType?: string } | undefined;
      if (validation?.ResponseType !== 'STRING_MAP') add('must expect a STRING_MAP response', a.Identifier);
    }
    if (a.Type === 'UpdateContactAttributes') {
      const language = (a.Parameters?.Attributes as Record<string, string> | undefined)?.[LANGUAGE_ATTRIBUTE];
      if (language === 'ar' || language === 'en') {
        const attributes = a.Parameters?.Attributes as Record<string, string>;
        for (const key of PROMPT_KEYS) {
          const expected =
            prompts[key as keyof PromptOverrides]?.[language] ??
            (PROMPTS as Record<string, Bilingual>)[key]?.[language];
          if (attributes[`p_${key}`] !== expected)
            add(`does not set p_${key} to its ${language} text`, a.Identifier);
        }
      }
    }
  }

  const reachable = new Set<string>();
  const queue = [flow.StartAction];
  const byId = new Map(actions.map((a) => [a.Identifier, a]));
  while (queue.length > 0) {
    const id = queue.pop() as string;
    if (reachable.has(id) || !byId.has(id)) continue;
    reachable.add(id);
    queue.push(...targetsOf(byId.get(id) as FlowAction));
  }
  for (const id of ids) if (!reachable.has(id)) add('is never reached', id);
  for (const channel of spec.channels) {
    for (const a of actionsReachedBy(channel, flow.StartAction, byId)) {
      const served = FLOW_LANGUAGE[a.Type]?.channels;
      if (served && !served.includes(channel))
        add(
          `is reached by ${channel} contacts, which ${a.Type} does not serve (Connect takes its error branch): route ${channel} around it`,
          a.Identifier,
        );
    }
  }
  for (const cycle of traps(actions))
    add(`can hold a caller forever: ${cycle.join(' → ')} (add a Loop block)`);
  return problems;
}

/**
 * Every catalogue flow, and across them: prompts spoken as `p_` attributes need an Arabic and an English
 * language block somewhere (the entry flow sets them; the queue and survey flows inherit them).
 */
export function validateCatalog(read: (name: string) => string = readFlowText): FlowProblem[] {
  const problems: FlowProblem[] = [];
  const languages = new Set<string>();
  for (const name of Object.keys(CONTACT_FLOWS)) {
    const raw = read(name);
    problems.push(...validateFlow(name, raw));
    for (const m of raw.matchAll(new RegExp(`"${LANGUAGE_ATTRIBUTE}": "(ar|en)"`, 'g')))
      languages.add(m[1] as string);
  }
  for (const language of ['ar', 'en']) {
    if (!languages.has(language))
      problems.push({ flow: '(catalogue)', problem: `no flow sets the ${language} prompts` });
  }
  return problems;
}
