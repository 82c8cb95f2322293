import { describe, expect, it } from 'vitest';
import { detectLanguage, normalizeArabic, tokenize } from '../../../../functions/core/text/arabic.ts';

describe('normalizeArabic', () => {
  it.each([
    ['hamza and madda on alef', 'أحمد إبراهيم آمنة ٱلوادي', 'احمد ابراهيم امنه الوادي'],
    ['alef maqsura becomes ya', 'مبنى على', 'مبني علي'],
    ['ta marbuta becomes ha', 'حاوية مكسورة', 'حاويه مكسوره'],
    ['hamza on waw and ya', 'مسؤول ممتلئة', 'مسوول ممتليه'],
    ['Persian keheh and farsi ya', 'کلب ی', 'كلب ي'],
    ['lam-alef presentation form', 'ﻻ يوجد', 'لا يوجد'],
    ['isolated/final presentation forms', 'ﺷﺎرع', 'شارع'],
    ['tatweel', 'شـــارع', 'شارع'],
    ['harakat, shadda, sukun and tanween', 'مَسْؤُولٌ عَنِ النُّفَايَاتِ', 'مسوول عن النفايات'],
    ['dagger alef and Quranic marks', 'هٰذا ذٰلك ۖ', 'هذا ذلك'],
    ['bidi marks', '\u200Fشارع\u200E \u202Bالخوير\u202C \u2067١٨\u2069', 'شارع الخوير 18'],
    ['zero-width characters', 'حا\u200Bوية\u200D\uFEFF', 'حاويه'],
    ['Arabic-Indic and Persian digits', 'سكة ٤٥ ومنزل ۱۲', 'سكه 45 ومنزل 12'],
    ['Latin is lower-cased and whitespace collapsed', '  Street   LIGHT\n\tout ', 'street light out'],
  ])('%s', (_, input, expected) => {
    expect(normalizeArabic(input)).toBe(expected);
  });

  it('is idempotent', () => {
    const once = normalizeArabic('أكياس الزبالـــة مَرميّة ﻻ ۱۲');
    expect(normalizeArabic(once)).toBe(once);
  });
});

describe('detectLanguage', () => {
  it.each([
    ['الإنارة مطفية في الشارع', 'ar'],
    ['The street light is out', 'en'],
    ['السلام عليكم، the street light near Al Khuwair roundabout has been out for days', 'en'],
    ['الحاوية overflowing من أمس', 'ar'],
    ['12345', 'ar'],
    ['', 'ar'],
    ['👍👍', 'ar'],
  ] as const)('%j → %s', (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });
});

describe('tokenize', () => {
  it('drops Arabic and English stopwords', () => {
    expect(tokenize('هذا الشارع في الحي')).toEqual(['شارع', 'حي']);
    expect(tokenize('The bins are in the street')).toEqual(['bin', 'street']);
  });

  it('strips the article with attached particles', () => {
    expect(tokenize('الشارع والشارع بالشارع كالشارع فالشارع للشارع')).toEqual(Array(6).fill('شارع'));
  });

  it('strips suffixes only while the stem keeps three letters', () => {
    expect(tokenize('حاوية حاويات')).toEqual(['حاو', 'حاو']);
    expect(tokenize('الموظفين')).toEqual(['موظف']);
    expect(tokenize('بيته')).toEqual(['بيت']);
    expect(tokenize('ماي')).toEqual(['ماي']);
  });

  it('gives the same tokens whatever the spelling variant', () => {
    expect(tokenize('مُمْتَلِئَة')).toEqual(tokenize('ممتليه'));
    expect(tokenize('الإنارة')).toEqual(tokenize('انارَه'));
  });

  it('stems English plurals, -ing and -ed', () => {
    expect(tokenize('lights flooding flooded dumping stopped damaged damage flies')).toEqual([
      'light',
      'flood',
      'flood',
      'dump',
      'stop',
      'damag',
      'damag',
      'fly',
    ]);
  });

  it('keeps numbers as tokens, in ASCII digits', () => {
    expect(tokenize('البلاغ رقم ٤٥٦٧٨')).toEqual(['بلاغ', 'رقم', '45678']);
  });

  it('returns nothing for punctuation or stopwords only', () => {
    expect(tokenize('... ؟! في من the of')).toEqual([]);
  });
});
