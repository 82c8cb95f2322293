/**
 * Contact Lens post-call analysis (the JSON Contact Lens writes to the call-recordings bucket under
 * `Analysis/Voice/YYYY/MM/DD/<contact id>_analysis_<time>.json` when it has analysed a call) joined to the
 * case the call was about, as one timeline entry, and kept as one analytics record (docs/decisions/0116).
 * Only the figures travel: sentiment per participant, matched categories, talk, non-talk time and
 * interruptions. The transcript stays in the recordings bucket, under its retention.
 */
import type { CaseEvent } from '../case/case.ts';
import type { CaseStore, ContactCaseLinks } from '../ports.ts';
import { cleanCitizenText } from '../text/citizen-text.ts';

/** The fields of Contact Lens's output file Nidaa reads ("Example Contact Lens output files", Version 1.1.0). */
export type ContactLensOutput = {
  Version?: string;
  Channel: string;
  JobStatus?: string;
  LanguageCode: string;
  Participants: { ParticipantId?: string; ParticipantRole: string }[];
  Categories?: { MatchedCategories?: string[] };
  ConversationCharacteristics: {
    TotalConversationDurationMillis: number;
    Sentiment?: { OverallSentiment?: Record<string, number> };
    Interruptions?: { TotalCount?: number; TotalTimeMillis?: number };
    NonTalkTime?: { TotalTimeMillis?: number };
    TalkSpeed?: { DetailsByParticipant?: Record<string, { AverageWordsPerMinute?: number }> };
    TalkTime?: {
      TotalTimeMillis?: number;
      DetailsByParticipant?: Record<string, { TotalTimeMillis?: number }>;
    };
  };
};

/** What Nidaa keeps of one analysis: figures, no words. */
export type ContactAnalysis = {
  contactId: string;
  /** When Contact Lens wrote it (the file name's time). */
  analysedAt: string;
  language: string;
  durationMs: number;
  /** Overall sentiment, -5 (negative) to 5 (positive), per participant. */
  sentiment: { customer: number | null; agent: number | null };
  categories: string[];
  talkTimeMs: { total: number | null; agent: number | null; customer: number | null };
  nonTalkTimeMs: number | null;
  interruptions: number | null;
  wordsPerMinute: { agent: number | null; customer: number | null };
};

/**
 * The original (not redacted) analysis of a voice contact: `…Analysis/Voice/YYYY/MM/DD/<id>_analysis_<time>.json`.
 * Redacted twins (`Analysis/Voice/Redacted/…_analysis_redacted_…`) and audio files are not analyses to read.
 */
const ANALYSIS_KEY =
  /(?:^|\/)Analysis\/Voice\/\d{4}\/\d{2}\/\d{2}\/([0-9A-Za-z-]{1,128})_analysis_(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z)\.json$/;

/** Where Contact Lens writes post-call analyses, at the root of the call-recordings bucket. */
export const ANALYSIS_PREFIX = 'Analysis/Voice/';

export function analysisKey(key: string): { contactId: string; analysedAt: string } | undefined {
  const m = ANALYSIS_KEY.exec(key);
  if (!m) return undefined;
  const at = new Date(m[2] as string);
  if (Number.isNaN(at.getTime())) return undefined;
  return { contactId: m[1] as string, analysedAt: at.toISOString() };
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const score = (v: unknown): number | null => {
  const n = num(v);
  return n === null ? null : Math.max(-5, Math.min(5, n));
};
/** Category names are the administrators' rule names: short, cleaned like any text that is shown. */
const MAX_CATEGORIES = 50;
const categoryName = (name: string) => cleanCitizenText(name).slice(0, 100);

export function summarizeAnalysis(
  file: ContactLensOutput,
  at: { contactId: string; analysedAt: string },
): ContactAnalysis {
  const cc = file.ConversationCharacteristics;
  const overall = cc.Sentiment?.OverallSentiment ?? {};
  const talk = cc.TalkTime?.DetailsByParticipant ?? {};
  const speed = cc.TalkSpeed?.DetailsByParticipant ?? {};
  const categories = [
    ...new Set((file.Categories?.MatchedCategories ?? []).map(categoryName).filter((c) => c !== '')),
  ]
    .sort()
    .slice(0, MAX_CATEGORIES);
  return {
    contactId: at.contactId,
    analysedAt: at.analysedAt,
    language: file.LanguageCode,
    durationMs: Math.max(0, Math.round(cc.TotalConversationDurationMillis)),
    sentiment: { customer: score(overall.CUSTOMER), agent: score(overall.AGENT) },
    categories,
    talkTimeMs: {
      total: num(cc.TalkTime?.TotalTimeMillis),
      agent: num(talk.AGENT?.TotalTimeMillis),
      customer: num(talk.CUSTOMER?.TotalTimeMillis),
    },
    nonTalkTimeMs: num(cc.NonTalkTime?.TotalTimeMillis),
    interruptions: num(cc.Interruptions?.TotalCount),
    wordsPerMinute: {
      agent: num(speed.AGENT?.AverageWordsPerMinute),
      customer: num(speed.CUSTOMER?.AverageWordsPerMinute),
    },
  };
}

export type AnalysisOutcome =
  | { kind: 'appended'; reference: string; contactId: string }
  | { kind: 'no_case'; contactId: string };

/**
 * Adds the analysis to the case the call was linked to (the contact's link, written by the hotline or the
 * agent). The event id comes from the contact, so a redelivered S3 event rewrites the same timeline item.
 */
export async function addAnalysisToCase(
  analysis: ContactAnalysis,
  deps: { cases: Pick<CaseStore, 'get' | 'appendEvents'>; links: ContactCaseLinks },
): Promise<{ outcome: AnalysisOutcome; case?: Awaited<ReturnType<CaseStore['get']>> }> {
  const reference = await deps.links.find(analysis.contactId);
  const found = reference ? await deps.cases.get(reference) : undefined;
  if (!found) return { outcome: { kind: 'no_case', contactId: analysis.contactId } };
  const { contactId, ...figures } = analysis;
  const event: CaseEvent = {
    reference: found.reference,
    id: `analysis-${contactId}`,
    at: analysis.analysedAt,
    kind: 'contact_analysis',
    actor: 'system',
    channel: 'voice',
    data: { contactId, ...figures },
  };
  await deps.cases.appendEvents([event]);
  return { outcome: { kind: 'appended', reference: found.reference, contactId }, case: found };
}
