import { describe, expect, it } from 'vitest';
import { keys, records } from '../../../../functions/adapters/dynamodb/keys.ts';
import {
  type ChangeContext,
  casesCarried,
  casesToRead,
  rowsOfChange,
  undoneInBatch,
} from '../../../../functions/core/analytics/changes.ts';
import type { CaseEvent } from '../../../../functions/core/case/case.ts';
import { MUSCAT_CALENDAR } from '../../../../functions/core/sla/business-calendar.ts';
import { aCase } from '../../../support/builders.ts';

const theCase = aCase({
  reference: '260000042',
  version: 3,
  status: 'resolved',
  location: { lat: 23.6, lng: 58.4, wilayatCode: 'bawshar' },
  // 22:30 UTC is already the next day in Muscat.
  createdAt: '2026-03-01T20:30:00.000Z',
  updatedAt: '2026-03-02T22:30:00.000Z',
  resolvedAt: '2026-03-02T22:30:00.000Z',
  dueAt: '2026-03-03T06:00:00.000Z',
  satisfaction: { rating: 4, at: '2026-03-03T07:00:00.000Z', channel: 'sms' } as never,
});
const resolvedEvent: CaseEvent = {
  id: 'evt-7',
  reference: '260000042',
  at: '2026-03-02T22:30:00.000Z',
  kind: 'status',
  actor: 'agent1',
  channel: 'web',
  text: 'تم إصلاح الحفرة',
  data: { from: 'in_progress', to: 'resolved' },
};

/** What the stream's new image holds once unmarshalled: the stored item, index keys and all. */
const stored = (item: object) => JSON.parse(JSON.stringify(item)) as Record<string, unknown>;

const ctx = (cases: Record<string, typeof theCase> = {}): ChangeContext => ({
  citizenKey: (contactId) => `hmac(${contactId})`,
  calendar: MUSCAT_CALENDAR,
  caseOf: (reference) => cases[reference],
});

describe('a changed case-table item as analytics rows', () => {
  it('turns a stored case version into its cases row, the citizen as a key, the days in Muscat', () => {
    expect(rowsOfChange(stored(records.case(theCase)), ctx())).toEqual({
      rows: {
        cases: [
          {
            schema_version: 1,
            reference: '260000042',
            version: 3,
            type: 'report',
            category_code: 'pothole',
            department_code: 'roads',
            wilayat_code: 'bawshar',
            origin_channel: 'sms',
            reply_channel: 'sms',
            language: 'ar',
            priority: 'high',
            status: 'resolved',
            tier: 1,
            created_at: '2026-03-01T20:30:00.000Z',
            created_day: '2026-03-02',
            updated_at: '2026-03-02T22:30:00.000Z',
            due_at: '2026-03-03T06:00:00.000Z',
            resolved_at: '2026-03-02T22:30:00.000Z',
            closed_at: null,
            merged_into: null,
            classifier_confidence: 0.9,
            needs_triage: false,
            satisfaction: 4,
            citizen_key: 'hmac(contact-1)',
            day: '2026-03-03',
          },
        ],
      },
    });
  });

  it('turns a timeline event into its case_events row, with its case’s dimensions and no text', () => {
    const outcome = rowsOfChange(stored(records.caseEvent(resolvedEvent)), ctx({ '260000042': theCase }));
    expect(outcome).toEqual({
      rows: {
        case_events: [
          {
            schema_version: 1,
            reference: '260000042',
            event_id: 'evt-7',
            occurred_at: '2026-03-02T22:30:00.000Z',
            kind: 'status',
            actor_role: 'staff',
            channel: 'web',
            status_from: 'in_progress',
            status_to: 'resolved',
            tier_from: null,
            tier_to: null,
            cause: null,
            rating: null,
            category_code: 'pothole',
            department_code: 'roads',
            wilayat_code: 'bawshar',
            day: '2026-03-03',
          },
        ],
      },
    });
    expect(JSON.stringify(outcome)).not.toContain('الحفرة');
  });

  it('adds a deliveries row for a message sent and a ratings row for a survey, beside the event row', () => {
    const assigned = { ...theCase, assignee: 'agent1', tier: 2 as const };
    const sent: CaseEvent = {
      ...resolvedEvent,
      id: 'evt-8',
      kind: 'message_out',
      data: { deliveryStatus: 'sent', channel: 'sms', segments: 2, template: 'resolved' },
    };
    const sentRows = rowsOfChange(stored(records.caseEvent(sent)), ctx({ '260000042': assigned }));
    expect(sentRows).toMatchObject({
      rows: {
        case_events: [{ event_id: 'evt-8', kind: 'message_out' }],
        deliveries: [{ event_id: 'evt-8', result: 'sent', channel: 'web', sms_segments: 2 }],
      },
    });
    expect('ratings' in (sentRows as { rows: object }).rows).toBe(false);

    const survey: CaseEvent = {
      ...resolvedEvent,
      id: 'evt-9',
      kind: 'survey',
      data: { rating: 5, source: 'sms' },
    };
    expect(rowsOfChange(stored(records.caseEvent(survey)), ctx({ '260000042': assigned }))).toMatchObject({
      rows: {
        case_events: [{ event_id: 'evt-9', rating: 5 }],
        ratings: [{ event_id: 'evt-9', rating: 5, source: 'sms', tier: 2, agent_key: 'hmac(agent:agent1)' }],
      },
    });
  });

  it('asks for the case of an event whose case it does not know', () => {
    expect(rowsOfChange(stored(records.caseEvent(resolvedEvent)), ctx())).toEqual({ needsCase: '260000042' });
  });

  it('gives nothing for removals and for the items that are not cases or events', () => {
    const others = [
      { ...keys.identity({ kind: 'phone', value: '+96890000001' } as never), contactId: 'contact-1' },
      { ...keys.counter('REF#2026'), seq: 42 },
      { ...keys.rateWindow('status#contact-1', '2026-03-02T22:00'), count: 3, expiresAt: 1 },
      { ...keys.mailThread('260000042'), messageIds: ['<a@b>'] },
      { ...keys.contact('contact-1'), reference: '260000042', version: 2 },
      { ...keys.accessCode('260000042'), entity: 'access-code', reference: '260000042' },
    ];
    for (const item of others)
      expect(rowsOfChange(stored(item), ctx({ '260000042': theCase }))).toEqual({ rows: {} });
    expect(rowsOfChange(undefined, ctx())).toEqual({ rows: {} });
  });

  it('knows which cases a batch carries and which it must read', () => {
    const other = { ...resolvedEvent, reference: '260000043', id: 'evt-8' };
    const images = [
      stored(records.caseEvent(resolvedEvent)),
      stored(records.caseEvent(other)),
      stored(records.case(theCase)),
      stored(records.caseEvent({ ...other, id: 'evt-9' })),
      undefined,
      stored(keys.counter('REF#2026')),
    ];
    expect(casesToRead(images)).toEqual(['260000043']);
    expect([...casesCarried(images).keys()]).toEqual(['260000042']);
    expect(casesCarried(images).get('260000042')).toMatchObject({
      categoryCode: 'pothole',
      departmentCode: 'roads',
    });
  });

  it('finds the writes a later removal in the batch undoes, and only those', () => {
    const changes = [
      { key: 'evt-a', removed: false },
      { key: 'case', removed: false },
      { key: 'evt-a', removed: false },
      { key: 'evt-b', removed: false },
      { key: 'evt-a', removed: true },
      { key: 'evt-b', removed: true },
      { key: 'evt-b', removed: false },
    ];
    expect([...undoneInBatch(changes)].sort()).toEqual([0, 2]);
  });
});
