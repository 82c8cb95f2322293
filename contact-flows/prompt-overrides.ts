/**
 * A municipality's own wording for the hotline's fixed prompts (stage config `contactCenter.prompts`),
 * applied to the generated flows at synth and in local mode: every string in a flow that is the default
 * text of an overridden prompt, in that language, becomes the municipality's text. The flows keep both
 * languages because an override replaces one language's text, never a key.
 */
import type { Bilingual } from '../functions/core/errors.ts';
import { PROMPTS } from '../functions/core/hotline/prompts.ts';

export type PromptKey = keyof typeof PROMPTS;
export const PROMPT_KEYS = Object.keys(PROMPTS) as [PromptKey, ...PromptKey[]];
export type PromptOverrides = Partial<Record<PromptKey, Partial<Bilingual>>>;

export function withPromptOverrides(flowText: string, overrides: PromptOverrides = {}): string {
  const replacements = new Map<string, string>();
  for (const [key, texts] of Object.entries(overrides) as [PromptKey, Partial<Bilingual>][]) {
    for (const language of ['ar', 'en'] as const) {
      const text = texts[language];
      if (text) replacements.set(PROMPTS[key][language], text);
    }
  }
  if (replacements.size === 0) return flowText;
  const replace = (value: unknown): unknown => {
    if (typeof value === 'string') return replacements.get(value) ?? value;
    if (Array.isArray(value)) return value.map(replace);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replace(v)]));
    }
    return value;
  };
  return JSON.stringify(replace(JSON.parse(flowText)), null, 2);
}
