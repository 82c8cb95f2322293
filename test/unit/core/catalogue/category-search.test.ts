import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistance, searchCategories } from '../../../../functions/core/catalogue/category-search.ts';
import { CATEGORIES } from '../../../../functions/core/catalogue/seed.ts';

const first = (query: string) => searchCategories(query, CATEGORIES)[0]?.code;

describe('searchCategories: the portal’s category box', () => {
  it('finds a category by its Arabic name in any common spelling', () => {
    expect(first('حفرة')).toBe('pothole');
    expect(first('حفره في الطريق')).toBe('pothole');
    expect(first('إنارة الشارع')).toBe('street_light_out');
    expect(first('انارة الشارع')).toBe('street_light_out');
    expect(first('حاويه')).toBe('overflowing_bins');
    expect(first('كلاب ضالة')).toBe('stray_animals');
  });

  it('finds it in English too, whatever the page’s language, with a typo or two', () => {
    expect(first('pothole')).toBe('pothole');
    expect(first('pothol')).toBe('pothole');
    expect(first('potohle')).toBe('pothole');
    expect(first('street light')).toBe('street_light_out');
    expect(first('noise')).toBe('noise');
  });

  it('finds nothing for words that match no category, and nothing for an empty box', () => {
    expect(searchCategories('zzzzqqq', CATEGORIES)).toEqual([]);
    expect(searchCategories('   ', CATEGORIES)).toEqual([]);
  });

  it('never forgives a typo in a short word (too many short words look alike)', () => {
    const categories = [{ code: 'x', name: { ar: 'سد', en: 'dam' } }];
    expect(searchCategories('dam', categories)).toHaveLength(1);
    expect(searchCategories('dim', categories)).toEqual([]);
  });
});

describe('editDistance', () => {
  it('counts an adjacent swap as one edit', () => {
    expect(editDistance('pothole', 'potohle', 2)).toBe(1);
    expect(editDistance('abc', 'abc', 1)).toBe(0);
    expect(editDistance('kitten', 'sitting', 3)).toBe(3);
  });

  it('is symmetric and never above the cap + 1', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 12 }),
        fc.string({ maxLength: 12 }),
        fc.integer({ min: 0, max: 4 }),
        (a, b, max) => {
          const d = editDistance(a, b, max);
          expect(d).toBe(editDistance(b, a, max));
          expect(d).toBeLessThanOrEqual(max + 1);
          expect(d === 0).toBe(a === b);
        },
      ),
    );
  });
});
