/**
 * Where the case data lives, for SDK clients. Functions that Amazon Connect invokes run next to the
 * instance (regions.contactCenter) and receive CASE_DATA_REGION so the table, case-intake and messaging
 * are still called in regions.caseData; everywhere else it is unset and the SDK uses the function's region.
 */
export function caseDataRegion(): { region?: string } {
  const region = process.env.CASE_DATA_REGION;
  return region ? { region } : {};
}
