import { GetObjectCommand } from '@aws-sdk/client-s3';
import middy from '@middy/core';
import type { Context, S3Event } from 'aws-lambda';
import * as z from 'zod/mini';
import { contactAnalysisRow } from '#core/analytics/records.ts';
import type { AnalyticsSink } from '#core/analytics/sink.ts';
import {
  addAnalysisToCase,
  analysisKey,
  type ContactLensOutput,
  summarizeAnalysis,
} from '#core/hotline/contact-analysis.ts';
import type { CaseStore, ContactCaseLinks } from '#core/ports.ts';
import type { BusinessCalendar } from '#core/sla/business-calendar.ts';
import { analyticsSink } from '#shared/analytics-sink.ts';
import { contactCenterS3 } from '#shared/contact-center-s3.ts';
import { container } from '#shared/container.ts';
import { logger } from '#shared/powertools.ts';
import { objectKey } from '#shared/s3-event.ts';

const count = z.optional(z.number());
const byParticipant = <T extends z.ZodMiniType>(t: T) => z.optional(z.record(z.string(), t));

/** Contact Lens's output file (Version 1.1.0): the fields Nidaa reads, the rest ignored. */
const outputFile = z.object({
  Version: z.optional(z.string()),
  Channel: z.string(),
  JobStatus: z.optional(z.string()),
  LanguageCode: z.string().check(z.minLength(2), z.maxLength(16)),
  Participants: z.array(z.object({ ParticipantId: z.optional(z.string()), ParticipantRole: z.string() })),
  Categories: z.optional(z.object({ MatchedCategories: z.optional(z.array(z.string())) })),
  ConversationCharacteristics: z.object({
    TotalConversationDurationMillis: z.number().check(z.minimum(0)),
    Sentiment: z.optional(z.object({ OverallSentiment: byParticipant(z.number()) })),
    Interruptions: z.optional(z.object({ TotalCount: count, TotalTimeMillis: count })),
    NonTalkTime: z.optional(z.object({ TotalTimeMillis: count })),
    TalkSpeed: z.optional(
      z.object({ DetailsByParticipant: byParticipant(z.object({ AverageWordsPerMinute: count })) }),
    ),
    TalkTime: z.optional(
      z.object({
        TotalTimeMillis: count,
        DetailsByParticipant: byParticipant(z.object({ TotalTimeMillis: count })),
      }),
    ),
  }),
});

export type ContactAnalysisDeps = {
  read(bucket: string, key: string): Promise<string>;
  cases: Pick<CaseStore, 'get' | 'appendEvents'>;
  links: ContactCaseLinks;
  sink: AnalyticsSink;
  calendar: BusinessCalendar;
};

type Result =
  | { kind: 'skipped'; key: string; why: string }
  | { kind: 'malformed'; key: string; problems: string[] }
  | { kind: 'stored'; key: string; contactId: string; reference?: string };

/** One stored object: read, checked, then the case timeline and the analytics record. */
export async function storeAnalysis(bucket: string, key: string, deps: ContactAnalysisDeps): Promise<Result> {
  const at = analysisKey(key);
  if (!at) return { kind: 'skipped', key, why: 'not an original voice analysis file' };
  let parsed: ReturnType<typeof outputFile.safeParse>;
  try {
    parsed = outputFile.safeParse(JSON.parse(await deps.read(bucket, key)));
  } catch (err) {
    return { kind: 'malformed', key, problems: [`not JSON: ${(err as Error).message.slice(0, 200)}`] };
  }
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`);
    return { kind: 'malformed', key, problems: problems.slice(0, 10) };
  }
  const file = parsed.data as ContactLensOutput;
  if (file.Channel !== 'VOICE') return { kind: 'skipped', key, why: `channel ${file.Channel}` };
  if (file.JobStatus !== undefined && file.JobStatus !== 'COMPLETED')
    return { kind: 'skipped', key, why: `job ${file.JobStatus}` };
  const analysis = summarizeAnalysis(file, at);
  const { outcome, case: found } = await addAnalysisToCase(analysis, deps);
  const { undelivered, reason } = await deps.sink.put('contact_analysis', [
    contactAnalysisRow(analysis, found, deps.calendar),
  ]);
  // The timeline event is idempotent: S3's retry writes it again and delivers the row this time.
  if (undelivered.length) throw new Error(`contact_analysis row not delivered: ${reason ?? 'unknown'}`);
  return {
    kind: 'stored',
    key,
    contactId: analysis.contactId,
    ...(outcome.kind === 'appended' ? { reference: outcome.reference } : {}),
  };
}

/**
 * S3 ObjectCreated under `Analysis/Voice/` in the call-recordings bucket (Contact Lens writes one file per
 * analysed call). A malformed file is logged and left alone: retrying it would not mend it.
 */
export const handlerWith = (deps: () => ContactAnalysisDeps) =>
  middy<S3Event, void, Error, Context>().handler(async (event) => {
    const d = deps();
    for (const record of event.Records) {
      const result = await storeAnalysis(record.s3.bucket.name, objectKey(record.s3.object.key), d);
      if (result.kind === 'malformed') logger.warn('contact lens analysis malformed', result);
      else logger.info('contact lens analysis', result);
    }
  });

export const handler = handlerWith(() => {
  const c = container();
  return {
    async read(bucket, key) {
      const out = await contactCenterS3().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return (await out.Body?.transformToString('utf8')) ?? '';
    },
    cases: c.cases,
    links: c.contactLinks,
    sink: analyticsSink(),
    calendar: c.calendar,
  };
});
