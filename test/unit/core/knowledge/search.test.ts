import { describe, expect, it } from 'vitest';
import { PROCEDURES } from '../../../../functions/core/knowledge/procedures.ts';
import {
  findProcedures,
  overdueForReview,
  proceduresForCategory,
  rankProcedures,
} from '../../../../functions/core/knowledge/search.ts';
import type { Procedure } from '../../../../functions/core/knowledge/types.ts';

const firstCode = (query: string) => findProcedures(query, PROCEDURES)[0]?.code;

describe('findProcedures', () => {
  it.each([
    // Building permit: ta marbuta, the article, ترخيص/رخصة, English, digits in either script.
    ['رخصة بناء', 'residential_building_permit'],
    ['رخصه البناء', 'residential_building_permit'],
    ['ترخيص بناء منزل', 'residential_building_permit'],
    ['رخصة بناء ٢٠٢٦', 'residential_building_permit'],
    ['رخصة بناء 2026', 'residential_building_permit'],
    ['building permit', 'residential_building_permit'],
    ['How do I get a BUILDING PERMIT?', 'residential_building_permit'],
    // Hamza on alef, ta marbuta, with and without ال.
    ['شهادة إتمام البناء', 'building_completion_certificate'],
    ['شهاده اتمام بناء', 'building_completion_certificate'],
    ['completion certificate', 'building_completion_certificate'],
    ['البطاقة الصحية', 'food_handler_health_card'],
    ['بطاقه صحيه للعمال', 'food_handler_health_card'],
    ['health card', 'food_handler_health_card'],
    ['رخصة مطعم', 'food_establishment_licence'],
    ['ترخيص مطعم', 'food_establishment_licence'],
    ['open a restaurant', 'food_establishment_licence'],
    ['تجديد رخصة المحل', 'shop_licence_renewal'],
    ['تجديد الترخيص البلدي', 'shop_licence_renewal'],
    ['renew my shop license', 'shop_licence_renewal'],
    ['renew shop licence', 'shop_licence_renewal'],
    ['حفر في الشارع', 'road_excavation_permit'],
    ['excavation permit', 'road_excavation_permit'],
    ['طلب حاوية', 'waste_container_request'],
    ['حاويه جديده', 'waste_container_request'],
    ['waste bin', 'waste_container_request'],
    ['سيارة مهملة', 'abandoned_vehicle_reclaim'],
    ['سياره مهمله', 'abandoned_vehicle_reclaim'],
    ['استرداد سيارتي المسحوبة', 'abandoned_vehicle_reclaim'],
    ['abandoned car', 'abandoned_vehicle_reclaim'],
    ['لوحة إعلانية', 'advertising_signboard_permit'],
    ['لوحه اعلانيه', 'advertising_signboard_permit'],
    ['signboard', 'advertising_signboard_permit'],
    ['قطع شجرة', 'tree_cutting_permit'],
    ['قطع الأشجار', 'tree_cutting_permit'],
    ['قطع الاشجار', 'tree_cutting_permit'],
    ['tree cutting permit', 'tree_cutting_permit'],
    ['خيمة عزاء', 'event_tent_permit'],
    ['خيمه عرس', 'event_tent_permit'],
    ['tent for a wedding', 'event_tent_permit'],
    ['مكافحة الحشرات', 'pest_control_request'],
    ['رش البعوض', 'pest_control_request'],
    ['pest control', 'pest_control_request'],
  ])('%s → %s', (query, code) => {
    expect(firstCode(query)).toBe(code);
  });

  it('finds the same procedures whatever the hamza, ta marbuta, diacritics or tatweel', () => {
    const codes = (q: string) => findProcedures(q, PROCEDURES).map((p) => p.code);
    expect(codes('شهادة إتمام البناء')).toEqual(codes('شهاده اتمام البناء'));
    expect(codes('رُخْصَة بِنَاء')).toEqual(codes('رخصه بناء'));
    expect(codes('رخصـــة البنـــاء')).toEqual(codes('رخصة بناء'));
  });

  it('ranks the building permit above the completion certificate for "رخصة بناء"', () => {
    const [first, second] = rankProcedures('رخصة بناء', PROCEDURES);
    expect(first?.procedure.code).toBe('residential_building_permit');
    expect(second?.procedure.code).toBe('building_completion_certificate');
    expect(first?.score ?? 0).toBeGreaterThan(second?.score ?? 0);
  });

  it('matches nothing for an empty query, stopwords only or an unrelated topic', () => {
    expect(findProcedures('', PROCEDURES)).toEqual([]);
    expect(findProcedures('   ', PROCEDURES)).toEqual([]);
    expect(findProcedures('ما هو', PROCEDURES)).toEqual([]);
    expect(findProcedures('حالة الطقس اليوم', PROCEDURES)).toEqual([]);
    expect(findProcedures('weather forecast', PROCEDURES)).toEqual([]);
  });

  it('searches one language only when asked', () => {
    expect(findProcedures('building permit', PROCEDURES, 'ar')).toEqual([]);
    expect(findProcedures('رخصة بناء', PROCEDURES, 'en')).toEqual([]);
    expect(findProcedures('building permit', PROCEDURES, 'en')[0]?.code).toBe('residential_building_permit');
    expect(findProcedures('رخصة بناء', PROCEDURES, 'ar')[0]?.code).toBe('residential_building_permit');
  });

  it('matches the names of linked catalogue categories', () => {
    // "Missed waste collection" names a category linked to the container request; no procedure text has it.
    const [match] = rankProcedures('missed collection', PROCEDURES);
    expect(match?.procedure.code).toBe('waste_container_request');
    expect(match?.score).toBe(4);
    // Without the catalogue, the same words find nothing.
    expect(findProcedures('missed collection', PROCEDURES, undefined, [])).toEqual([]);
  });

  it('searches only the procedures it is given', () => {
    const onlyTrees = PROCEDURES.filter((p) => p.code === 'tree_cutting_permit');
    expect(findProcedures('رخصة بناء', onlyTrees)).toEqual([]);
  });
});

describe('proceduresForCategory', () => {
  it('lists the procedures linked to a category, in knowledge-base order', () => {
    expect(proceduresForCategory('building_permit_inquiry').map((p) => p.code)).toEqual([
      'residential_building_permit',
      'building_completion_certificate',
    ]);
    expect(proceduresForCategory('food_licence_inquiry').map((p) => p.code)).toEqual([
      'food_handler_health_card',
      'food_establishment_licence',
    ]);
    expect(proceduresForCategory('pest_control').map((p) => p.code)).toEqual(['pest_control_request']);
  });

  it('lists nothing for a category without procedures or an unknown one', () => {
    expect(proceduresForCategory('compliment')).toEqual([]);
    expect(proceduresForCategory('no_such_category')).toEqual([]);
  });
});

describe('overdueForReview', () => {
  const procedure = (code: string, reviewBy: string): Procedure => ({
    ...(PROCEDURES[0] as Procedure),
    code,
    reviewBy,
    lastReviewed: '2025-01-01',
  });
  const sample = [
    procedure('due_later', '2027-06-30'),
    procedure('due_today', '2026-03-15'),
    procedure('overdue_recent', '2026-03-14'),
    procedure('overdue_long', '2025-12-31'),
  ];

  it('lists content past its review date, most overdue first; content due today is not overdue', () => {
    expect(overdueForReview(sample, '2026-03-15').map((p) => p.code)).toEqual([
      'overdue_long',
      'overdue_recent',
    ]);
  });

  it('reads a Date as its Muscat calendar date (UTC+4)', () => {
    // 2026-03-15 21:00 UTC is already 2026-03-16 01:00 in Muscat: due_today becomes overdue.
    expect(overdueForReview(sample, new Date('2026-03-15T21:00:00Z')).map((p) => p.code)).toEqual([
      'overdue_long',
      'overdue_recent',
      'due_today',
    ]);
    expect(overdueForReview(sample, new Date('2026-03-15T19:00:00Z')).map((p) => p.code)).toEqual([
      'overdue_long',
      'overdue_recent',
    ]);
  });

  it('finds the whole seed overdue once every review date has passed, and none before', () => {
    const earliest = PROCEDURES.map((p) => p.reviewBy).sort()[0] ?? '';
    const latest =
      PROCEDURES.map((p) => p.reviewBy)
        .sort()
        .at(-1) ?? '';
    expect(overdueForReview(PROCEDURES, earliest)).toEqual([]);
    expect(overdueForReview(PROCEDURES, '9999-12-31')).toHaveLength(PROCEDURES.length);
    expect(overdueForReview(PROCEDURES, latest).length).toBeLessThan(PROCEDURES.length);
  });
});
