/** Decides which department handles a case, from its category and (when known) its wilayat. */
import { ValidationError } from '../errors.ts';
import type { Catalogue, RoutingRule } from './types.ts';

export type RoutingInput = { categoryCode: string; wilayatCode?: string };

/** How specific a rule is; 0 when it does not apply. Both fields beat category alone, which beats wilayat alone. */
function specificity(rule: RoutingRule, { categoryCode, wilayatCode }: RoutingInput): number {
  if (rule.categoryCode !== undefined && rule.categoryCode !== categoryCode) return 0;
  if (rule.wilayatCode !== undefined && rule.wilayatCode !== wilayatCode) return 0;
  return (rule.categoryCode ? 2 : 0) + (rule.wilayatCode ? 1 : 0);
}

/**
 * Returns the code of the department that handles a case: the most specific matching routing rule
 * (category × wilayat > category > wilayat), else the category's default department. Among equally specific
 * rules the first listed wins. Throws a ValidationError for an unknown category.
 */
export function routeCase(
  input: RoutingInput,
  catalogue: Pick<Catalogue, 'categories' | 'routingRules'>,
): string {
  const category = catalogue.categories.find((c) => c.code === input.categoryCode);
  if (!category) {
    throw new ValidationError({
      ar: `فئة البلاغ غير معروفة: ${input.categoryCode}`,
      en: `Unknown case category: ${input.categoryCode}`,
    });
  }
  let best: { rule: RoutingRule; score: number } | undefined;
  for (const rule of catalogue.routingRules) {
    const score = specificity(rule, input);
    if (score > (best?.score ?? 0)) best = { rule, score };
  }
  return best?.rule.departmentCode ?? category.departmentCode;
}
