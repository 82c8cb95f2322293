import { describe, expect, it } from 'vitest';
import { CASE_TYPES, PRIORITIES } from '../../../../functions/core/case/case.ts';
import { checkServiceArea } from '../../../../functions/core/catalogue/geo.ts';
import { SEED_CATALOGUE } from '../../../../functions/core/catalogue/seed.ts';
import type { Bilingual } from '../../../../functions/core/errors.ts';

const { departments, categories, wilayats, routingRules, serviceArea } = SEED_CATALOGUE;
const ARABIC = /\p{Script=Arabic}/u;
const LATIN = /[A-Za-z]/;

const isBilingual = ({ ar, en }: Bilingual) => ARABIC.test(ar) && !LATIN.test(ar) && LATIN.test(en);
const duplicates = (values: string[]) => values.filter((v, i) => values.indexOf(v) !== i);

describe('seed catalogue integrity', () => {
  it('has about 8 departments, 20–25 categories and the six wilayats of Muscat', () => {
    expect(departments.length).toBeGreaterThanOrEqual(8);
    expect(categories.length).toBeGreaterThanOrEqual(20);
    expect(categories.length).toBeLessThanOrEqual(25);
    expect(wilayats.map((w) => w.name.en).sort()).toEqual(
      ['Al Amarat', 'As Seeb', 'Bawshar', 'Muscat', 'Muttrah', 'Qurayyat'].sort(),
    );
  });

  it('has unique codes', () => {
    expect(duplicates(departments.map((d) => d.code))).toEqual([]);
    expect(duplicates(categories.map((c) => c.code))).toEqual([]);
    expect(duplicates(categories.map((c) => c.open311Code))).toEqual([]);
    expect(duplicates(wilayats.map((w) => w.code))).toEqual([]);
  });

  it('names everything in Arabic and English', () => {
    for (const item of [...departments, ...categories, ...wilayats]) {
      expect(isBilingual(item.name), item.code).toBe(true);
    }
  });

  it.each(categories.map((c) => [c.code, c] as const))('%s is well formed', (_, category) => {
    expect(departments.some((d) => d.code === category.departmentCode)).toBe(true);
    expect(CASE_TYPES).toContain(category.caseType);
    expect(PRIORITIES).toContain(category.priority);
    const { tier1, tier2, tier3 } = category.slaMinutes;
    expect(tier1).toBeGreaterThan(0);
    expect(tier1).toBeLessThanOrEqual(tier2);
    expect(tier2).toBeLessThanOrEqual(tier3);
    expect(category.keywords.ar.length).toBeGreaterThan(0);
    expect(category.keywords.en.length).toBeGreaterThan(0);
    expect(category.keywords.ar.every((k) => ARABIC.test(k))).toBe(true);
    expect(category.keywords.en.every((k) => LATIN.test(k) && !ARABIC.test(k))).toBe(true);
  });

  it('gives more urgent categories shorter deadlines', () => {
    const tier1ByPriority = PRIORITIES.map((p) => categories.find((c) => c.priority === p)?.slaMinutes.tier1);
    expect(tier1ByPriority).toEqual([...tier1ByPriority].sort((a = 0, b = 0) => b - a));
  });

  it('routes only to known departments, categories and wilayats', () => {
    for (const rule of routingRules) {
      expect(departments.some((d) => d.code === rule.departmentCode)).toBe(true);
      if (rule.categoryCode) expect(categories.some((c) => c.code === rule.categoryCode)).toBe(true);
      if (rule.wilayatCode) expect(wilayats.some((w) => w.code === rule.wilayatCode)).toBe(true);
      expect(rule.categoryCode ?? rule.wilayatCode).toBeDefined();
    }
  });

  it('places every wilayat centre inside the service area, and ships no boundaries', () => {
    for (const wilayat of wilayats) {
      expect(checkServiceArea(wilayat.centre, serviceArea, wilayats), wilayat.code).toBe('inside');
      expect(wilayat.boundary).toBeUndefined();
    }
  });

  it('is plain data that survives JSON', () => {
    expect(JSON.parse(JSON.stringify(SEED_CATALOGUE))).toEqual(SEED_CATALOGUE);
  });
});
