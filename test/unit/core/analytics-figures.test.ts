import { describe, expect, it } from 'vitest';
import {
  answerFigure,
  DRILL_DOWN,
  drillDownParameters,
  figureParameters,
  MIN_AGENT_RATINGS,
  parseFigureQuery,
  parseQuestion,
  SERVICE_LEVEL_SECONDS,
  weekOf,
} from '../../../functions/core/analytics/figures.ts';
import { DEFAULT_UNIT_PRICES } from '../../../functions/core/analytics/unit-prices.ts';
import { SEED_CATALOGUE } from '../../../functions/core/catalogue/seed.ts';
import { ValidationError } from '../../../functions/core/errors.ts';

const TODAY = '2026-03-18';
const AT = { now: new Date('2026-03-18T08:00:00Z'), utcOffsetMinutes: 240 };
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
    const muscat = { now: new Date('2026-03-18T08:00:00Z'), utcOffsetMinutes: 240 };
    expect(figureParameters('backlog', q, muscat)).toEqual(['2026-03-10 19:59:59']);
    // While the last day is not over, the snapshot is now.
    expect(figureParameters('backlog', parse('backlog', {}), muscat)).toEqual(['2026-03-18 08:00:00']);
    expect(figureParameters('volume', q, muscat)).toEqual([q.from, '2026-03-10']);
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

  it('refuses a drill-down filter the cases do not have, rather than ignoring it', () => {
    for (const dimension of ['queue', 'node', 'source']) {
      const query = { [dimension]: dimension === 'source' ? 'sms' : 'main_menu' };
      try {
        parseQuestion(DRILL_DOWN, query, SEED_CATALOGUE, TODAY);
        throw new Error(`${dimension} accepted`);
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).fields[0]?.path).toBe(dimension);
        expect((error as ValidationError).fields[0]?.message.ar).toMatch(/لا يمكن تصفية/);
      }
    }
    const every = parseQuestion(
      DRILL_DOWN,
      {
        department: 'roads',
        category: 'pothole',
        wilayat: 'as_seeb',
        channel: 'sms',
        tier: '2',
        language: 'en',
      },
      SEED_CATALOGUE,
      TODAY,
    );
    expect(drillDownParameters(every).slice(2)).toEqual([
      'roads',
      'roads',
      'pothole',
      'pothole',
      'as_seeb',
      'as_seeb',
      'sms',
      'sms',
      2,
      2,
      'en',
      'en',
    ]);
  });
});

describe('contact-center figures', () => {
  const call = (day: string, channel: string, queue: string, n: Record<string, number | null>) => ({
    day,
    channel,
    queue_name: queue,
    ...n,
  });
  const rows = [
    call('2026-03-01', 'VOICE', 'tier1', {
      offered: 3,
      answered: 2,
      abandoned: 1,
      abandoned_pct: 33.3,
      average_speed_of_answer_seconds: 35,
      service_level_pct: 66.7,
      average_handle_seconds: 315,
      answered_within_threshold: 2,
      answer_wait_seconds: 70,
      handle_seconds: 630,
    }),
    call('2026-03-01', 'CHAT', 'tier1', {
      offered: 1,
      answered: 1,
      abandoned: 0,
      abandoned_pct: 0,
      average_speed_of_answer_seconds: 10,
      service_level_pct: 100,
      average_handle_seconds: 120,
      answered_within_threshold: 1,
      answer_wait_seconds: 10,
      handle_seconds: 120,
    }),
    // Nobody answered: no speed of answer, and it must weigh nothing in the average.
    call('2026-03-02', 'VOICE', 'tier2', {
      offered: 2,
      answered: 0,
      abandoned: 2,
      abandoned_pct: 100,
      average_speed_of_answer_seconds: null,
      service_level_pct: 0,
      average_handle_seconds: null,
      answered_within_threshold: 0,
      answer_wait_seconds: 0,
      handle_seconds: 0,
    }),
  ];

  it('calls: counts summed, shares and averages computed again from the summed counts and seconds', () => {
    const answer = answerFigure('calls', parse('calls', { groupBy: 'channel' }), rows);
    expect(answer.total).toEqual({
      offered: 6,
      answered: 3,
      abandoned: 3,
      answered_pct: 50,
      abandoned_pct: 50,
      answered_within_threshold: 3,
      // (70 + 10) s ÷ 3 answered, never an average of the rows' averages; 3 within 60 s of 6; 750 s ÷ 3.
      average_speed_of_answer_seconds: 26.7,
      service_level_pct: 50,
      average_handle_seconds: 250,
    });
    // Channels in lower case, as the cases and the screen's filter name them.
    expect(answer.rows.map((r) => [r.channel, r.offered])).toEqual([
      ['chat', 1],
      ['voice', 5],
    ]);
    const voice = answerFigure('calls', parse('calls', { channel: 'voice', groupBy: 'queue' }), rows);
    // Nobody answered in tier2: no speed of answer rather than 0.
    expect(voice.rows.map((r) => [r.queue, r.average_speed_of_answer_seconds])).toEqual([
      ['tier1', 35],
      ['tier2', null],
    ]);
  });

  it('passes each query its parameters in the order its file takes them', () => {
    const q = parse('calls', { from: '2026-03-01', to: '2026-03-07' });
    expect(figureParameters('calls', q, AT)).toEqual([SERVICE_LEVEL_SECONDS, '2026-03-01', '2026-03-07']);
    expect(SERVICE_LEVEL_SECONDS).toBe(60);
    expect(figureParameters('channel_cost', q, AT)).toEqual([
      '2026-03-01',
      '2026-03-07',
      DEFAULT_UNIT_PRICES.smsSegment,
      DEFAULT_UNIT_PRICES.emailMessage,
      DEFAULT_UNIT_PRICES.faxMessage,
      DEFAULT_UNIT_PRICES.voiceMinute,
      DEFAULT_UNIT_PRICES.chatContact,
      DEFAULT_UNIT_PRICES.taskContact,
    ]);
    const omr = { ...DEFAULT_UNIT_PRICES, currency: 'OMR', voiceMinute: 0.007 };
    expect(figureParameters('channel_cost', q, AT, omr)[5]).toBe(0.007);
    expect(figureParameters('delivery_failures', q, AT)).toEqual(['2026-03-01', '2026-03-07']);
    expect(figureParameters('satisfaction_by_agent', q, AT)).toEqual([
      '2026-03-01',
      '2026-03-07',
      MIN_AGENT_RATINGS,
    ]);
  });

  it('delivery failures: failed attempts and bounces over attempts, per channel and overall', () => {
    const d = (channel: string, attempts: number, failed: number, bounced: number) => ({
      channel,
      attempts,
      sent: attempts - failed,
      failed,
      suppressed: 0,
      delivered: 0,
      bounced,
      complained: 0,
    });
    const answer = answerFigure('delivery_failures', parse('delivery_failures', { groupBy: 'channel' }), [
      d('email', 4, 0, 1),
      d('sms', 6, 2, 0),
    ]);
    expect(answer.rows.map((r) => [r.channel, r.failure_pct])).toEqual([
      ['email', 25],
      ['sms', 33.3],
    ]);
    expect(answer.total).toMatchObject({ attempts: 10, failed: 2, bounced: 1, failure_pct: 30 });
  });

  it('keeps per-menu distinct callers and per-channel units out of totals', () => {
    const nodes = answerFigure('ivr_nodes', parse('ivr_nodes', { groupBy: 'node' }), [
      { node: 'main_menu', visits: 5, contacts: 4, drops: 0, drop_off_pct: 0, wrong_keys: 1, timeouts: 0 },
      {
        node: 'category_menu',
        visits: 1,
        contacts: 1,
        drops: 1,
        drop_off_pct: 100,
        wrong_keys: 0,
        timeouts: 1,
      },
    ]);
    expect(nodes.rows[0]).toMatchObject({ node: 'category_menu', drop_off_pct: 100, contacts: 1 });
    expect(nodes.total).toMatchObject({
      visits: 6,
      drops: 1,
      contacts: null,
      drop_off_pct: null,
      wrong_key_pct: 16.7,
    });
    const cost = answerFigure('channel_cost', parse('channel_cost', { groupBy: 'channel' }), [
      { channel: 'sms', unit: 'segment', units: 3, cost: 0.12 },
      { channel: 'voice', unit: 'minute', units: 10, cost: 0.18 },
    ]);
    expect(cost.total).toEqual({ units: null, cost: 0.3 });
    expect(cost.currency).toBe(DEFAULT_UNIT_PRICES.currency);
    // Binary fractions add up with noise (0.001 + 1.44 = 1.4409999999999998): the total is the sum shown.
    const mixed = answerFigure('channel_cost', parse('channel_cost', { groupBy: 'channel' }), [
      { channel: 'email', unit: 'message', units: 5, cost: 0.001 },
      { channel: 'sms', unit: 'segment', units: 36, cost: 1.44 },
    ]);
    expect(mixed.total.cost).toBe(1.441);
    expect(answerFigure('calls', parse('calls', {}), []).currency).toBeUndefined();
    expect(parse('ivr_nodes', { node: 'main_menu' }).filters).toEqual({ node: 'main_menu' });
    expect(() => parse('ivr_nodes', { node: "x' OR 1=1" })).toThrow(ValidationError);
    expect(() => parse('satisfaction_by_source', { source: 'pigeon' })).toThrow(ValidationError);
    expect(() => parse('calls', { groupBy: 'department' })).toThrow(ValidationError);
  });
});
