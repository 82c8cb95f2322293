import { describe, expect, it } from 'vitest';
import { SEED_CATALOGUE } from '../../../../functions/core/catalogue/seed.ts';
import type { Bilingual } from '../../../../functions/core/errors.ts';
import { PROCEDURES, procedureByCode } from '../../../../functions/core/knowledge/procedures.ts';
import type { BilingualList, Procedure } from '../../../../functions/core/knowledge/types.ts';

const ARABIC = /\p{Script=Arabic}/u;
const LATIN = /[A-Za-z]/;
/** The GSM 03.38 basic character set: English summaries must not switch an SMS to UCS-2 (70 characters). */
const GSM_7 = /^[A-Za-z0-9 @£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ!"#¤%&'()*+,\-./:;<=>?¡ÄÖÑÜ§¿äöñüà\n\r]*$/;
/** One SMS in English (160 GSM-7 characters); two concatenated UCS-2 segments in Arabic (2 × 67). */
const MAX_SUMMARY = { en: 160, ar: 134 };
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const arabicOnly = (text: string) => text.trim().length > 0 && ARABIC.test(text) && !LATIN.test(text);
const englishOnly = (text: string) => text.trim().length > 0 && LATIN.test(text) && !ARABIC.test(text);
const isBilingual = ({ ar, en }: Bilingual) => arabicOnly(ar) && englishOnly(en);
const isBilingualList = ({ ar, en }: BilingualList) =>
  ar.length > 0 && ar.length === en.length && ar.every(arabicOnly) && en.every(englishOnly);
const isRealDate = (date: string) =>
  ISO_DATE.test(date) && new Date(`${date}T00:00:00Z`).toISOString().startsWith(date);
const duplicates = (values: string[]) => values.filter((v, i) => values.indexOf(v) !== i);

const cases = PROCEDURES.map((p) => [p.code, p] as const);

describe('procedure knowledge base integrity', () => {
  it('has 10–12 procedures with unique snake_case codes', () => {
    expect(PROCEDURES.length).toBeGreaterThanOrEqual(10);
    expect(PROCEDURES.length).toBeLessThanOrEqual(12);
    expect(duplicates(PROCEDURES.map((p) => p.code))).toEqual([]);
    for (const { code } of PROCEDURES) expect(code).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
  });

  it('covers the common municipal services', () => {
    expect(PROCEDURES.map((p) => p.code).sort()).toEqual(
      [
        'residential_building_permit',
        'shop_licence_renewal',
        'food_handler_health_card',
        'food_establishment_licence',
        'road_excavation_permit',
        'waste_container_request',
        'abandoned_vehicle_reclaim',
        'advertising_signboard_permit',
        'tree_cutting_permit',
        'event_tent_permit',
        'pest_control_request',
        'building_completion_certificate',
      ].sort(),
    );
  });

  it('has unique titles in each language', () => {
    expect(duplicates(PROCEDURES.map((p) => p.title.ar))).toEqual([]);
    expect(duplicates(PROCEDURES.map((p) => p.title.en))).toEqual([]);
  });

  it.each(cases)('%s links only to categories of the catalogue', (_, procedure) => {
    const known = SEED_CATALOGUE.categories.map((c) => c.code);
    expect(procedure.categoryCodes.length).toBeGreaterThan(0);
    expect(duplicates(procedure.categoryCodes)).toEqual([]);
    expect(procedure.categoryCodes.filter((code) => !known.includes(code))).toEqual([]);
  });

  it.each(cases)('%s is written in Arabic and English everywhere', (_, p: Procedure) => {
    for (const text of [p.title, p.summary, p.fees, p.whereToApply, p.expectedTime]) {
      expect(isBilingual(text), JSON.stringify(text)).toBe(true);
    }
    for (const list of [p.requirements, p.documents, p.steps]) {
      expect(isBilingualList(list), JSON.stringify(list)).toBe(true);
    }
    if (p.keywords) {
      expect(p.keywords.ar.every(arabicOnly)).toBe(true);
      expect(p.keywords.en.every(englishOnly)).toBe(true);
    }
  });

  it.each(cases)('%s has a summary short enough for SMS and the IVR', (_, { summary }) => {
    expect([...summary.en].length).toBeLessThanOrEqual(MAX_SUMMARY.en);
    expect([...summary.ar].length).toBeLessThanOrEqual(MAX_SUMMARY.ar);
    expect(summary.en).toMatch(GSM_7);
  });

  it.each(cases)('%s states its fees in Omani rials, or says it is free', (_, { fees }) => {
    expect(fees.ar).toMatch(/ر\.ع\.|مجان/);
    expect(fees.en).toMatch(/OMR \d|free/i);
    // No "RO"/"OR" abbreviations or the rial sign spelled differently in the two languages.
    expect(fees.en).not.toMatch(/\bR\.?O\.?\b|rials?/i);
  });

  it.each(cases)('%s has real review dates, reviewBy after lastReviewed', (_, p) => {
    expect(isRealDate(p.lastReviewed)).toBe(true);
    expect(isRealDate(p.reviewBy)).toBe(true);
    expect(p.reviewBy > p.lastReviewed).toBe(true);
    // Content is reviewed at least every two years.
    const years = (Date.parse(p.reviewBy) - Date.parse(p.lastReviewed)) / (365.25 * 24 * 3600 * 1000);
    expect(years).toBeLessThanOrEqual(2);
  });

  it('finds a procedure by its code', () => {
    expect(procedureByCode('tree_cutting_permit')?.title.en).toBe('Permit to cut down or move a tree');
    expect(procedureByCode('no_such_procedure')).toBeUndefined();
  });
});
