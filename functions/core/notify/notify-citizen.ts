import type { Case } from '../case/case.ts';
import { plusAddress, subjectWithReference, threadHeaders } from '../channels/email-thread.ts';
import { isOmaniMobile } from '../contact/phone.ts';
import { type Bilingual, NotFoundError, TransientError } from '../errors.ts';
import { faxGatewayAddress } from '../fax/gateway.ts';
import type {
  CaseStore,
  ContactCenter,
  ContactStore,
  MailLog,
  OutgoingAttachment,
  SendOptions,
  SuppressionList,
} from '../ports.ts';
import { chooseDestination, type Destination } from './choose-channel.ts';
import { deliver, type SendingDeps } from './deliver.ts';
import { type Rendered, render, type TemplateContext, type TemplateName } from './templates.ts';

export type NotifyRequest = {
  reference: string;
  template: TemplateName;
  /** Our id for this message: the same id is never sent twice. */
  messageId: string;
  answer?: string;
};

/** The one outbound path's needs (ledger, senders, STOP list), and what a case's notice needs besides. */
export type NotifyDeps = Pick<SendingDeps, 'outbound' | 'messenger' | 'optOuts' | 'clock'> & {
  cases: CaseStore;
  contacts: ContactStore;
  /** Queues call backs (docs/decisions/0017) where a contact center is configured. */
  contactCenter: Pick<ContactCenter, 'canCallBack' | 'requestCallback'>;
  context: Pick<TemplateContext, 'municipality' | 'referencePrefix' | 'shortCode' | 'hotline'> & {
    /** The case's tracking link, where the stage has a portal (docs/decisions/0086). */
    trackingLinkFor?(reference: string): string | undefined;
    /** The one-tap rating page of the case's latest answer (docs/decisions/0114). */
    ratingLinkFor?(reference: string): string | undefined;
  };
  departmentName(code: string): Bilingual | undefined;
  /**
   * E-mail threading, the suppression list, our sending address (config.email.from) and the fax gateway's
   * address template (config.fax.sendTo), under which a fax number's bounces are suppressed.
   */
  mail: { log: MailLog; suppressions: SuppressionList; from: string; faxSendTo?: string };
  /** Renders the PDF letter a fax reply carries (the fax gateway turns the attachment into the fax). */
  faxLetter?(c: Case, rendered: Rendered): Promise<OutgoingAttachment>;
};

export type NotifyResult = {
  status: 'sent' | 'already_sent' | 'unreachable' | 'suppressed';
  channel?: Destination['channel'];
};

/**
 * Answers a person wrote (an agent's reply, the resolution): worth an agent's call back when the citizen
 * asked for one, and not marked as automatic mail. Every other template is a notice.
 */
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
  // Merges chain (A into B, then B into C): C's answer reaches B's followers too. Each follower on its
  // own: one that fails does not keep the answer from the others; the step fails once, at the end.
  const visited = new Set([primary.reference]);
  const queue = [primary];
  let failure: unknown;
  for (let next = queue.shift(); next; next = queue.shift()) {
    for (const reference of next.followers ?? []) {
      if (visited.has(reference)) continue;
      visited.add(reference);
      const follower = await deps.cases.get(reference);
      if (follower?.mergedInto !== next.reference) continue;
      queue.push(follower);
      try {
        await sendTo(follower, { ...req, reference, messageId: `${req.messageId}-for-${reference}` }, deps);
      } catch (error) {
        failure ??= error;
      }
    }
  }
  if (failure) throw failure;
}

async function sendTo(found: Case, req: NotifyRequest, deps: NotifyDeps): Promise<NotifyResult> {
  const contact = await deps.contacts.get(found.contactId);
  const callBack = ANSWERS.has(req.template) && deps.contactCenter.canCallBack;
  const destination = chooseDestination(found.replyChannel, contact?.identities ?? [], { callBack });
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
  // A fax is an e-mail to the gateway: SES reports its bounces under the gateway address.
  const mailedTo =
    destination.channel === 'fax' && deps.mail.faxSendTo
      ? faxGatewayAddress(deps.mail.faxSendTo, destination.to)
      : destination.to;

  const departmentName = deps.departmentName(found.departmentCode);
  const { trackingLinkFor, ratingLinkFor, ...context } = deps.context;
  const trackingLink = trackingLinkFor?.(found.reference);
  // Whether the answer asks for a rating, and how, is decided here, once: a digit sent back by SMS, a
  // one-tap link by e-mail (a fax or a call cannot follow a link); the template words what it is given.
  const ratingLink =
    req.template === 'resolved' && destination.channel === 'email'
      ? ratingLinkFor?.(found.reference)
      : undefined;
  const rendered = render(
    req.template,
    {
      ...context,
      // Only ways that work for this citizen are named (docs/decisions/0085).
      textsUs: (contact?.identities ?? []).some((i) => i.kind === 'phone' && isOmaniMobile(i.value)),
      ...(trackingLink ? { trackingLink } : {}),
      ...(req.template === 'resolved' && destination.channel === 'sms' ? { rateByReply: true } : {}),
      ...(ratingLink ? { ratingLink } : {}),
      case: found,
      ...(req.answer ? { answer: req.answer } : {}),
      ...(departmentName ? { departmentName } : {}),
    },
    found.language,
    destination.channel,
  );
  const message =
    destination.channel === 'sms' || destination.channel === 'voice'
      ? rendered
      : {
          ...rendered,
          subject: subjectWithReference(
            rendered.subject ?? deps.context.municipality[found.language],
            found.reference,
            deps.context.referencePrefix,
          ),
        };
  const result = await deliver(
    {
      messageId: req.messageId,
      to: destination,
      message,
      // Built only when the message really goes (a fax's PDF letter is not free).
      options: () => sendOptions(found, req, rendered, destination, deps),
      suppressionAddress: mailedTo,
      language: found.language,
    },
    { ...deps, suppressions: deps.mail.suppressions },
  );
  const eventId = `out-${req.messageId}`;
  const event = {
    reference: found.reference,
    id: eventId,
    // The first attempt's time when it got that far: every attempt writes the same event.
    at: 'since' in result ? result.since : now.toISOString(),
    kind: 'message_out',
    actor: 'system',
    channel: destination.channel,
    text: rendered.text,
  } as const;
  switch (result.status) {
    case 'in_progress':
      // Another attempt is sending it right now: the workflow's retry finds it sent.
      throw new TransientError({ ar: 'الرسالة قيد الإرسال.', en: 'The message is being sent.' });
    case 'suppressed':
      if (result.reason === 'sms_opt_out') {
        // The citizen texted STOP: nothing is sent, and the agent sees what was held back and why.
        const data = {
          template: req.template,
          to: destination.to,
          deliveryStatus: 'suppressed',
          reason: 'sms_opt_out',
          ...result.cost,
        };
        await deps.cases.appendEvents([{ ...event, data }]);
      } else {
        await note(
          deps,
          found,
          req,
          now,
          'لم يُرسل البريد: العنوان مرفوض سابقاً (ارتداد دائم أو شكوى).',
          `Not sent: ${mailedTo} is suppressed after a permanent bounce or complaint.`,
          { channel: destination.channel, deliveryStatus: 'suppressed', reason: 'address_suppressed' },
        );
      }
      return { status: 'suppressed', channel: destination.channel };
    case 'failed':
      await note(
        deps,
        found,
        req,
        now,
        'تعذر إرسال الرسالة للمواطن، ستعاد المحاولة.',
        `Sending failed (${result.error.name}); retrying.`,
        // Each failed attempt is a fact of the delivery figures (functions/core/analytics/records.ts).
        { channel: destination.channel, deliveryStatus: 'failed', reason: result.error.name || 'Error' },
      );
      throw new TransientError({ ar: 'تعذر الإرسال.', en: 'Sending failed.' });
  }
  // Sent now, or by an attempt that died before recording it: recorded (again) with the same keys.
  const { providerMessageId, messageIdHeader } = result;
  if (destination.channel === 'email' || destination.channel === 'fax') {
    await deps.mail.log.recordSent({
      sesMessageId: providerMessageId,
      reference: found.reference,
      eventId,
      to: destination.to,
      sentAt: now.toISOString(),
    });
    if (messageIdHeader && destination.channel === 'email') {
      await deps.mail.log.addToThread(found.reference, messageIdHeader);
    }
  }
  await deps.cases.appendEvents([
    {
      ...event,
      data: {
        template: req.template,
        to: destination.to,
        // A call back is queued for an agent, not yet made.
        deliveryStatus: destination.channel === 'voice' ? 'callback_queued' : 'sent',
        providerMessageId,
        ...(messageIdHeader ? { messageIdHeader } : {}),
        ...result.cost,
        // The agent sees where a crash may have made the citizen receive it twice.
        ...(result.status === 'sent' && result.afterUnknownAttempt ? { possibleDuplicate: true } : {}),
      },
    },
  ]);
  return result.status === 'sent'
    ? { status: 'sent', channel: destination.channel }
    : { status: 'already_sent' };
}

/**
 * E-mail answers the case's thread (In-Reply-To, References) and carries the case's plus-address as
 * Reply-To; a fax reply carries its PDF letter. SMS needs nothing of this.
 */
async function sendOptions(
  found: Case,
  req: NotifyRequest,
  rendered: Rendered,
  destination: Destination,
  deps: NotifyDeps,
): Promise<SendOptions> {
  const base = { reference: found.reference, automatic: !ANSWERS.has(req.template) };
  if (destination.channel === 'sms' || destination.channel === 'voice') return { reference: found.reference };
  if (destination.channel === 'fax') {
    if (!deps.faxLetter) throw new Error('No fax letter renderer configured');
    return { ...base, attachments: [await deps.faxLetter(found, rendered)] };
  }
  const thread = threadHeaders(await deps.mail.log.thread(found.reference));
  return {
    ...base,
    replyTo: plusAddress(deps.mail.from, found.reference, deps.context.referencePrefix),
    ...thread,
  };
}

function note(
  deps: NotifyDeps,
  c: Case,
  req: NotifyRequest,
  now: Date,
  ar: string,
  en: string,
  delivery?: { channel: string; deliveryStatus: 'failed' | 'suppressed'; reason: string },
) {
  return deps.cases.appendEvents([
    {
      reference: c.reference,
      id: `note-${req.messageId}-${now.getTime()}`,
      at: now.toISOString(),
      kind: 'note',
      actor: 'system',
      text: `${ar} / ${en}`,
      data: { template: req.template, ...delivery },
    },
  ]);
}
