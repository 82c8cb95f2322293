import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  type ContactAnalysisDeps,
  storeAnalysis,
} from '../../../functions/connect/contact-analysis.handler.ts';
import type { AnalyticsSink } from '../../../functions/core/analytics/sink.ts';
import type { RowOf, TableName } from '../../../functions/core/analytics/tables.ts';
import { formatReference } from '../../../functions/core/case/reference.ts';
import { analysisKey } from '../../../functions/core/hotline/contact-analysis.ts';
import { MUSCAT_CALENDAR } from '../../../functions/core/sla/business-calendar.ts';
import { aCase } from '../../support/builders.ts';
import { InMemoryCaseStore, InMemoryContactCaseLinks } from '../../support/in-memory-stores.ts';

const FIXTURE = readFileSync(
  new URL('../../fixtures/events/contact-lens-analysis.json', import.meta.url),
  'utf8',
);
const CONTACT = '5b1d6a0e-2f3c-4b7a-9d8e-1c2b3a4d5e6f';
/** Where Contact Lens writes it: `Analysis/Voice/YYYY/MM/DD/<contact id>_analysis_<time>.json`. */
const KEY = `Analysis/Voice/2026/12/07/${CONTACT}_analysis_2026-12-07T20:14:16Z.json`;
const reference = formatReference(2026, 1);

class MemorySink implements AnalyticsSink {
  readonly rows: { table: TableName; row: unknown }[] = [];
  async put<N extends TableName>(table: N, rows: readonly RowOf<N>[]) {
    for (const row of rows) this.rows.push({ table, row });
    return { undelivered: [] };
  }
}

let cases: InMemoryCaseStore;
let links: InMemoryContactCaseLinks;
let sink: MemorySink;
let objects: Map<string, string>;
const deps = (): ContactAnalysisDeps => ({
  read: async (_bucket, key) => {
    const body = objects.get(key);
    if (body === undefined) throw new Error('NoSuchKey');
    return body;
  },
  cases,
  links,
  sink,
  calendar: MUSCAT_CALENDAR,
});

beforeEach(async () => {
  cases = new InMemoryCaseStore();
  links = new InMemoryContactCaseLinks();
  sink = new MemorySink();
  objects = new Map([[KEY, FIXTURE]]);
  await cases.create(aCase({ location: { lat: 23.6, lng: 58.4, wilayatCode: 'MCT-BAWSHAR' } } as never), []);
});

describe('Contact Lens post-call analyses', () => {
  it('reads the contact and the time from the file name, and only original voice analyses', () => {
    expect(analysisKey(KEY)).toEqual({ contactId: CONTACT, analysedAt: '2026-12-07T20:14:16.000Z' });
    expect(
      analysisKey(
        `Analysis/Voice/Redacted/2026/12/07/${CONTACT}_analysis_redacted_2026-12-07T20:14:16Z.json`,
      ),
    ).toBeUndefined();
    expect(
      analysisKey(
        `Analysis/Voice/Redacted/2026/12/07/${CONTACT}_call_recording_redacted_2026-12-07T20:14:16Z.wav`,
      ),
    ).toBeUndefined();
    expect(analysisKey(`call-recordings/2026/12/07/${CONTACT}_20261207T20:10_UTC.wav`)).toBeUndefined();
  });

  it('adds sentiment, categories and talk time to the case the call was linked to, without a word of the call', async () => {
    await links.link(CONTACT, reference);
    const result = await storeAnalysis('recordings', KEY, deps());
    expect(result).toEqual({ kind: 'stored', key: KEY, contactId: CONTACT, reference });
    const timeline = cases.timeline(reference).filter((e) => e.kind === 'contact_analysis');
    expect(timeline).toEqual([
      {
        reference,
        id: `analysis-${CONTACT}`,
        at: '2026-12-07T20:14:16.000Z',
        kind: 'contact_analysis',
        actor: 'system',
        channel: 'voice',
        data: {
          contactId: CONTACT,
          analysedAt: '2026-12-07T20:14:16.000Z',
          language: 'ar-AE',
          durationMs: 184320,
          sentiment: { customer: -2.4, agent: 1.9 },
          categories: ['escalation-request', 'تكرار البلاغ'],
          talkTimeMs: { total: 155360, agent: 71040, customer: 84320 },
          nonTalkTimeMs: 21650,
          interruptions: 2,
          wordsPerMinute: { agent: 142, customer: 171 },
        },
      },
    ]);
    // The transcript stays in the recordings bucket.
    expect(JSON.stringify(timeline)).not.toContain('الحفرة');
    expect(JSON.stringify(sink.rows)).not.toContain('الحفرة');
  });

  it('writes one contact_analysis record, with the case’s dimensions', async () => {
    await links.link(CONTACT, reference);
    await storeAnalysis('recordings', KEY, deps());
    expect(sink.rows).toEqual([
      {
        table: 'contact_analysis',
        row: {
          schema_version: 1,
          contact_id: CONTACT,
          reference,
          analysed_at: '2026-12-07T20:14:16.000Z',
          language: 'ar-AE',
          duration_ms: 184320,
          customer_sentiment: -2.4,
          agent_sentiment: 1.9,
          categories: 'escalation-request|تكرار البلاغ',
          category_count: 2,
          talk_time_ms: 155360,
          agent_talk_time_ms: 71040,
          customer_talk_time_ms: 84320,
          non_talk_time_ms: 21650,
          interruptions: 2,
          category_code: 'pothole',
          department_code: 'roads',
          wilayat_code: 'MCT-BAWSHAR',
          // 20:14 UTC is past midnight in Muscat.
          day: '2026-12-08',
        },
      },
    ]);
  });

  it('writes the same timeline entry again when S3 delivers the file twice', async () => {
    await links.link(CONTACT, reference);
    await storeAnalysis('recordings', KEY, deps());
    await storeAnalysis('recordings', KEY, deps());
    expect(cases.timeline(reference).filter((e) => e.kind === 'contact_analysis')).toHaveLength(1);
  });

  it('keeps the record of a call no case was linked to, and touches no case', async () => {
    const before = cases.timeline(reference).length;
    expect(await storeAnalysis('recordings', KEY, deps())).toEqual({
      kind: 'stored',
      key: KEY,
      contactId: CONTACT,
    });
    expect(cases.timeline(reference)).toHaveLength(before);
    expect(sink.rows[0]?.row).toMatchObject({ reference: null, category_code: null, contact_id: CONTACT });
  });

  it.each([
    ['not JSON', '{"Version": "1.1.0", '],
    [
      'no conversation characteristics',
      JSON.stringify({ ...JSON.parse(FIXTURE), ConversationCharacteristics: undefined }),
    ],
    ['a sentiment that is text', FIXTURE.replace('"CUSTOMER": -2.4', '"CUSTOMER": "negative"')],
    ['an array', '[]'],
  ])('a malformed file (%s) is reported and stores nothing', async (_, body) => {
    await links.link(CONTACT, reference);
    objects.set(KEY, body);
    const result = await storeAnalysis('recordings', KEY, deps());
    expect(result.kind).toBe('malformed');
    expect(sink.rows).toEqual([]);
    expect(cases.timeline(reference).filter((e) => e.kind === 'contact_analysis')).toEqual([]);
  });

  it('leaves redacted twins, other files and unfinished jobs alone', async () => {
    await links.link(CONTACT, reference);
    expect((await storeAnalysis('recordings', 'Analysis/Voice/Redacted/x.json', deps())).kind).toBe(
      'skipped',
    );
    objects.set(KEY, FIXTURE.replace('"JobStatus": "COMPLETED"', '"JobStatus": "FAILED"'));
    expect(await storeAnalysis('recordings', KEY, deps())).toMatchObject({
      kind: 'skipped',
      why: 'job FAILED',
    });
    expect(sink.rows).toEqual([]);
  });
});

describe('the contactAnalysis handler', () => {
  const s3Event = (key: string) =>
    ({
      Records: [
        {
          s3: {
            bucket: { name: 'recordings', arn: 'arn:aws:s3:::recordings' },
            // S3 event keys are URL-encoded.
            object: { key: encodeURIComponent(key).replace(/%2F/g, '/'), size: 1 },
          },
        },
      ],
    }) as never;

  it('does not fail the invocation on a malformed file (a retry would not mend it), and stores nothing', async () => {
    const { handlerWith } = await import('../../../functions/connect/contact-analysis.handler.ts');
    await links.link(CONTACT, reference);
    objects.set(KEY, '{not json');
    await expect(handlerWith(deps)(s3Event(KEY), {} as never)).resolves.toBeUndefined();
    expect(sink.rows).toEqual([]);
  });

  it('stores a well-formed file the event names', async () => {
    const { handlerWith } = await import('../../../functions/connect/contact-analysis.handler.ts');
    await links.link(CONTACT, reference);
    await handlerWith(deps)(s3Event(KEY), {} as never);
    expect(sink.rows.map((r) => r.table)).toEqual(['contact_analysis']);
  });
});
