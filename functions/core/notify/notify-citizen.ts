import type { Case } from '../case/case.ts';
import { type Bilingual, NotFoundError, TransientError } from '../errors.ts';
import type { CaseStore, Clock, ContactCenter, ContactStore, Messenger, OutboundLedger } from '../ports.ts';
import { chooseDestination, type Destination } from './choose-channel.ts';
import { render, type TemplateContext, type TemplateName } from './templates.ts';

export type NotifyRequest = {
  reference: string;
  template: TemplateName;
  /** Our id for this message: the same id is never sent twice. */
  messageId: string;
  answer?: string;
};

export type NotifyDeps = {
  cases: CaseStore;
  contacts: ContactStore;
  outbound: OutboundLedger;
  messenger: Messenger;
  contactCenter: Pick<ContactCenter, 'requestCallback'>;
  clock: Clock;
  context: Pick<TemplateContext, 'municipality' | 'referencePrefix' | 'shortCode'>;
  departmentName(code: string): Bilingual | undefined;
};

export type NotifyResult = {
  status: 'sent' | 'already_sent' | 'unreachable';
  channel?: Destination['channel'];
};

/** Messages worth an agent's call when the citizen asked to be called back; notices go by text only. */
const ANSWERS: ReadonlySet<TemplateName> = new Set(['reply', 'resolved']);

/**
 * Renders a template in the citizen's language for the channel they prefer (or one they have), sends it
 * once, and records it on the case timeline. A failed send leaves a note for the agent and throws a
 * TransientError so the workflow retries with backoff.
 */
export async function notifyCitizen(req: NotifyRequest, deps: NotifyDeps): Promise<NotifyResult> {
  const found = await deps.cases.get(req.reference);
  if (!found) throw new NotFoundError({ ar: 'البلاغ غير موجود.', en: `Case ${req.reference} not found.` });
  const result = await sendTo(found, req, deps);
  if (req.template === 'resolved') await answerFollowers(found, req, deps);
  return result;
}

/**
 * The citizens of the duplicates merged into a resolved case get its answer too, each in their language on
 * their channel, under their own reference. Only cases that name this one in `mergedInto` count: a
 * follower whose merge never completed is skipped (functions/core/lifecycle/merge.ts). A retry after a
 * failure resends nothing already sent: every message has its own id.
 */
async function answerFollowers(primary: Case, req: NotifyRequest, deps: NotifyDeps) {
  for (const reference of primary.followers ?? []) {
    const follower = await deps.cases.get(reference);
    if (follower?.mergedInto !== primary.reference) continue;
    await sendTo(follower, { ...req, reference, messageId: `${req.messageId}-for-${reference}` }, deps);
  }
}

async function sendTo(found: Case, req: NotifyRequest, deps: NotifyDeps): Promise<NotifyResult> {
  const contact = await deps.contacts.get(found.contactId);
  const identities = contact?.identities ?? [];
  const callBack = ANSWERS.has(req.template);
  const destination = chooseDestination(found.replyChannel, identities, { callBack });
  const now = deps.clock.now();
  if (!destination) {
    await note(
      deps,
      found,
      req,
      now,
      'لا توجد وسيلة للتواصل مع المواطن.',
      'The citizen left no way to reach them.',
    );
    return { status: 'unreachable' };
  }
  if ((await deps.outbound.begin(req.messageId, now)) === 'already_sent') return { status: 'already_sent' };

  const departmentName = deps.departmentName(found.departmentCode);
  const renderFor = (d: Destination) =>
    render(
      req.template,
      {
        ...deps.context,
        case: found,
        ...(req.answer ? { answer: req.answer } : {}),
        ...(departmentName ? { departmentName } : {}),
      },
      found.language,
      d.channel,
    );
  let sentTo = destination;
  let rendered = renderFor(sentTo);
  let providerMessageId: string | undefined;
  try {
    if (sentTo.channel === 'voice') {
      providerMessageId = await deps.contactCenter.requestCallback({
        reference: found.reference,
        phone: sentTo.to,
        language: found.language,
        text: rendered.text,
        clientToken: req.messageId,
      });
      // No contact center to call from (not deployed yet): the best text channel the citizen has.
      const text = providerMessageId ? undefined : chooseDestination(found.replyChannel, identities);
      if (text) {
        sentTo = text;
        rendered = renderFor(sentTo);
      }
    }
    if (sentTo.channel !== 'voice') {
      ({ messageId: providerMessageId } = await deps.messenger.send(sentTo, rendered, {
        reference: found.reference,
      }));
    }
  } catch (error) {
    await note(
      deps,
      found,
      req,
      now,
      'تعذر إرسال الرسالة للمواطن، ستعاد المحاولة.',
      `Sending failed (${(error as Error).name}); retrying.`,
    );
    throw new TransientError({ ar: 'تعذر الإرسال.', en: 'Sending failed.' });
  }
  if (!providerMessageId) {
    await note(
      deps,
      found,
      req,
      now,
      'لا يمكن الاتصال بالمواطن.',
      'The citizen can only be called back, and no contact center is configured.',
    );
    return { status: 'unreachable' };
  }
  await deps.outbound.sent(req.messageId, providerMessageId);
  await deps.cases.appendEvents([
    {
      reference: found.reference,
      id: `out-${req.messageId}`,
      at: now.toISOString(),
      kind: 'message_out',
      actor: 'system',
      channel: sentTo.channel,
      text: rendered.text,
      data: {
        template: req.template,
        to: sentTo.to,
        // A call back is queued for an agent, not yet made.
        deliveryStatus: sentTo.channel === 'voice' ? 'callback_queued' : 'sent',
        providerMessageId,
      },
    },
  ]);
  return { status: 'sent', channel: sentTo.channel };
}

function note(deps: NotifyDeps, c: Case, req: NotifyRequest, now: Date, ar: string, en: string) {
  return deps.cases.appendEvents([
    {
      reference: c.reference,
      id: `note-${req.messageId}-${now.getTime()}`,
      at: now.toISOString(),
      kind: 'note',
      actor: 'system',
      text: `${ar} / ${en}`,
      data: { template: req.template },
    },
  ]);
}
