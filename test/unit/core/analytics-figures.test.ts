import { describe, expect, it } from 'vitest';
import {
  answerFigure,
  drillDownParameters,
  figureParameters,
  parseFigureQuery,
  weekOf,
} from '../../../functions/core/analytics/figures.ts';
import { SEED_CATALOGUE } from '../../../functions/core/catalogue/seed.ts';
import { ValidationError } from '../../../functions/core/errors.ts';

const TODAY = '2026-03-18';
const parse = (figure: Parameters<typeof parseFigureQuery>[0], query: Record<string, string>) =>
  parseFigureQuery(figure, query, SEED_CATALOGUE, TODAY);

describe('parseFigureQuery', () => {
  it('defaults to the last 30 days up to today, and reads Arabic-Indic digits and bidi marks', () => {
    expect(parse('volume', {})).toEqual({ from: '2026-02-17', to: TODAY, groupBy: [], filters: {} });
    expect(parse('volume', { from: '\u200f٢٠٢٦-٠٣-٠١', to: '۲۰۲۶-۰۳-۰۷', tier: '' })).toMatchObject({
      from: '2026-03-01',
      to: '2026-03-07',
    });
    expect(parse('sla_compliance', { tier: '٢', groupBy: 'department' }).filters).toEqual({ tier: 2 });
  });

  it('refuses what a figure cannot answer, naming what it can', () => {
    const refusal = (figure: Parameters<typeof parse>[0], query: Record<string, string>) => {
      try {
        parse(figure, query);
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        return (error as ValidationError).fields[0];
      }
      throw new Error('accepted');
    };
    expect(refusal('sla_compliance', { groupBy: 'day' })?.message.en).toMatch(/department, tier/);
    expect(refusal('volume', { groupBy: 'tier' })?.path).toBe('groupBy');
    expect(refusal('volume', { groupBy: 'week,month' })?.path).toBe('groupBy');
    expect(refusal('volume', { groupBy: 'day,channel,category' })?.path).toBe('groupBy');
    expect(refusal('volume', { from: '2025-03-01', to: '2026-03-02' })?.path).toBe('to');
    expect(refusal('volume', { from: '2026-03-02', to: '2026-03-01' })?.path).toBe('from');
    expect(refusal('volume', { department: 'nowhere' })?.path).toBe('department');
    expect(refusal('volume', { from: '2026-13-01' })?.message.ar).toMatch(/YYYY-MM-DD/);
  });
});

describe('answerFigure', () => {
  it('sums counts and computes shares again from the sums, never averaging percentages', () => {
    const rows = [
      { department_code: 'roads', tier: 1, resolved: 9, within_sla: 9, compliance_pct: 100 },
      { department_code: 'roads', tier: 2, resolved: 1, within_sla: 0, compliance_pct: 0 },
      { department_code: 'waste', tier: 1, resolved: 4, within_sla: 2, compliance_pct: 50 },
    ];
    const answer = answerFigure('sla_compliance', parse('sla_compliance', { groupBy: 'department' }), rows);
    expect(answer.rows).toEqual([
      { department: 'roads', resolved: 10, within_sla: 9, compliance_pct: 90 },
      { department: 'waste', resolved: 4, within_sla: 2, compliance_pct: 50 },
    ]);
    expect(answer.total).toEqual({ resolved: 14, within_sla: 11, compliance_pct: 78.6 });
  });

  it('keeps a percentile only where a group is one row of the query', () => {
    const rows = [
      { department_code: 'roads', category_code: 'pothole', cases: 3, response_median_hours: 2 },
      { department_code: 'roads', category_code: 'streetlight', cases: 1, response_median_hours: 8 },
    ];
    const byCategory = answerFigure('response_times', parse('response_times', { groupBy: 'category' }), rows);
    expect(byCategory.rows.map((r) => r.response_median_hours)).toEqual([2, 8]);
    expect(byCategory.total.response_median_hours).toBeNull();
    expect(byCategory.total.cases).toBe(4);
  });

  it('weighs the satisfaction average by the ratings behind it', () => {
    const rows = [
      {
        department_code: 'roads',
        channel: 'voice',
        ratings: 2,
        rated_1: 0,
        rated_2: 0,
        rated_3: 0,
        rated_4: 0,
        rated_5: 2,
      },
      {
        department_code: 'roads',
        channel: 'sms',
        ratings: 1,
        rated_1: 1,
        rated_2: 0,
        rated_3: 0,
        rated_4: 0,
        rated_5: 0,
      },
    ];
    const answer = answerFigure('satisfaction', parse('satisfaction', {}), rows);
    expect(answer.total).toMatchObject({ ratings: 3, average: 3.67, satisfied_pct: 66.7 });
  });

  it('groups days into Sunday–Thursday weeks and months, and filters by the query columns', () => {
    const day = (d: string, channel: string, cases: number) => ({
      day: d,
      channel,
      category_code: 'pothole',
      department_code: 'roads',
      wilayat_code: 'bawshar',
      language: 'ar',
      cases,
    });
    // 2026-03-07 is a Saturday (closing the week of Sunday 1 March), 2026-03-08 a Sunday.
    const rows = [day('2026-03-01', 'sms', 2), day('2026-03-07', 'web', 1), day('2026-03-08', 'sms', 4)];
    const q = parse('volume', { from: '2026-03-01', to: '2026-03-31', groupBy: 'week' });
    expect(answerFigure('volume', q, rows).rows).toEqual([
      { week: '2026-03-01', cases: 3 },
      { week: '2026-03-08', cases: 4 },
    ]);
    const sms = parse('volume', { from: '2026-03-01', to: '2026-03-31', groupBy: 'month', channel: 'sms' });
    expect(answerFigure('volume', sms, rows).rows).toEqual([{ month: '2026-03', cases: 6 }]);
    expect(weekOf('2026-03-05')).toBe('2026-03-01');
  });
});

describe('query parameters', () => {
  it('gives a snapshot figure its moment and the drill-down each filter twice', () => {
    const q = parse('backlog', { to: '2026-03-10' });
    expect(figureParameters('backlog', q, (d) => `${d} 19:59:59`)).toEqual(['2026-03-10 19:59:59']);
    expect(figureParameters('volume', q, () => '')).toEqual([q.from, '2026-03-10']);
    const drill = parseFigureQuery('volume', { wilayat: 'unknown', channel: 'sms' }, SEED_CATALOGUE, TODAY);
    expect(drillDownParameters(drill)).toEqual([
      drill.from,
      TODAY,
      '',
      '',
      '',
      '',
      'unknown',
      'unknown',
      'sms',
      'sms',
      0,
      0,
      '',
      '',
    ]);
  });
});
