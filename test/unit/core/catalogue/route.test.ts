import { describe, expect, it } from 'vitest';
import { routeCase } from '../../../../functions/core/catalogue/route.ts';
import { SEED_CATALOGUE } from '../../../../functions/core/catalogue/seed.ts';
import type { Catalogue, Category } from '../../../../functions/core/catalogue/types.ts';
import { ValidationError } from '../../../../functions/core/errors.ts';

const category = (code: string, departmentCode: string): Category => ({
  code,
  name: { ar: code, en: code },
  caseType: 'report',
  departmentCode,
  priority: 'normal',
  slaMinutes: { tier1: 60, tier2: 600, tier3: 1200 },
  open311Code: code,
  keywords: { ar: [], en: [] },
});

/** Rules listed least specific first, so a match proves specificity wins, not list order. */
const catalogue: Pick<Catalogue, 'categories' | 'routingRules'> = {
  categories: [category('beach', 'cleaning'), category('pothole', 'roads')],
  routingRules: [
    { wilayatCode: 'qurayyat', departmentCode: 'qurayyat_office' },
    { categoryCode: 'beach', departmentCode: 'coast_guard' },
    { categoryCode: 'beach', wilayatCode: 'qurayyat', departmentCode: 'qurayyat_beaches' },
    { categoryCode: 'beach', wilayatCode: 'qurayyat', departmentCode: 'never_chosen_duplicate' },
  ],
};

describe('routeCase', () => {
  it.each([
    [
      'category × wilayat beats everything',
      { categoryCode: 'beach', wilayatCode: 'qurayyat' },
      'qurayyat_beaches',
    ],
    ['category beats wilayat', { categoryCode: 'beach', wilayatCode: 'muttrah' }, 'coast_guard'],
    ['category applies without a wilayat', { categoryCode: 'beach' }, 'coast_guard'],
    ['wilayat beats the default', { categoryCode: 'pothole', wilayatCode: 'qurayyat' }, 'qurayyat_office'],
    ['default department otherwise', { categoryCode: 'pothole', wilayatCode: 'muttrah' }, 'roads'],
    ['default department without a wilayat', { categoryCode: 'pothole' }, 'roads'],
  ])('%s', (_, input, department) => {
    expect(routeCase(input, catalogue)).toBe(department);
  });

  it('rejects an unknown category', () => {
    expect(() => routeCase({ categoryCode: 'nope' }, catalogue)).toThrow(ValidationError);
  });

  it('sends Qurayyat beach cleaning to the Qurayyat office in the seed, and other wilayats to the default', () => {
    expect(routeCase({ categoryCode: 'beach_cleanliness', wilayatCode: 'qurayyat' }, SEED_CATALOGUE)).toBe(
      'qurayyat_office',
    );
    expect(routeCase({ categoryCode: 'beach_cleanliness', wilayatCode: 'as_seeb' }, SEED_CATALOGUE)).toBe(
      'cleanliness',
    );
    expect(routeCase({ categoryCode: 'food_hygiene', wilayatCode: 'qurayyat' }, SEED_CATALOGUE)).toBe(
      'health',
    );
  });
});
