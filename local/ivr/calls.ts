import { functionTriggeredBy } from '../../lib/function-catalog.ts';
/**
 * Simulated hotline calls and chats in local mode: `POST /_local/calls` starts one on the hotline flow,
 * `POST /_local/calls/{callId}/keys` presses keys (or sends a chat reply), `POST /_local/calls/{callId}/agent-hangup`
 * ends the agent's side (the disconnect flow then runs the survey). Each answer says what the caller hears.
 */

import type { FlowCustomization } from '../../contact-flows/customize.ts';
import { normalizePhone } from '../../functions/core/contact/phone.ts';
import { SCREEN_POP_ATTRIBUTES } from '../../functions/core/contact/screen-pop.ts';
import type { Bilingual } from '../../functions/core/errors.ts';
import { CHAT_PHONE_ATTRIBUTE } from '../../functions/core/hotline/hotline.ts';
import { isWorkingTime } from '../../functions/core/sla/business-calendar.ts';
import { toLatinDigits } from '../../functions/core/text/digits.ts';
import { readRuntimeConfig } from '../../functions/shared/runtime-config.ts';
import type { InvokeFunction } from '../api-gateway.ts';
import { LOCAL_CONNECT, localInstanceArn } from '../fake-aws/connect.ts';
import type { FakeS3 } from '../fake-aws/index.ts';
import { analysisObjectKey, syntheticAnalysis } from './contact-lens.ts';
import { contactRecordOf } from './contact-record.ts';
import { loadLocalFlow } from './flow-files.ts';
import { type SimChannel, SimulatedContact, type Turn } from './simulator.ts';

/** The flow a call to the hotline (or a chat from the portal) starts in. */
export const ENTRY_FLOW = 'hotline-inbound';

export type CallDeps = {
  invoke: InvokeFunction;
  clock: { now(): Date };
  /** The local S3 the instance's storage writes to: contact records, and chat transcripts. */
  s3: FakeS3;
  /** The bucket a finished chat's transcript is written to, as the instance's chat-transcript storage would. */
  transcriptsBucket: string;
  /** The stage's wording of the fixed prompts and its voices, as the deployed flows carry them. */
  flows?: FlowCustomization;
  /**
   * Where a synthetic Contact Lens analysis of each analysed call is written when its agent hangs up
   * (local/ivr/contact-lens.ts); without it, local calls make none.
   */
  analyses?: { store: FakeS3; bucket: string };
};

/** The local stand-in for the instance's chat-transcript bucket. */
export const CHAT_TRANSCRIPT_BUCKET = 'nidaa-local-chat-transcripts';
/** The local stand-in for the bucket Firehose stores contact records in (same store as the transcripts). */
export const CONTACT_RECORDS_BUCKET = 'nidaa-local-contact-records';

type Outcome = { status: number; body: unknown } | { problem: Bilingual; status: 400 | 404 };

/** What the local contact center reports while a caller waits, unless the call names its own. */
const DEFAULT_QUEUE = { position: 2, waitSeconds: 90 };

const calls = new Map<string, SimulatedContact>();

const view = (callId: string, contact: SimulatedContact, turn: Turn) => ({
  callId,
  ...turn,
  channel: contact.options.channel,
  // What the agent's screen-pop would read: the contact's attributes, minus the prompt texts.
  attributes: Object.fromEntries(Object.entries(contact.attributes).filter(([k]) => !k.startsWith('p_'))),
  callbacks: contact.callbacks,
  path: contact.path,
});

export function startContact(
  input: {
    from?: string;
    dialed: string;
    channel: SimChannel;
    queue?: { position: number; waitSeconds: number };
    attributes?: Record<string, string>;
  },
  deps: CallDeps,
) {
  const calendar = readRuntimeConfig().calendar;
  const queue = input.queue ?? DEFAULT_QUEUE;
  return new SimulatedContact(
    {
      loadFlow: (name) => loadLocalFlow(name, deps.flows),
      invoke: deps.invoke,
      now: () => deps.clock.now(),
      isOpen: (_hours, at) => isWorkingTime(at, calendar),
      queueMetrics: () => queue,
      instanceArn: localInstanceArn(),
    },
    {
      flow: ENTRY_FLOW,
      channel: input.channel,
      dialed: input.dialed,
      ...(input.from ? { from: input.from } : {}),
      ...(input.attributes ? { attributes: input.attributes } : {}),
    },
  );
}

const bad = (ar: string, en: string): Outcome => ({ status: 400, problem: { ar, en } });

function readQueue(value: unknown): { position: number; waitSeconds: number } | undefined | 'bad' {
  if (value === undefined) return undefined;
  const q = value as { position?: unknown; waitSeconds?: unknown };
  const position = Number(q?.position);
  const waitSeconds = Number(q?.waitSeconds);
  if (!Number.isInteger(position) || position < 1 || !Number.isFinite(waitSeconds) || waitSeconds < 0)
    return 'bad';
  return { position, waitSeconds };
}

/** `/_local/calls…` routes; the input is the parsed JSON body. */
export async function serveCallRoute(
  method: string,
  pathname: string,
  input: Record<string, unknown>,
  deps: CallDeps,
): Promise<Outcome> {
  if (method === 'POST' && pathname === '/_local/calls') {
    const channel: SimChannel = input.channel === 'chat' ? 'CHAT' : 'VOICE';
    if (input.channel !== undefined && input.channel !== 'chat' && input.channel !== 'voice') {
      return bad('القناة يجب أن تكون voice أو chat.', 'channel must be voice or chat.');
    }
    const from = normalizePhone(String(input.from ?? ''));
    if (channel === 'VOICE' && !from.ok)
      return bad('رقم المتصل غير صحيح.', 'The caller number (from) is not valid.');
    // Without `dialed`, the caller dialled the stage's hotline (cdk.json contactCenter.hotline).
    const dialed = toLatinDigits(String(input.dialed ?? readRuntimeConfig().hotline)).replace(/[\s-]/g, '');
    if (channel === 'VOICE' && !/^\+?\d{3,15}$/.test(dialed)) {
      return bad('الرقم المطلوب (dialed) غير صحيح.', 'The dialed number is not valid.');
    }
    const queue = readQueue(input.queue);
    if (queue === 'bad') {
      return bad(
        'queue يجب أن يحوي position (عدداً صحيحاً موجباً) و waitSeconds (ثواني).',
        'queue needs a position (a positive integer) and waitSeconds.',
      );
    }
    if (input.language !== undefined && input.language !== 'ar' && input.language !== 'en') {
      return bad('اللغة ar أو en.', 'language is ar or en.');
    }
    // A chat widget may pass the signed-in citizen's number (functions/connect/hotline.handler.ts) and the
    // page's language, as StartChatContact attributes.
    const chatAttributes: Record<string, string> = {};
    if (channel === 'CHAT' && typeof input.customerPhone === 'string')
      chatAttributes[CHAT_PHONE_ATTRIBUTE] = input.customerPhone;
    if (channel === 'CHAT' && typeof input.language === 'string')
      chatAttributes[SCREEN_POP_ATTRIBUTES.language] = input.language;
    const contact = startContact(
      {
        channel,
        dialed,
        ...(channel === 'VOICE' && from.ok ? { from: from.e164 } : {}),
        ...(queue ? { queue } : {}),
        ...(Object.keys(chatAttributes).length > 0 ? { attributes: chatAttributes } : {}),
      },
      deps,
    );
    const callId = contact.contactId;
    calls.set(callId, contact);
    return { status: 201, body: view(callId, contact, await contact.start()) };
  }
  const match = /^\/_local\/calls\/([^/]+)\/(keys|agent-hangup|end-chat|hangup)$/.exec(pathname);
  const contact = match ? calls.get(match[1] as string) : undefined;
  if (method !== 'POST' || !match) {
    return {
      status: 404,
      problem: { ar: 'مسار محلي غير معروف.', en: `Unknown local route ${method} ${pathname}.` },
    };
  }
  if (!contact)
    return { status: 404, problem: { ar: 'لا توجد مكالمة بهذا المعرف.', en: 'No call has this callId.' } };
  const callId = match[1] as string;
  if (contact.ended) return bad('انتهت هذه المكالمة.', 'This call has ended.');
  const outcome = await answer(callId, contact, match[2] as string, input, deps);
  // When the contact has ended, Connect writes its contact record (Firehose, then S3): local mode too.
  if (contact.ended && !contact.recordStored) {
    contact.recordStored = true;
    await storeContactRecord(contact, deps);
  }
  return outcome;
}

async function answer(
  callId: string,
  contact: SimulatedContact,
  action: string,
  input: Record<string, unknown>,
  deps: CallDeps,
): Promise<Outcome> {
  if (action === 'hangup') {
    if (contact.options.channel !== 'VOICE') return bad('هذه ليست مكالمة.', 'This contact is not a call.');
    return { status: 200, body: view(callId, contact, contact.end()) };
  }
  if (action === 'end-chat') {
    if (contact.options.channel !== 'CHAT') return bad('هذه ليست محادثة.', 'This contact is not a chat.');
    const turn = contact.end();
    await storeTranscript(contact, deps);
    return { status: 200, body: view(callId, contact, turn) };
  }
  if (action === 'agent-hangup') {
    if (contact.outcome !== 'with_agent')
      return bad('لا يوجد موظف على هذه المكالمة.', 'No agent is on this call.');
    const turn = await contact.agentHangsUp();
    await storeSyntheticAnalysis(contact, deps);
    return { status: 200, body: view(callId, contact, turn) };
  }
  if (contact.outcome !== 'in_ivr')
    return bad('المكالمة ليست بانتظار إدخال.', 'The call is not waiting for keys.');
  const raw = input.digits;
  if (typeof raw !== 'string' || raw.length > (contact.options.channel === 'CHAT' ? 1024 : 32)) {
    return bad('digits يجب أن يكون نصاً قصيراً.', 'digits must be a short string.');
  }
  // A keypad sends 0–9, * and #; Arabic-Indic digits typed by a person mean the same keys.
  const keys = contact.options.channel === 'VOICE' ? toLatinDigits(raw).replace(/\s/g, '') : raw;
  if (contact.options.channel === 'VOICE' && !/^[0-9*#]*$/.test(keys)) {
    return bad('المفاتيح المسموحة: 0-9 و * و #.', 'Keys may be 0–9, * and # only.');
  }
  return { status: 200, body: view(callId, contact, await contact.input(keys)) };
}

/**
 * When an analysed call's agent hangs up, Contact Lens would write its analysis to the call-recordings
 * bucket and S3 would tell contactAnalysis; local mode writes a synthetic one (local/ivr/contact-lens.ts).
 */
async function storeSyntheticAnalysis(contact: SimulatedContact, deps: CallDeps) {
  const language = contact.recording?.analyticsLanguage;
  if (!deps.analyses || contact.options.channel !== 'VOICE' || !language || !contact.recording) return;
  const now = deps.clock.now();
  const key = analysisObjectKey(contact.contactId, now);
  const file = syntheticAnalysis({ language, startedAt: contact.recording.since, endedAt: now });
  deps.analyses.store.put(deps.analyses.bucket, key, Buffer.from(JSON.stringify(file)), 'application/json');
  await deps.invoke(functionTriggeredBy('contactAnalysisStored'), s3Created(deps.analyses.bucket, key, now));
}

/** The S3 event of one new object, as S3 sends it to a function (keys URL-encoded, slashes kept). */
const s3Created = (bucket: string, key: string, now: Date) => ({
  Records: [
    {
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: LOCAL_CONNECT.region,
      eventTime: now.toISOString(),
      eventName: 'ObjectCreated:Put',
      s3: {
        s3SchemaVersion: '1.0',
        bucket: { name: bucket, arn: `arn:aws:s3:::${bucket}` },
        object: { key: encodeURIComponent(key).replace(/%2F/g, '/'), size: 0 },
      },
    },
  ],
});

/**
 * When a chat ends, Connect writes its transcript (Version 2019-08-26) to the instance's storage and S3
 * tells chatTranscript (functions/connect/chat-transcript.handler.ts); local mode does both.
 */
async function storeTranscript(contact: SimulatedContact, deps: CallDeps) {
  const now = deps.clock.now();
  const participant = { CUSTOMER: `customer-${contact.contactId}`, SYSTEM: `system-${contact.contactId}` };
  const transcript = {
    Version: '2019-08-26',
    AWSAccountId: LOCAL_CONNECT.account,
    InstanceId: LOCAL_CONNECT.instanceId,
    InitialContactId: contact.contactId,
    ContactId: contact.contactId,
    Participants: [{ ParticipantId: participant.CUSTOMER }],
    Transcript: contact.conversation.map((line, i) => ({
      AbsoluteTime: line.at,
      Content: line.text,
      ContentType: 'text/plain',
      Id: `${contact.contactId}-${i}`,
      Type: 'MESSAGE',
      ParticipantId: participant[line.role],
      DisplayName: line.role === 'CUSTOMER' ? 'Customer' : 'SYSTEM_MESSAGE',
      ParticipantRole: line.role,
    })),
  };
  const day = now.toISOString().slice(0, 10).replace(/-/g, '/');
  const stamp = now.toISOString().replace(/[-:]/g, '').slice(0, 15);
  const key = `connect/${LOCAL_CONNECT.instanceId}/ChatTranscripts/${day}/${contact.contactId}_${stamp}_UTC.json`;
  deps.s3.put(deps.transcriptsBucket, key, Buffer.from(JSON.stringify(transcript)), 'application/json');
  await deps.invoke(functionTriggeredBy('chatTranscriptStored'), s3Created(deps.transcriptsBucket, key, now));
}

/**
 * When a contact ends, Connect streams its contact record to Firehose, which stores it in the records
 * bucket, and S3 tells contactRecords (functions/connect/contact-records.handler.ts); local mode does both.
 * S3 notifies asynchronously: a failure there is logged, never the caller's.
 */
async function storeContactRecord(contact: SimulatedContact, deps: CallDeps) {
  const now = deps.clock.now();
  const key = `contact-records/${now.toISOString().slice(0, 10).replace(/-/g, '/')}/local-${contact.contactId}`;
  deps.s3.put(
    CONTACT_RECORDS_BUCKET,
    key,
    Buffer.from(JSON.stringify(contactRecordOf(contact))),
    'application/octet-stream',
  );
  try {
    await deps.invoke(
      functionTriggeredBy('contactRecordStored'),
      s3Created(CONTACT_RECORDS_BUCKET, key, now),
    );
  } catch (error) {
    console.warn(`contactRecords failed for ${key}: ${(error as Error).message}`);
  }
}
