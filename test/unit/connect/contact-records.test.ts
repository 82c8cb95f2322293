/**
 * contactRecords: a Firehose batch of Connect contact records (concatenated JSON, GZIP) becomes contacts and
 * IVR-step rows; rows the sink refuses fail the invocation so S3 retries the batch.
 */
import { gzipSync } from 'node:zlib';
import type { S3Event } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { storeContactRecords } from '../../../functions/connect/contact-records.handler.ts';
import {
  contactRowOf,
  formatIvrPath,
  ivrPathOf,
  ivrStepRowsOf,
  parseIvrPath,
  rowsOfContactRecords,
  splitContactRecords,
} from '../../../functions/core/analytics/contact-records.ts';
import type { AnalyticsSink } from '../../../functions/core/analytics/sink.ts';
import type { RowOf, TableName } from '../../../functions/core/analytics/tables.ts';
import { ANALYTICS_TABLES } from '../../../functions/core/analytics/tables.ts';
import { MUSCAT } from '../../support/analytics.ts';

/** A voice CTR as Connect writes it (AWSContactTraceRecordFormatVersion 2017-03-10), trimmed to real fields. */
const VOICE_CTR = {
  AWSAccountId: '123456789012',
  AWSContactTraceRecordFormatVersion: '2017-03-10',
  Agent: {
    ARN: 'arn:aws:connect:eu-central-1:123456789012:instance/abc/agent/def',
    AfterContactWorkDuration: 45,
    AfterContactWorkEndTimestamp: '2026-03-01T20:31:05Z',
    AfterContactWorkStartTimestamp: '2026-03-01T20:30:20Z',
    AgentInteractionDuration: 240,
    ConnectedToAgentTimestamp: '2026-03-01T20:26:00Z',
    CustomerHoldDuration: 20,
    HierarchyGroups: null,
    LongestHoldDuration: 20,
    NumberOfHolds: 1,
    RoutingProfile: { ARN: 'arn:…', Name: 'Tier 1' },
    Username: 'fatma.albalushi',
  },
  AgentConnectionAttempts: 1,
  Attributes: {
    nidaaLanguage: 'ar',
    nidaaCallerPhone: '+96899123456',
    nidaaIntent: 'menu',
    nidaaPath: 'language_menu:1|main_menu:0',
  },
  Channel: 'VOICE',
  ConnectedToSystemTimestamp: '2026-03-01T20:25:02Z',
  ContactId: '5ca32fbd-8f92-46af-92a5-6b0f970f0efe',
  CustomerEndpoint: { Address: '+96899123456', Type: 'TELEPHONE_NUMBER' },
  DisconnectReason: 'CUSTOMER_DISCONNECT',
  DisconnectTimestamp: '2026-03-01T20:30:20Z',
  InitialContactId: null,
  InitiationMethod: 'INBOUND',
  InitiationTimestamp: '2026-03-01T20:25:00Z',
  InstanceARN: 'arn:aws:connect:eu-central-1:123456789012:instance/abc',
  LastUpdateTimestamp: '2026-03-01T20:31:10Z',
  MediaStreams: [{ Type: 'AUDIO' }],
  NextContactId: null,
  PreviousContactId: null,
  Queue: {
    ARN: 'arn:aws:connect:eu-central-1:123456789012:instance/abc/queue/q1',
    DequeueTimestamp: '2026-03-01T20:26:00Z',
    Duration: 52,
    EnqueueTimestamp: '2026-03-01T20:25:08Z',
    Name: 'nidaa-tier1',
  },
  Recording: null,
  SystemEndpoint: { Address: '+96824000000', Type: 'TELEPHONE_NUMBER' },
  TransferCompletedTimestamp: null,
  TransferredToEndpoint: null,
};

/** A chat that left in the IVR: no queue, no agent. */
const CHAT_CTR = {
  ...VOICE_CTR,
  ContactId: 'b1e6c9e1-0000-4000-8000-000000000002',
  Channel: 'CHAT',
  Agent: null,
  Queue: null,
  CustomerEndpoint: null,
  Attributes: { nidaaLanguage: 'en' },
  DisconnectReason: 'CUSTOMER_DISCONNECT',
};

class MemorySink implements AnalyticsSink {
  readonly rows: Partial<Record<TableName, unknown[]>> = {};
  constructor(private readonly refuse = 0) {}
  async put<N extends TableName>(table: N, rows: readonly RowOf<N>[]) {
    this.rows[table] = [...(this.rows[table] ?? []), ...rows];
    const undelivered = [...rows.keys()].slice(0, this.refuse);
    return undelivered.length ? { undelivered, reason: 'ServiceUnavailableException' } : { undelivered };
  }
}

const s3Event = (key: string): S3Event =>
  ({
    Records: [{ s3: { bucket: { name: 'records-bucket' }, object: { key: encodeURIComponent(key) } } }],
  }) as unknown as S3Event;

describe('contactRecords', () => {
  it('reads a GZIP batch of concatenated records into contacts and IVR steps', async () => {
    const body = gzipSync(Buffer.from(`${JSON.stringify(VOICE_CTR)}${JSON.stringify(CHAT_CTR)}\n`));
    const sink = new MemorySink();
    const read = async (bucket: string, key: string) => {
      expect([bucket, key]).toEqual(['records-bucket', 'contact-records/2026/03/01/batch 1.gz']);
      return body;
    };
    const out = await storeContactRecords(s3Event('contact-records/2026/03/01/batch 1.gz'), {
      read,
      sink,
      calendar: MUSCAT,
    });
    expect(out.contacts).toBe(2);
    expect(sink.rows.contacts).toEqual([
      {
        schema_version: 1,
        contact_id: '5ca32fbd-8f92-46af-92a5-6b0f970f0efe',
        initial_contact_id: null,
        channel: 'VOICE',
        initiation_method: 'INBOUND',
        queue_name: 'nidaa-tier1',
        initiated_at: '2026-03-01T20:25:00.000Z',
        enqueued_at: '2026-03-01T20:25:08.000Z',
        answered_at: '2026-03-01T20:26:00.000Z',
        disconnected_at: '2026-03-01T20:30:20.000Z',
        queue_wait_seconds: 52,
        interaction_seconds: 240,
        hold_seconds: 20,
        after_contact_work_seconds: 45,
        disconnect_reason: 'CUSTOMER_DISCONNECT',
        offered: true,
        answered: true,
        abandoned: false,
        callback: false,
        callback_kept: null,
        language: 'ar',
        reference: null,
        ivr_outcome: 'agent',
        // 20:25 UTC is 00:25 the next day in Muscat.
        day: '2026-03-02',
      },
      expect.objectContaining({ channel: 'CHAT', offered: false, abandoned: false, ivr_outcome: 'dropped' }),
    ]);
    expect(sink.rows.ivr_steps).toEqual([
      expect.objectContaining({ step: 1, node: 'language_menu', input: '1', ended_here: false }),
      expect.objectContaining({ step: 2, node: 'main_menu', input: '0', ended_here: false }),
    ]);
    // Exactly the declared columns, and no number, agent name or ARN.
    for (const row of sink.rows.contacts ?? []) {
      expect(Object.keys(row as object).sort()).toEqual(
        [...Object.keys(ANALYTICS_TABLES.contacts.columns), 'day'].sort(),
      );
    }
    const stored = JSON.stringify(sink.rows);
    for (const secret of ['96899123456', 'fatma', 'arn:aws']) expect(stored).not.toContain(secret);
  });

  it('fails the batch when the sink refuses rows, so S3 retries it', async () => {
    await expect(
      storeContactRecords(s3Event('k.json'), {
        read: async () => Buffer.from(JSON.stringify(VOICE_CTR)),
        sink: new MemorySink(1),
        calendar: MUSCAT,
      }),
    ).rejects.toThrow(/not delivered: ServiceUnavailableException/);
  });

  it('splits records however Firehose joined them, skipping what is not a record', () => {
    const tricky = { ...CHAT_CTR, Attributes: { nidaaMenu: 'a } { "quoted" \\ brace' } };
    const text = `${JSON.stringify(VOICE_CTR)}\n{"not":"a record"}${JSON.stringify(tricky)}{"ContactId":"trunc`;
    expect(splitContactRecords(text).map((r) => r.ContactId)).toEqual([
      VOICE_CTR.ContactId,
      CHAT_CTR.ContactId,
    ]);
  });

  it('keeps the IVR path compact and refuses anything but keys and known outcomes as input', () => {
    const path = formatIvrPath([
      { node: 'Main menu', input: '1' },
      { node: 'Enter reference', input: 'entered' },
      { node: 'After menu', input: 'hangup' },
    ]);
    expect(path).toBe('main_menu:1|enter_reference:entered|after_menu:hangup');
    expect(parseIvrPath('main_menu:260000001|status:x')).toEqual([
      { node: 'main_menu', input: 'invalid' },
      { node: 'status', input: 'invalid' },
    ]);
  });

  it('reads a hang-up from the menu the flow marked as waiting (nidaaWaiting), not from the path', () => {
    const answered = { nidaaPath: 'language_menu:1|main_menu:1', nidaaWaiting: 'none' };
    expect(ivrPathOf(answered).map((s) => `${s.node}:${s.input}`)).toEqual([
      'language_menu:1',
      'main_menu:1',
    ]);
    const left = { nidaaPath: 'language_menu:1|main_menu:1', nidaaWaiting: 'status_menu' };
    expect(ivrPathOf(left).at(-1)).toEqual({ node: 'status_menu', input: 'hangup' });
    const record = { ...VOICE_CTR, Queue: null, Agent: null, Attributes: left };
    expect(
      ivrStepRowsOf(record, contactRowOf(record, MUSCAT)).map((r) => [r.node, r.input, r.ended_here]),
    ).toEqual([
      ['language_menu', '1', false],
      ['main_menu', '1', false],
      ['status_menu', 'hangup', true],
    ]);
    expect(ivrPathOf({ nidaaWaiting: 'language_menu' })).toEqual([
      { node: 'language_menu', input: 'hangup' },
    ]);
  });

  it('counts a call back kept only when an agent spent time on it', () => {
    const callback = { ...VOICE_CTR, InitiationMethod: 'CALLBACK' };
    expect(contactRowOf(callback, MUSCAT)).toMatchObject({
      callback: true,
      callback_kept: true,
      ivr_outcome: null,
    });
    const unanswered = { ...callback, Agent: null, DisconnectReason: 'EXPIRED' };
    expect(contactRowOf(unanswered, MUSCAT)).toMatchObject({
      callback: true,
      callback_kept: false,
      abandoned: false,
    });
  });

  it('skips a record with no time at all rather than filing it under 1970, and counts it', () => {
    const undated = {
      ...CHAT_CTR,
      ContactId: 'b1e6c9e1-0000-4000-8000-000000000003',
      InitiationTimestamp: null,
      ConnectedToSystemTimestamp: null,
      DisconnectTimestamp: null,
      Attributes: { nidaaPath: 'language_menu:1' },
    };
    const rows = rowsOfContactRecords(`${JSON.stringify(VOICE_CTR)}${JSON.stringify(undated)}`, MUSCAT);
    expect(rows.contacts.map((r) => r.contact_id)).toEqual([VOICE_CTR.ContactId]);
    expect(rows.ivrSteps.every((r) => r.contact_id === VOICE_CTR.ContactId)).toBe(true);
    expect(rows.contacts.some((r) => r.day.startsWith('1970'))).toBe(false);
    expect(rows.undated).toBe(1);
  });
});
