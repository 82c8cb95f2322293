import { describe, expect, it } from 'vitest';
import { MUSCAT_CALENDAR } from '#core/sla/business-calendar.ts';
import { slaStateOf, slaWindow, startOfLocalDay, summarizeWorkload } from '#core/stats/workload.ts';
import { aCase } from '../../../support/builders.ts';

// Tuesday 2026-03-03, 10:00 in Muscat (06:00 UTC): working hours 07:30–14:30.
const NOW = new Date('2026-03-03T06:00:00.000Z');

describe('SLA window', () => {
  it('puts the at-risk bound two business hours ahead, skipping the closed hours and the weekend', () => {
    // Thursday 13:30 in Muscat: one working hour left today, the second one on Sunday morning.
    const thursday = new Date('2026-03-05T09:30:00.000Z');
    const window = slaWindow(thursday, MUSCAT_CALENDAR);
    expect(window.breachedBefore).toBe(thursday.toISOString());
    expect(window.atRiskUntil).toBe('2026-03-08T04:30:00.000Z'); // Sunday 08:30 local
  });

  it('classifies deadlines as breached, at risk or on time', () => {
    const window = slaWindow(NOW, MUSCAT_CALENDAR);
    expect(slaStateOf('2026-03-03T05:59:00.000Z', window)).toBe('breached');
    expect(slaStateOf('2026-03-03T07:00:00.000Z', window)).toBe('at_risk');
    expect(slaStateOf('2026-03-03T08:00:00.000Z', window)).toBe('on_time');
  });

  it('starts "today" at local midnight, four hours before UTC midnight', () => {
    expect(startOfLocalDay(new Date('2026-03-03T21:00:00.000Z'), MUSCAT_CALENDAR)).toBe(
      '2026-03-03T20:00:00.000Z',
    );
    expect(startOfLocalDay(NOW, MUSCAT_CALENDAR)).toBe('2026-03-02T20:00:00.000Z');
  });
});

describe('summarizeWorkload', () => {
  it('counts open cases by tier and department, breached and at risk, and today by channel and category', () => {
    const open = [
      aCase({ reference: 'a', tier: 1, departmentCode: 'roads', dueAt: '2026-03-03T05:00:00.000Z' }),
      aCase({ reference: 'b', tier: 2, departmentCode: 'roads', dueAt: '2026-03-03T06:30:00.000Z' }),
      aCase({ reference: 'c', tier: 3, departmentCode: 'cleanliness', dueAt: '2026-03-09T06:00:00.000Z' }),
    ];
    const today = [
      aCase({ originChannel: 'sms', categoryCode: 'pothole' }),
      aCase({ originChannel: 'email', categoryCode: 'pothole' }),
      aCase({ originChannel: 'sms', categoryCode: 'waste_collection' }),
    ];

    const stats = summarizeWorkload(open, today, NOW, MUSCAT_CALENDAR);

    expect(stats.open).toEqual({
      total: 3,
      byTier: { 1: 1, 2: 1, 3: 1 },
      byDepartment: { roads: { 1: 1, 2: 1, 3: 0 }, cleanliness: { 1: 0, 2: 0, 3: 1 } },
      breached: 1,
      atRisk: 1,
    });
    expect(stats.today).toEqual({
      since: '2026-03-02T20:00:00.000Z',
      total: 3,
      byChannel: { sms: 2, email: 1 },
      byCategory: { pothole: 2, waste_collection: 1 },
    });
  });
});
