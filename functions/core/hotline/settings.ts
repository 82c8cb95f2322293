/**
 * What a municipality sets for its hotline, in one place: which services the procedures menu reads, which
 * categories a caller can report, and when a caller in the queue is offered a call back. The flows never
 * name a service or category: the hotline Lambda reads the menus from here, so changing a menu needs no
 * flow change (docs/decisions/0021).
 */
export type HotlineSettings = {
  /** Procedure codes (functions/core/knowledge/procedures.ts), key 1 first; at most 9. */
  procedureMenu: readonly string[];
  /** Catalogue category codes a caller can report, key 1 first; at most 9. */
  complaintMenu: readonly string[];
  /** A caller expected to wait longer than this is offered a queued call back. */
  callbackAfterWaitSeconds: number;
  /** How many of the caller's open cases the IVR reads (newest first). */
  openCasesToRead: number;
};

export const HOTLINE_SETTINGS: HotlineSettings = {
  procedureMenu: [
    'residential_building_permit',
    'shop_licence_renewal',
    'food_handler_health_card',
    'road_excavation_permit',
    'waste_container_request',
    'abandoned_vehicle_reclaim',
  ],
  complaintMenu: [
    'waste_collection',
    'pothole',
    'street_light_out',
    'sewage_water_leak',
    'stray_animals',
    'noise',
    'building_violation',
    'general_inquiry',
  ],
  callbackAfterWaitSeconds: 300,
  openCasesToRead: 3,
};

/** The problems with a set of hotline settings (menus of 1–9 known entries); empty when valid. */
export function validateHotlineSettings(
  settings: HotlineSettings,
  known: { procedures: readonly string[]; categories: readonly string[] },
): string[] {
  const problems: string[] = [];
  const menu = (name: string, codes: readonly string[], valid: readonly string[]) => {
    if (codes.length < 1 || codes.length > 9) problems.push(`${name} needs 1 to 9 entries (one per key)`);
    for (const code of codes) if (!valid.includes(code)) problems.push(`${name}: unknown code ${code}`);
  };
  menu('procedureMenu', settings.procedureMenu, known.procedures);
  menu('complaintMenu', settings.complaintMenu, known.categories);
  if (!(settings.callbackAfterWaitSeconds > 0)) problems.push('callbackAfterWaitSeconds must be positive');
  return problems;
}
