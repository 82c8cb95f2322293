/**
 * `{ region }` of the case data (table, workflows, SMS sender) for a function deployed in another region —
 * the ones Amazon Connect invokes run next to the instance (lib/function-catalog.ts invokedByConnect), and
 * the contact-center stack sets CASE_DATA_REGION on them. Elsewhere it is unset: the function's own region.
 */
export const caseDataRegion = (): { region?: string } =>
  process.env.CASE_DATA_REGION ? { region: process.env.CASE_DATA_REGION } : {};
