import type { Bilingual } from '../errors.ts';

/**
 * An Omani number plate as a citizen texts it: up to five digits and a code of one or two letters,
 * Arabic (hamza and other spellings folded, so `أ` and `ا` are the same letter) or Latin (upper case).
 */
export type Plate = { number: string; code: string };

/** Municipal permits a vehicle can hold; the municipality's system names them by these codes. */
export const PERMIT_KINDS = {
  food_truck: { ar: 'عربة طعام', en: 'food truck' },
  advertising: { ar: 'إعلان على مركبة', en: 'vehicle advertising' },
  waste_transport: { ar: 'نقل مخلفات', en: 'waste transport' },
  water_tanker: { ar: 'صهريج مياه', en: 'water tanker' },
} as const satisfies Record<string, Bilingual>;
export type PermitKind = keyof typeof PERMIT_KINDS;

/**
 * What the municipality knows about a vehicle: its unpaid municipal fines (parking in a paid zone,
 * dumping waste, an abandoned vehicle…) and its municipal permits. Not traffic fines: those are the
 * police's. Amounts are in baisa (1 rial = 1,000 baisa), so sums stay exact.
 */
export type VehicleRecord = {
  plate: Plate;
  outstandingFines: { count: number; totalBaisa: number };
  permits: { kind: PermitKind; validUntil: string }[];
};

export type VehicleLookup =
  | { kind: 'found'; record: VehicleRecord }
  | { kind: 'not_found'; plate: Plate }
  /** The municipality's system did not answer in time, failed, or is not configured. */
  | { kind: 'unavailable'; plate: Plate };

/** Rials with three decimals, as Omani amounts are written (15.500). */
export const formatRials = (baisa: number) => (baisa / 1000).toFixed(3);
