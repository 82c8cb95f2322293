import type { Case } from '../case/case.ts';
import { plusAddress, subjectWithReference, threadHeaders } from '../channels/email-thread.ts';
import { type Bilingual, NotFoundError, TransientError } from '../errors.ts';
import type {
  CaseStore,
  Clock,
  ContactStore,
  MailLog,
  Messenger,
  OutboundLedger,
  OutgoingAttachment,
  SendOptions,
  SuppressionList,
} from '../ports.ts';
import { chooseDestination, type Destination } from './choose-channel.ts';
import { type Rendered, render, type TemplateContext, type TemplateName } from './templates.ts';

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
  clock: Clock;
  context: Pick<TemplateContext, 'municipality' | 'referencePrefix' | 'shortCode'>;
  departmentName(code: string): Bilingual | undefined;
  /** E-mail threading, the suppression list and our sending address (config.email.from). */
  mail: { log: MailLog; suppressions: SuppressionList; from: string };
  /** Renders the PDF letter a fax reply carries (the fax gateway turns the attachment into the fax). */
  faxLetter?(c: Case, rendered: Rendered): Promise<OutgoingAttachment>;
};

export type NotifyResult = {
  status: 'sent' | 'already_sent' | 'unreachable' | 'suppressed';
  channel?: Destination['channel'];
};

/** Templates a person writes through (an agent's reply or resolution) are not marked automatic. */
const WRITTEN_BY_STAFF = new Set(['reply', 'resolved']);

/**
 * Renders a template in the citizen's language for the channel they prefer (or one they have), sends it
 * once, and records it on the case timeline. A failed send leaves a note for the agent and throws a
 * TransientError so the workflow retries with backoff.
 */
export async function notifyCitizen(req: NotifyRequest, deps: NotifyDeps): Promise<NotifyResult> {
  const found = await deps.cases.get(req.reference);
  if (!found) throw new NotFoundError({ ar: 'البلاغ غير موجود.', en: `Case ${req.reference} not found.` });
  const contact = await deps.contacts.get(found.contactId);
  const destination = chooseDestination(found.replyChannel, contact?.identities ?? []);
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
  if (destination.channel !== 'sms' && (await deps.mail.suppressions.isSuppressed(destination.to))) {
    await note(
      deps,
      found,
      req,
      now,
      'لم يُرسل البريد: العنوان مرفوض سابقاً (ارتداد دائم أو شكوى).',
      `Not sent: ${destination.to} is suppressed after a permanent bounce or complaint.`,
    );
    return { status: 'suppressed', channel: destination.channel };
  }
  if ((await deps.outbound.begin(req.messageId, now)) === 'already_sent') return { status: 'already_sent' };

  const rendered = render(
    req.template,
    {
      ...deps.context,
      case: found,
      ...(req.answer ? { answer: req.answer } : {}),
      ...(deps.departmentName(found.departmentCode)
        ? { departmentName: deps.departmentName(found.departmentCode) }
        : {}),
    },
    found.language,
    destination.channel,
  );
  let providerMessageId: string;
  let messageIdHeader: string | undefined;
  const eventId = `out-${req.messageId}`;
  try {
    const options = await sendOptions(found, req, rendered, destination, deps);
    const message =
      destination.channel === 'sms'
        ? rendered
        : {
            ...rendered,
            subject: subjectWithReference(
              rendered.subject ?? deps.context.municipality[found.language],
              found.reference,
              deps.context.referencePrefix,
            ),
          };
    ({ messageId: providerMessageId, messageIdHeader } = await deps.messenger.send(
      destination,
      message,
      options,
    ));
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
  await deps.outbound.sent(req.messageId, providerMessageId);
  if (destination.channel !== 'sms') {
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
      reference: found.reference,
      id: eventId,
      at: now.toISOString(),
      kind: 'message_out',
      actor: 'system',
      channel: destination.channel,
      text: rendered.text,
      data: {
        template: req.template,
        to: destination.to,
        deliveryStatus: 'sent',
        providerMessageId,
        ...(messageIdHeader ? { messageIdHeader } : {}),
      },
    },
  ]);
  return { status: 'sent', channel: destination.channel };
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
  const base = { reference: found.reference, automatic: !WRITTEN_BY_STAFF.has(req.template) };
  if (destination.channel === 'sms') return { reference: found.reference };
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
