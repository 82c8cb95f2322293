import { beforeAll, describe, expect, it } from 'vitest';
import { SEED_CATALOGUE } from '../../../../functions/core/catalogue/seed.ts';
import {
  classify,
  LOW_CONFIDENCE,
  type NaiveBayesModel,
  trainClassifier,
} from '../../../../functions/core/classify/classifier.ts';
import { TRAINING_EXAMPLES } from '../../../../functions/core/classify/training-examples.ts';
import { normalizeArabic, tokenize } from '../../../../functions/core/text/arabic.ts';
import { HOLDOUT } from '../../../fixtures/classifier-holdout.ts';

const categoryCodes = SEED_CATALOGUE.categories.map((c) => c.code);
const holdout = Object.entries(HOLDOUT).flatMap(([expected, texts]) =>
  texts.map((text) => ({ text, expected })),
);

let model: NaiveBayesModel;
beforeAll(() => {
  model = trainClassifier(TRAINING_EXAMPLES, SEED_CATALOGUE);
});

describe('training data', () => {
  it.each(categoryCodes)('has at least 25 examples in both languages for %s', (code) => {
    const texts = TRAINING_EXAMPLES.filter((e) => e.categoryCode === code).map((e) => e.text);
    expect(texts.length).toBeGreaterThanOrEqual(25);
    expect(texts.some((t) => /\p{Script=Arabic}/u.test(t))).toBe(true);
    expect(texts.some((t) => /^[\x20-\x7E]+$/.test(t))).toBe(true);
  });

  it('labels only catalogue categories', () => {
    expect(TRAINING_EXAMPLES.filter((e) => !categoryCodes.includes(e.categoryCode))).toEqual([]);
  });

  it('keeps the held-out set out of training and covers every category with 5+ texts', () => {
    const trained = new Set(TRAINING_EXAMPLES.map((e) => normalizeArabic(e.text)));
    expect(holdout.filter(({ text }) => trained.has(normalizeArabic(text)))).toEqual([]);
    for (const code of categoryCodes) expect(HOLDOUT[code]?.length ?? 0, code).toBeGreaterThanOrEqual(5);
  });
});

describe('classify', () => {
  it('reaches 80% accuracy on the held-out set', () => {
    const perCategory = new Map<string, { right: number; total: number; wrongAs: string[] }>();
    for (const { text, expected } of holdout) {
      const { categoryCode } = classify(text, model);
      const stats = perCategory.get(expected) ?? { right: 0, total: 0, wrongAs: [] };
      stats.total += 1;
      if (categoryCode === expected) stats.right += 1;
      else stats.wrongAs.push(categoryCode);
      perCategory.set(expected, stats);
    }
    const right = [...perCategory.values()].reduce((sum, s) => sum + s.right, 0);
    const accuracy = right / holdout.length;
    const breakdown = [...perCategory].map(
      ([code, s]) =>
        `  ${code.padEnd(24)} ${s.right}/${s.total}${s.wrongAs.length ? ` (as ${s.wrongAs.join(', ')})` : ''}`,
    );
    console.info(
      `classifier held-out accuracy: ${(accuracy * 100).toFixed(1)}% (${right}/${holdout.length})\n${breakdown.join('\n')}`,
    );
    expect(accuracy).toBeGreaterThanOrEqual(0.8);
  });

  it('explains a decision with real tokens of the text that favour the chosen category', () => {
    const text = 'الحاوية عند المسجد ممتلئة والقمامة حولها، the bin is overflowing';
    const result = classify(text, model);
    expect(result.categoryCode).toBe('overflowing_bins');
    expect(result.explanation.length).toBeGreaterThan(0);
    const tokens = tokenize(text);
    for (const { token, weight } of result.explanation) {
      expect(tokens).toContain(token);
      expect(weight).toBeGreaterThan(0);
    }
    const weights = result.explanation.map((e) => e.weight);
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
  });

  it('reports language, confidence and three alternatives in decreasing order', () => {
    const result = classify('عمود الإنارة مطفي والشارع مظلم', model);
    expect(result).toMatchObject({ categoryCode: 'street_light_out', language: 'ar', needsTriage: false });
    expect(result.confidence).toBeGreaterThanOrEqual(LOW_CONFIDENCE);
    expect(result.alternatives).toHaveLength(3);
    const confidences = [result.confidence, ...result.alternatives.map((a) => a.confidence)];
    expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
    expect(result.alternatives.map((a) => a.categoryCode)).not.toContain(result.categoryCode);
    expect(classify('The street light is out', model).language).toBe('en');
  });

  it.each(['asdkjh qwpoe zzxq', 'ثقفغ عهخ حجدل', '12345 !!!', '', '🙂🙂'])(
    'has low confidence for %j',
    (text) => {
      const result = classify(text, model);
      expect(result.confidence).toBeLessThan(LOW_CONFIDENCE);
      expect(result.needsTriage).toBe(true);
      expect(result.explanation).toEqual([]);
    },
  );

  it.each([
    ['حريق في حاوية القمامة عند العمارة', 'حريق'],
    ['سلك كهرباء مكشوف عند عمود الإنارة', 'سلك كهرباء مكشوف'],
    ['في رائحة غاز قوية في السوق', 'رائحة غاز'],
    ['انهيار جزء من الرصيف على الشارع', 'انهيار'],
    ['الوادي جاري وفي ناس غرقت سيارتهم', 'غرقت'],
    ['إصابة طفل بسبب الألعاب المكسورة في الحديقة', 'إصابة'],
    ['الكلاب الضالة عضت ولد الجيران', 'عضت'],
    ['There is a gas leak near the restaurant', 'gas leak'],
    ['Exposed wires hanging from the street light pole', 'exposed wire'],
    ['The houses are flooding after the rain', 'flood'],
  ])('flags %j as urgent', (text, term) => {
    const result = classify(text, model);
    expect(result.urgency).toBe('urgent');
    expect(result.urgentTerms).toContain(term);
  });

  it.each([
    'الإنارة مطفية في الشارع',
    'استغرق إصلاح الحفرة وقتا طويلا',
    'إزعاج الدراجات النارية في الليل',
    'The bins are overflowing',
    'mosquito bites all night',
  ])('does not flag %j as urgent', (text) => {
    expect(classify(text, model)).toMatchObject({ urgency: 'normal', urgentTerms: [] });
  });

  it('is deterministic, and a JSON round trip of the model changes nothing', () => {
    const text = 'Overflowing dumpster near Al Khuwair mosque, trash everywhere';
    const reloaded: NaiveBayesModel = JSON.parse(JSON.stringify(model));
    expect(classify(text, model)).toEqual(classify(text, model));
    expect(classify(text, reloaded)).toEqual(classify(text, model));
    expect(trainClassifier(TRAINING_EXAMPLES, SEED_CATALOGUE)).toEqual(model);
  });

  it('ignores tokens that only exist on Object.prototype', () => {
    expect(classify('constructor', model).explanation).toEqual([]);
  });

  it('learns from catalogue keywords alone', () => {
    const keywordsOnly = trainClassifier([], SEED_CATALOGUE);
    expect(classify('pothole', keywordsOnly).categoryCode).toBe('pothole');
    expect(classify('سوق السمك', keywordsOnly).categoryCode).toBe('souq_hygiene');
  });
});
