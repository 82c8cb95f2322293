/** The municipal service catalogue: who handles what, where, and how fast. */
import type { CaseType, Priority } from '../case/case.ts';
import type { Bilingual } from '../errors.ts';

/** A point in WGS 84 degrees. */
export type LatLng = { lat: number; lng: number };

export type Department = {
  code: string;
  name: Bilingual;
  /** The field team's queue that tier-3 cases go to; departments without field work have none. */
  tier3Queue?: string;
};

/**
 * Deadlines in business minutes, each counted from when the work reaches that tier: tier 1 (contact-center
 * agents), tier 2 (senior agents), tier 3 (the department). A tier that misses its deadline hands over.
 */
export type SlaMinutes = { tier1: number; tier2: number; tier3: number };

export type Category = {
  code: string;
  name: Bilingual;
  caseType: CaseType;
  /** Where cases go when no routing rule says otherwise. */
  departmentCode: string;
  priority: Priority;
  slaMinutes: SlaMinutes;
  /** The Open311 GeoReport v2 `service_code` we publish this category under. */
  open311Code: string;
  /** Words and short phrases that point to this category; they also train the classifier. */
  keywords: { ar: string[]; en: string[] };
};

export type Wilayat = {
  code: string;
  name: Bilingual;
  /** A representative point (the main town), used when no boundary is known. */
  centre: LatLng;
  /** Outer ring of the wilayat's polygon, GeoJSON order [lng, lat]. */
  boundary?: [lng: number, lat: number][];
};

/**
 * Overrides a category's default department. The most specific rule wins:
 * category × wilayat, then category alone, then wilayat alone.
 */
export type RoutingRule = { categoryCode?: string; wilayatCode?: string; departmentCode: string };

/** Where we take cases at all: a bounding box, and a maximum distance from the nearest wilayat centre. */
export type ServiceArea = {
  bbox: { minLat: number; maxLat: number; minLng: number; maxLng: number };
  maxDistanceKm: number;
};

export type Catalogue = {
  departments: readonly Department[];
  categories: readonly Category[];
  wilayats: readonly Wilayat[];
  routingRules: readonly RoutingRule[];
  serviceArea: ServiceArea;
};
