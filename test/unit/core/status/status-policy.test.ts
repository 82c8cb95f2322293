import { describe, expect, it } from 'vitest';
import type { CaseEvent } from '#core/case/case.ts';
import { formatReference } from '#core/case/reference.ts';
import { SEED_CATALOGUE } from '#core/catalogue/seed.ts';
import { citizenStatus, publicStatus, publicSteps, reopenWindow } from '#core/status/status-policy.ts';
import { aCase } from '../../../support/builders.ts';

const REF = formatReference(2026, 321);
const OTHER_CITIZENS_REF = formatReference(2026, 654);
const resolved = aCase({
  reference: REF,
  status: 'resolved',
  description: 'Pothole outside house 12, call me on 92345678',
  resolvedAt: '2026-03-01T10:00:00.000Z',
  resolution: {
    answer: 'Filled; Ahmed from the roads team',
    at: '2026-03-01T10:00:00.000Z',
    by: 'dept.roads',
  },
});

const event = (e: Partial<CaseEvent> & Pick<CaseEvent, 'kind' | 'id' | 'at'>): CaseEvent => ({
  reference: REF,
  actor: 'system',
  ...e,
});

const TIMELINE: CaseEvent[] = [
  event({
    kind: 'created',
    id: 'created',
    at: '2026-02-28T08:00:00.000Z',
    channel: 'sms',
    data: { explanation: 'x', attachments: ['uploads/cases/a'] },
  }),
  event({
    kind: 'assignment',
    id: 'claim',
    at: '2026-02-28T09:00:00.000Z',
    actor: 'agent1',
    text: 'agent1 took it',
  }),
  event({
    kind: 'note',
    id: 'note',
    at: '2026-02-28T09:05:00.000Z',
    actor: 'agent1',
    text: 'internal: neighbour dispute',
    data: { attachments: ['uploads/cases/n'] },
  }),
  event({
    kind: 'message_in',
    id: 'in',
    at: '2026-02-28T09:10:00.000Z',
    actor: 'citizen',
    channel: 'sms',
    text: 'it is deep',
  }),
  event({
    kind: 'merge',
    id: 'merge',
    at: '2026-02-28T09:20:00.000Z',
    actor: 'agent1',
    text: 'same pothole',
    data: { from: OTHER_CITIZENS_REF },
  }),
  event({
    kind: 'tier',
    id: 'tier',
    at: '2026-02-28T09:30:00.000Z',
    actor: 'agent1',
    text: 'to roads',
    data: { from: 1, to: 3 },
  }),
  event({
    kind: 'attachment',
    id: 'photo',
    at: '2026-03-01T09:59:00.000Z',
    actor: 'dept.roads',
    data: { attachments: ['uploads/cases/after'] },
  }),
  event({
    kind: 'status',
    id: 'resolve',
    at: '2026-03-01T10:00:00.000Z',
    actor: 'dept.roads',
    text: 'Filled; Ahmed',
    data: { from: 'in_progress', to: 'resolved' },
  }),
  event({
    kind: 'message_out',
    id: 'out-ack',
    at: '2026-02-28T08:00:01.000Z',
    channel: 'sms',
    text: 'ack with link',
    data: { template: 'acknowledge', deliveryStatus: 'sent' },
  }),
  event({
    kind: 'message_out',
    id: 'out-res',
    at: '2026-03-01T10:00:05.000Z',
    channel: 'sms',
    text: 'Filled.',
    data: { template: 'resolved', deliveryStatus: 'sent' },
  }),
  event({ kind: 'delivery', id: 'dlv', at: '2026-03-01T10:01:00.000Z', data: { to: '+96892345678' } }),
];

describe('the public view', () => {
  it('says where the request stands and who handles it, with no free text and nothing about the citizen', () => {
    const view = publicStatus(resolved, SEED_CATALOGUE);
    expect(view).toMatchObject({
      view: 'public',
      reference: REF,
      status: 'resolved',
      department: { en: expect.any(String) },
    });
    expect(JSON.stringify(view)).not.toMatch(/92345678|Ahmed|Filled|house 12|contactId|dept\.roads/);
  });
});

describe('the citizen’s view', () => {
  const view = citizenStatus(resolved, TIMELINE, {
    catalogue: SEED_CATALOGUE,
    reopenWindowDays: 7,
    now: new Date('2026-03-03T00:00:00.000Z'),
  });

  it('adds the answer and the reopen window', () => {
    expect(view).toMatchObject({
      view: 'citizen',
      answer: 'Filled; Ahmed from the roads team',
      canReopen: true,
    });
    expect(view.reopenUntil).toBe('2026-03-08T10:00:00.000Z');
    expect(view.canAddInformation).toBe(false);
  });

  it('shows the public steps only: no notes, staff, tiers, other citizens or delivery reports', () => {
    expect(view.timeline.map((s) => s.step)).toEqual([
      'received',
      'message_sent',
      'citizen_wrote',
      'status',
      'message_sent',
    ]);
    const text = JSON.stringify(view.timeline);
    expect(text).not.toMatch(/agent1|dept\.roads|internal|neighbour|to roads|ack with link|\+968/);
    expect(text).not.toContain(OTHER_CITIZENS_REF);
    expect(text).toContain('it is deep');
    expect(text).toContain('Filled.');
  });

  it('lists the citizen’s photos and the department’s, never files on internal notes', () => {
    expect(view.files).toEqual([
      { key: 'uploads/cases/a', at: '2026-02-28T08:00:00.000Z', addedBy: 'citizen' },
      { key: 'uploads/cases/after', at: '2026-03-01T09:59:00.000Z', addedBy: 'department' },
    ]);
  });

  it('shows only where a merged request went', () => {
    const steps = publicSteps([
      event({ kind: 'merge', id: 'm', at: '2026-03-01T00:00:00.000Z', data: { into: OTHER_CITIZENS_REF } }),
    ]);
    expect(steps).toEqual([{ at: '2026-03-01T00:00:00.000Z', step: 'merged', into: OTHER_CITIZENS_REF }]);
  });
});

describe('reopenWindow', () => {
  it.each([
    ['inside the window', '2026-03-08T09:59:59.000Z', true],
    ['at its end', '2026-03-08T10:00:00.000Z', false],
  ])('%s', (_label, now, open) => {
    expect(reopenWindow(resolved, 7, new Date(now)).open).toBe(open);
  });

  it('is closed for open, closed and merged requests', () => {
    const now = new Date('2026-03-02T00:00:00.000Z');
    expect(reopenWindow({ ...resolved, status: 'in_progress' }, 7, now).open).toBe(false);
    expect(reopenWindow({ ...resolved, status: 'closed' }, 7, now).open).toBe(false);
    expect(reopenWindow({ ...resolved, mergedInto: OTHER_CITIZENS_REF }, 7, now).open).toBe(false);
  });
});
