/**
 * The knowledge base of service procedures: how a citizen gets a permit, a licence or a municipal service.
 * The IVR reads summaries aloud, SMS sends them, agents and the portal show the full procedure.
 */
import type { Bilingual } from '../errors.ts';

/** The same list in both languages, item for item (the Arabic item i translates the English item i). */
export type BilingualList = { ar: string[]; en: string[] };

/** A calendar date, `YYYY-MM-DD` (Muscat local date). */
export type IsoDate = string;

export type Procedure = {
  /** Stable snake_case code, e.g. `residential_building_permit`. */
  code: string;
  /** Catalogue category codes (functions/core/catalogue/seed.ts) this procedure answers. */
  categoryCodes: string[];
  title: Bilingual;
  /**
   * At most 160 characters in each language (Arabic: at most 134, two concatenated UCS-2 SMS segments):
   * sent as one SMS in English or two in Arabic, and short enough to be read aloud by the IVR.
   */
  summary: Bilingual;
  /** Conditions the applicant or the site must meet. */
  requirements: BilingualList;
  /** Documents to bring or upload. */
  documents: BilingualList;
  /** In Omani rials, e.g. "5 ر.ع." / "OMR 5", or free ("مجاناً" / "Free"). */
  fees: Bilingual;
  /** What the applicant does, in order. */
  steps: BilingualList;
  whereToApply: Bilingual;
  expectedTime: Bilingual;
  /** The content must be checked with the owning department by this date; after it, it is overdue. */
  reviewBy: IsoDate;
  lastReviewed: IsoDate;
  /**
   * Other words citizens use for this procedure (synonyms, dialect, common misnomers). Search only: never
   * shown, so they may be colloquial.
   */
  keywords?: BilingualList;
};
