/**
 * Amazon Connect chat transcripts (the JSON Connect writes to the instance's chat-transcript bucket when a
 * chat ends) joined to the case the chat was about, as one timeline entry.
 */
import type { CaseEvent } from '../case/case.ts';
import type { CaseStore, ContactCaseLinks } from '../ports.ts';
import { cleanCitizenText } from '../text/citizen-text.ts';

/** One item of Connect's transcript: a message or an event (joined, left, typing…). */
export type TranscriptItem = {
  AbsoluteTime: string;
  Content?: string;
  ContentType: string;
  Id: string;
  Type: string;
  ParticipantId?: string;
  DisplayName?: string;
  ParticipantRole?: string;
};

export type ChatTranscript = {
  Version: string;
  AWSAccountId?: string;
  InstanceId: string;
  InitialContactId?: string;
  ContactId: string;
  Participants?: { ParticipantId: string }[];
  Transcript: TranscriptItem[];
};

export type TranscriptLine = {
  at: string;
  role: 'citizen' | 'agent' | 'system';
  name?: string;
  text: string;
};

/** DynamoDB items stop at 400 KB; a chat longer than this keeps its first lines here and stays whole in S3. */
export const MAX_TRANSCRIPT_CHARS = 100_000;

const ROLES: Record<string, TranscriptLine['role']> = { CUSTOMER: 'citizen', AGENT: 'agent' };

/** The messages people wrote (text, markdown), in order; events and typing notices are left out. */
export function transcriptLines(t: ChatTranscript): TranscriptLine[] {
  const lines: TranscriptLine[] = [];
  let size = 0;
  const items = [...t.Transcript].sort((x, y) => x.AbsoluteTime.localeCompare(y.AbsoluteTime));
  for (const item of items) {
    if (item.Type !== 'MESSAGE' || !item.Content) continue;
    size += item.Content.length;
    if (size > MAX_TRANSCRIPT_CHARS) break;
    lines.push({
      at: item.AbsoluteTime,
      role: ROLES[item.ParticipantRole ?? ''] ?? 'system',
      ...(item.DisplayName ? { name: cleanCitizenText(item.DisplayName) } : {}),
      // A chat is citizen text like any other (docs/decisions/0083).
      text: cleanCitizenText(item.Content),
    });
  }
  return lines;
}

export type TranscriptOutcome =
  | { kind: 'appended'; reference: string; lines: number }
  | { kind: 'no_case'; contactId: string }
  | { kind: 'empty'; contactId: string };

/**
 * Appends the transcript to the case the chat was linked to (by its contact, or the chat's first contact
 * after a transfer). The event id and time come from the transcript, so a redelivered S3 event writes the
 * same timeline item again instead of a second one.
 */
export async function appendTranscript(
  t: ChatTranscript,
  source: string,
  deps: { cases: Pick<CaseStore, 'get' | 'appendEvents'>; links: ContactCaseLinks },
): Promise<TranscriptOutcome> {
  const lines = transcriptLines(t);
  if (lines.length === 0) return { kind: 'empty', contactId: t.ContactId };
  const reference =
    (await deps.links.find(t.ContactId)) ??
    (t.InitialContactId && t.InitialContactId !== t.ContactId
      ? await deps.links.find(t.InitialContactId)
      : undefined);
  const found = reference ? await deps.cases.get(reference) : undefined;
  if (!found) return { kind: 'no_case', contactId: t.ContactId };
  const event: CaseEvent = {
    reference: found.reference,
    id: `chat-${t.ContactId}`,
    at: lines[lines.length - 1]?.at ?? t.Transcript[0]?.AbsoluteTime ?? '',
    kind: 'transcript',
    actor: 'system',
    channel: 'chat',
    text: lines
      .map((l) => `${l.role === 'citizen' ? '👤' : l.role === 'agent' ? '🎧' : '•'} ${l.text}`)
      .join('\n'),
    data: { contactId: t.ContactId, source, lines },
  };
  await deps.cases.appendEvents([event]);
  return { kind: 'appended', reference: found.reference, lines: lines.length };
}
