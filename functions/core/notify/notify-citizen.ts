import type { Case } from '../case/case.ts';
import { type Bilingual, NotFoundError, TransientError } from '../errors.ts';
import type { CaseStore, Clock, ContactStore, Messenger, OutboundLedger, SmsOptOuts } from '../ports.ts';
import { countSegments } from '../text/sms-segments.ts';
import { chooseDestination } from './choose-channel.ts';
import { smsCostDetails } from './send-sms.ts';
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
  /** Numbers that texted STOP: their notifications are recorded as suppressed, not sent. */
  optOuts: SmsOptOuts;
  clock: Clock;
  context: Pick<TemplateContext, 'municipality' | 'referencePrefix' | 'shortCode'>;
  departmentName(code: string): Bilingual | undefined;
};

export type NotifyResult = {
  status: 'sent' | 'already_sent' | 'unreachable' | 'suppressed';
  channel?: 'sms' | 'email';
};

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
  const optedOut = destination.channel === 'sms' && (await deps.optOuts.isOptedOut(destination.to));
  if (!optedOut && (await deps.outbound.begin(req.messageId, now)) === 'already_sent') {
    return { status: 'already_sent' };
  }

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
  // Segments are what an SMS costs; the ledger and the timeline keep them for cost statistics.
  const cost = destination.channel === 'sms' ? smsCostDetails(countSegments(rendered.text)) : {};
  const event = {
    reference: found.reference,
    id: `out-${req.messageId}`,
    at: now.toISOString(),
    kind: 'message_out',
    actor: 'system',
    channel: destination.channel,
    text: rendered.text,
  } as const;
  if (optedOut) {
    // The citizen texted STOP: nothing is sent, and the agent sees what was held back and why.
    const data = { template: req.template, to: destination.to, deliveryStatus: 'suppressed', ...cost };
    await deps.cases.appendEvents([{ ...event, data: { ...data, reason: 'sms_opt_out' } }]);
    return { status: 'suppressed', channel: 'sms' };
  }
  let providerMessageId: string;
  try {
    ({ messageId: providerMessageId } = await deps.messenger.send(destination, rendered, {
      reference: found.reference,
    }));
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
  await deps.outbound.sent(req.messageId, providerMessageId, cost);
  await deps.cases.appendEvents([
    {
      ...event,
      data: {
        template: req.template,
        to: destination.to,
        deliveryStatus: 'sent',
        providerMessageId,
        ...cost,
      },
    },
  ]);
  return { status: 'sent', channel: destination.channel };
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
