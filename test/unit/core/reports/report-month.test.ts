import { describe, expect, it } from 'vitest';
import { DEFAULT_UNIT_PRICES } from '#core/analytics/unit-prices.ts';
import { monthBefore, reportMonth } from '#core/reports/monthly-figures.ts';
import { formatFigure, monthName } from '#core/reports/monthly-report.ts';
import { runtimeConfigFor } from '../../../../lib/config/runtime-config.ts';
import { parseStageConfig } from '../../../../lib/config/stage-config.ts';
import { cdkStages } from '../../../infra/synth.ts';

describe('the month a report covers (Asia/Muscat)', () => {
  it('is the local month before the run, whatever the UTC date says', () => {
    // 00:30 on 1 March in Muscat is still 28 February in UTC: February is the month just ended.
    expect(monthBefore(new Date('2026-02-28T20:30:00Z'), 240).month).toBe('2026-02');
    // 23:30 on 31 March in Muscat: March is not over, February is reported.
    expect(monthBefore(new Date('2026-03-31T19:30:00Z'), 240).month).toBe('2026-02');
    // January's report runs in February; December's in January of the next year.
    expect(monthBefore(new Date('2026-01-01T02:00:00Z'), 240).month).toBe('2025-12');
  });

  it('has its first and last local day and its end as a UTC moment', () => {
    expect(reportMonth('2028-02', 240)).toEqual({
      month: '2028-02',
      first: '2028-02-01',
      last: '2028-02-29',
      end: '2028-02-29 20:00:00',
    });
    expect(reportMonth('2026-12', 240).end).toBe('2026-12-31 20:00:00');
    expect(() => reportMonth('2026-13', 240)).toThrow();
  });

  it('is named in Arabic and English; numbers print in ASCII digits', () => {
    expect(monthName(reportMonth('2026-05', 240), 'ar')).toBe('مايو 2026');
    expect(monthName(reportMonth('2026-05', 240), 'en')).toBe('May 2026');
    expect(formatFigure(86.66, 'percent')).toBe('86.7%');
    expect(formatFigure(null, 'count')).toBe('—');
    expect(formatFigure(3.5, 'average')).toBe('3.50');
  });
});

describe('analytics.reportRecipients in the stage config', () => {
  const withAnalytics = (analytics: unknown) => {
    const stages = structuredClone(cdkStages()) as Record<string, Record<string, unknown>>;
    (stages.prod as Record<string, unknown>).analytics = analytics;
    return stages;
  };

  it('defaults to nobody and to the documented unit prices, which the functions get', () => {
    const prod = parseStageConfig('prod', cdkStages());
    expect(prod.analytics.reportRecipients).toEqual([]);
    expect(runtimeConfigFor(prod).analytics).toEqual({
      reportRecipients: [],
      unitPrices: DEFAULT_UNIT_PRICES,
    });
    const dev = parseStageConfig('dev', cdkStages());
    expect(runtimeConfigFor(dev).analytics?.reportRecipients).toEqual([
      'performance-office@nidaa-dev.example.om',
    ]);
  });

  it.each([
    [
      { reportRecipients: ['not an address'] },
      'stages.prod.analytics.reportRecipients.0: must be e-mail addresses',
    ],
    [{ reportRecipients: ['a@mm.gov.om', 'A@mm.gov.om'] }, 'must not name an address twice'],
    [{ reportRecipients: [], other: 1 }, 'stages.prod.analytics'],
    [
      { unitPrices: { ...DEFAULT_UNIT_PRICES, smsSegment: -1 } },
      'stages.prod.analytics.unitPrices.smsSegment: must be a price of zero or more',
    ],
    [{ unitPrices: { ...DEFAULT_UNIT_PRICES, currency: 'rial' } }, 'must be an ISO 4217 currency code'],
    [{ unitPrices: { currency: 'OMR' } }, 'stages.prod.analytics.unitPrices.smsSegment'],
  ])('refuses %j', (analytics, message) => {
    expect(() => parseStageConfig('prod', withAnalytics(analytics))).toThrow(message);
  });
});
