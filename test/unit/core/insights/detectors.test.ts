/**
 * Each early-warning detector on inputs whose alerts are known: what must alert does, with the cases
 * behind it, and the look-alikes that must not (a busy place being busy, a case answered twice) do not.
 */
import { describe, expect, it } from 'vitest';
import { timestampMs } from '#core/analytics/engine.ts';
import { SEED_CATALOGUE } from '#core/catalogue/seed.ts';
import { trainClassifier } from '#core/classify/classifier.ts';
import { TRAINING_EXAMPLES } from '#core/classify/training-examples.ts';
import { alertId, toAlert } from '#core/insights/alert.ts';
import { ivrFindings, queueFindings } from '#core/insights/call-weak-spots.ts';
import {
  type CategoryDayRow,
  type RepeatRow,
  rateRiseFindings,
  repeatCitizenFindings,
  repeatPlaceFindings,
} from '#core/insights/recurring.ts';
import { type HourlyCountRow, spikeFindings } from '#core/insights/spike-alerts.ts';
import { knownToModel, themeFindings } from '#core/insights/themes.ts';
import { MUSCAT_CALENDAR } from '#core/sla/business-calendar.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Sunday 2026-03-15, 12:00 in Muscat (08:00 UTC): the hour just closed. */
const END = Date.parse('2026-03-15T08:00:00Z');
const hourText = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);

/** Two reports every working-day morning hour for 60 days in roads × Seeb, by SMS, department roads. */
function usualMornings(): HourlyCountRow[] {
  const rows: HourlyCountRow[] = [];
  for (let d = 60; d >= 1; d--) {
    for (const h of [5, 6, 7]) {
      const at = END - d * DAY - 8 * HOUR + h * HOUR;
      const weekday = new Date(at + 4 * HOUR).getUTCDay();
      if (weekday === 5 || weekday === 6) continue;
      rows.push({
        hour: hourText(at),
        category_code: 'potholes',
        wilayat_code: 'seeb',
        department_code: 'roads',
        channel: 'sms',
        cases: 2,
      });
    }
  }
  return rows;
}

describe('spikes by place, department and channel', () => {
  it('alerts a cluster in a quiet place, naming its cases, and leaves the usual morning load alone', () => {
    const usual = usualMornings();
    const today = [5, 6, 7].map((h) => ({
      hour: hourText(END - 8 * HOUR + h * HOUR),
      category_code: 'potholes',
      wilayat_code: 'seeb',
      department_code: 'roads',
      channel: 'sms',
      cases: 2,
    }));
    expect(spikeFindings([...usual, ...today], [], END, MUSCAT_CALENDAR)).toEqual([]);

    const cluster = [
      {
        hour: hourText(END - 2 * HOUR),
        category_code: 'streetlights',
        wilayat_code: 'bawshar',
        department_code: 'electricity',
        channel: 'voice',
        cases: 4,
      },
      {
        hour: hourText(END - HOUR),
        category_code: 'streetlights',
        wilayat_code: 'bawshar',
        department_code: 'electricity',
        channel: 'voice',
        cases: 5,
      },
    ];
    const opened = [
      {
        reference: '260000101',
        created_at: hourText(END - 90 * 60_000),
        category_code: 'streetlights',
        wilayat_code: 'bawshar',
        department_code: 'electricity',
        channel: 'voice',
      },
      {
        reference: '260000102',
        created_at: hourText(END - 10 * 60_000),
        category_code: 'streetlights',
        wilayat_code: 'bawshar',
        department_code: 'electricity',
        channel: 'voice',
      },
      // Opened before the window: not behind this alert.
      {
        reference: '260000099',
        created_at: hourText(END - 5 * HOUR),
        category_code: 'streetlights',
        wilayat_code: 'bawshar',
        department_code: 'electricity',
        channel: 'voice',
      },
    ];
    const found = spikeFindings([...usual, ...today, ...cluster], opened, END, MUSCAT_CALENDAR);
    const place = found.find((f) => f.place.categoryCode === 'streetlights');
    expect(place).toMatchObject({
      kind: 'spike',
      observed: 9,
      place: { categoryCode: 'streetlights', wilayatCode: 'bawshar' },
      references: ['260000101', '260000102'],
      to: new Date(END).toISOString(),
    });
    // The same nine reports are also a spike for their department, which is otherwise silent.
    expect(found.some((f) => f.place.departmentCode === 'electricity')).toBe(true);
    expect(found.some((f) => f.place.departmentCode === 'roads')).toBe(false);
  });

  it('reads timestamps as the engine gives them (ISO) and as the local lake does (a Date)', () => {
    const ms = Date.parse('2026-03-01T06:00:00Z');
    expect(timestampMs('2026-03-01T06:00:00Z')).toBe(ms);
    expect(timestampMs(new Date(ms))).toBe(ms);
    expect(timestampMs('2026-03-01T06:00:00.000Z')).toBe(ms);
  });
});

describe('recurring problems', () => {
  const repeat = (ref: string, at: number, after = '250000001'): RepeatRow => ({
    reference: ref,
    created_at: hourText(at),
    category_code: 'water_leak',
    wilayat_code: 'amerat',
    department_code: 'water',
    after_reference: after,
  });

  it('alerts a place where resolved problems come back far more than they used to', () => {
    const rows = [
      repeat('260000201', END - 20 * HOUR),
      repeat('260000202', END - 10 * HOUR),
      repeat('260000203', END - 3 * HOUR),
      repeat('260000205', END - 3 * HOUR),
      repeat('260000206', END - 2 * HOUR),
      repeat('260000204', END - HOUR, '250000002'),
    ];
    const [finding, ...rest] = repeatPlaceFindings(rows, END);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      kind: 'repeat_place',
      observed: 6,
      place: { categoryCode: 'water_leak', wilayatCode: 'amerat' },
    });
    expect(finding?.references).toEqual([
      '250000001',
      '250000002',
      '260000201',
      '260000202',
      '260000203',
      '260000204',
      '260000205',
      '260000206',
    ]);
  });

  it('leaves a place alone whose problems always come back at this pace', () => {
    const past = Array.from({ length: 28 * 4 }, (_, i) =>
      repeat(`25${String(i).padStart(7, '0')}`, END - DAY - i * 6 * HOUR),
    );
    const recent = [1, 3, 5, 9, 13, 17, 21].map((h, i) => repeat(`26000030${i}`, END - h * HOUR));
    expect(repeatPlaceFindings([...past, ...recent], END)).toEqual([]);
  });

  it('alerts once per case, in the hour its citizen contacts us for the third time', () => {
    const base = { category_code: 'waste', wilayat_code: 'seeb', department_code: 'cleaning' };
    const found = repeatCitizenFindings(
      [
        { reference: '260000401', contacts: 3, contacts_in_window: 1, ...base },
        { reference: '260000402', contacts: 4, contacts_in_window: 1, ...base },
        { reference: '260000403', contacts: 2, contacts_in_window: 1, ...base },
        { reference: '260000404', contacts: 5, contacts_in_window: 3, ...base },
      ],
      END - HOUR,
      END,
    );
    expect(found.map((f) => f.references)).toEqual([['260000401'], ['260000404']]);
    // Two cases of one category and wilayat in one hour are two alerts, not one dropped as a duplicate.
    expect(new Set(found.map(toAlert).map((a) => a.id)).size).toBe(2);
  });

  it('alerts a category whose reopen rate doubles against its own past, not one that was always high', () => {
    const rows: CategoryDayRow[] = [];
    for (let d = 35; d >= 1; d--) {
      const day = new Date(END - d * DAY).toISOString().slice(0, 10);
      const recent = d <= 7;
      rows.push({
        day,
        category_code: 'streetlights',
        department_code: 'electricity',
        opened: 10,
        resolved: 10,
        reopened: recent ? 4 : 0,
        breached: 0,
      });
      rows.push({
        day,
        category_code: 'potholes',
        department_code: 'roads',
        opened: 10,
        resolved: 10,
        reopened: 4,
        breached: 1,
      });
    }
    const today = new Date(END).toISOString().slice(0, 10);
    const found = rateRiseFindings(rows, today, Date.parse(`${today}T00:00:00Z`) - 4 * HOUR);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      kind: 'rate_rise',
      place: { categoryCode: 'streetlights', metric: 'reopen_rate' },
      observed: 40,
      expected: 0,
      unit: 'percent',
    });
  });
});

describe('call weak spots', () => {
  const span = { from: new Date(END - 3 * HOUR).toISOString(), to: new Date(END).toISOString() };

  it('alerts a menu where callers suddenly hang up, and one where they keep pressing a wrong key', () => {
    const found = ivrFindings(
      [
        { node: 'main', period: 'window', visits: 200, calls: 200, drops: 20, wrong_keys: 6 },
        { node: 'main', period: 'baseline', visits: 20_000, calls: 20_000, drops: 1_800, wrong_keys: 500 },
        {
          node: 'status',
          period: 'window',
          visits: 40,
          calls: 40,
          drops: 18,
          wrong_keys: 2,
        },
        { node: 'status', period: 'baseline', visits: 4_000, calls: 4_000, drops: 400, wrong_keys: 100 },
        // Wrong keys count per answer: 14 of 30 answers (20 callers, some trying again), not of 20 calls.
        { node: 'procedures', period: 'window', visits: 30, calls: 20, drops: 1, wrong_keys: 14 },
        { node: 'procedures', period: 'baseline', visits: 3_000, calls: 2_900, drops: 90, wrong_keys: 150 },
      ],
      span,
    );
    expect(found.map((f) => [f.kind, f.place.menuNode])).toEqual([
      ['ivr_wrong_key', 'procedures'],
      ['ivr_dropoff', 'status'],
    ]);
    expect(found[0]).toMatchObject({ observed: 46.7, expected: 5 });
    expect(found[1]).toMatchObject({ observed: 45, expected: 10, references: [] });
  });

  it('alerts a queue whose abandonment rises, not a small or steady one', () => {
    const found = queueFindings(
      [
        { queue: 't1', period: 'window', offered: 120, abandoned: 40 },
        { queue: 't1', period: 'baseline', offered: 10_000, abandoned: 800 },
        { queue: 't2', period: 'window', offered: 10, abandoned: 6 },
        { queue: 't2', period: 'baseline', offered: 1_000, abandoned: 50 },
        { queue: 'callback', period: 'window', offered: 100, abandoned: 22 },
        { queue: 'callback', period: 'baseline', offered: 5_000, abandoned: 1_000 },
      ],
      span,
    );
    expect(found.map((f) => f.place.queue)).toEqual(['t1']);
  });
});

describe('emerging themes', () => {
  const model = trainClassifier(TRAINING_EXAMPLES, SEED_CATALOGUE);
  const span = { from: new Date(END - 14 * DAY).toISOString(), to: new Date(END).toISOString() };
  const unsure = (reference: string, text: string) => ({
    reference,
    text,
    categoryCode: 'general_inquiry',
    departmentCode: 'customer_service',
  });

  it('groups unsure texts that share words the classifier does not know, whatever their Arabic spelling', () => {
    const texts = [
      unsure('260000501', 'السكوترات الكهربائية تسد الرصيف أمام المدرسة'),
      unsure('260000502', 'سكوتر كهربائي مرمي على الرصيف'),
      unsure('260000503', 'سكوترات الإيجار متروكة في كل مكان على الرصيف'),
      unsure('260000504', 'Electric scooters are blocking the pavement again'),
      unsure('260000505', 'السكوتر الكهربائي في وسط الرصيف'),
      unsure('260000506', 'سكوترات على رصيف المشاة'),
      unsure('260000507', 'أريد أن أسأل عن موعد'),
      unsure('260000508', 'شكرا لكم'),
    ];
    const found = themeFindings(texts, knownToModel(model), span);
    expect(found).toHaveLength(1);
    expect(found[0]?.terms?.[0]).toBe('سكوتر');
    expect(found[0]?.references).toEqual(['260000501', '260000502', '260000503', '260000505', '260000506']);
  });

  it('finds no theme in a handful of unrelated texts', () => {
    const texts = ['مرحبا', 'السلام عليكم', 'كم الساعة', 'hello there', 'موعد المراجعة', 'سؤال'].map((t, i) =>
      unsure(`2600006${i}`, t),
    );
    expect(themeFindings(texts, knownToModel(model), span)).toEqual([]);
  });
});

describe('alert ids', () => {
  it('are the same for the same finding and differ by place, kind and hour', () => {
    const f = {
      kind: 'spike' as const,
      place: { categoryCode: 'a', wilayatCode: 'b' },
      to: '2026-03-15T08:00:00.000Z',
      references: [] as string[],
    };
    expect(alertId(f)).toBe(alertId({ ...f, place: { wilayatCode: 'b', categoryCode: 'a' } }));
    expect(alertId(f)).toMatch(/^2026031508-spike-[0-9a-f]{12}$/);
    expect(alertId(f)).not.toBe(alertId({ ...f, place: { categoryCode: 'a', wilayatCode: 'c' } }));
    expect(alertId(f)).not.toBe(alertId({ ...f, to: '2026-03-15T09:00:00.000Z' }));
    expect(
      toAlert({
        ...f,
        detectedAt: f.to,
        from: f.to,
        observed: 1,
        expected: 1,
        unit: 'cases',
        references: Array.from({ length: 80 }, (_, i) => String(i)),
      }).references,
    ).toHaveLength(50);
  });
});
