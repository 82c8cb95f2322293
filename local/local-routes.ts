import type { ServerResponse } from 'node:http';
import type { SESEvent, SNSEvent } from 'aws-lambda';
import PostalMime, { type Address, type Email } from 'postal-mime';
import type { FlowCustomization } from '../contact-flows/customize.ts';
import { twoWaySms } from '../functions/core/channels/two-way-sms.ts';
import { normalizePhone } from '../functions/core/contact/phone.ts';
import { type Bilingual, NotFoundError, ValidationError } from '../functions/core/errors.ts';
import { problem as problemDetails } from '../functions/shared/http.ts';
import { functionsTriggeredBy, functionTriggeredBy } from '../lib/function-catalog.ts';
import type { InvokeFunction } from './api-gateway.ts';
import { deliverContactEvent } from './connect-events.ts';
import type { FakeS3 } from './fake-aws/index.ts';
import { CHAT_TRANSCRIPT_BUCKET, serveCallRoute } from './ivr/calls.ts';
import { DEMO_USERS, type LocalIssuer } from './local-auth.ts';
import { receivedMailNotification, type SendingEventInput, sendingEvent, snsEvent } from './mail-events.ts';
import type { Outbox } from './outbox.ts';

export type LocalRouteDeps = {
  invoke: InvokeFunction;
  outbox: Outbox;
  issuer: LocalIssuer;
  clock: { now(): Date; advance(minutes: number): void; setTo(at: Date): boolean };
  /** `POST /_local/replay`: one historical row through intake at its own time (local/replay). */
  replay?: (input: Record<string, unknown>) => Promise<{ status: 200 | 400; body: unknown }>;
  shortCode: string;
  /** Where received mail is stored, as SES's S3 action would (bucket + prefix + SES message id). */
  rawMail: { store: FakeS3; bucket: string; prefix: string; domain: string; from: string };
  /** The stage's flows as deployed: prompts' wording, voices, Contact Lens (cdk.json `contactCenter`). */
  flows?: FlowCustomization;
  /** Where Contact Lens's (synthetic) analyses are written: given only when the stage has Contact Lens on. */
  analyses?: { store: FakeS3; bucket: string };
};

const reply = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
};

/** Bad input to a local route gets the API's own problem details (RFC 9457, both languages). */
const problem = (res: ServerResponse, status: 400 | 404, messages: Bilingual) => {
  const error = status === 404 ? new NotFoundError(messages) : new ValidationError(messages);
  const out = problemDetails(error, 'ar', crypto.randomUUID());
  res.writeHead(out.statusCode ?? status, out.headers as Record<string, string>);
  res.end(out.body);
};

/** A JSON object body; no body at all is `{}` (e.g. `POST /_local/calls/{id}/end-chat` needs none). */
function parseJson(body: Buffer): Record<string, unknown> | undefined {
  if (body.toString('utf8').trim() === '') return {};
  try {
    const value = JSON.parse(body.toString('utf8')) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The SNS → Lambda event AWS delivers for one inbound two-way SMS. */
export function twoWaySmsEvent(from: string, to: string, text: string, at: Date): SNSEvent {
  const message = twoWaySms({ from, to, text, inboundMessageId: crypto.randomUUID() });
  return snsEvent('arn:aws:sns:me-central-1:000000000000:nidaa-inbound-sms', message, at);
}

/** An id shaped like SES's (40 lower-case letters and digits), new for every message. */
export function sesMessageId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(crypto.getRandomValues(new Uint8Array(40)), (b) => alphabet[b % alphabet.length]).join(
    '',
  );
}

const mailboxes = (addresses: Address[] | undefined): string[] =>
  (addresses ?? []).flatMap((a) => (a.group ? a.group.map((m) => m.address) : [a.address]));

/**
 * The record SES's Lambda action delivers for a received message: SES's own headers first, then the
 * message's; common headers; the verdicts; and the action (Lambda, Event). No body: it is in S3.
 */
export function sesReceiptEvent(email: Email, messageId: string, recipients: string[], at: Date): SESEvent {
  const header = (key: string) => email.headers.find((h) => h.key === key)?.value;
  const from = header('from') ?? '';
  const returnPath = /<([^<>]*)>/.exec(header('return-path') ?? '')?.[1] ?? email.from?.address ?? '';
  const timestamp = at.toISOString();
  const list = (key: string) => {
    const value = header(key);
    return value ? { [key]: [value] } : {};
  };
  return {
    Records: [
      {
        eventSource: 'aws:ses',
        eventVersion: '1.0',
        ses: {
          mail: {
            timestamp,
            source: returnPath,
            messageId,
            destination: recipients,
            headersTruncated: false,
            headers: [
              { name: 'Return-Path', value: `<${returnPath}>` },
              {
                name: 'Received',
                value: `from local by inbound-smtp.local with SMTP id ${messageId} for ${recipients.join(', ')}; ${at.toUTCString()}`,
              },
              { name: 'X-SES-Spam-Verdict', value: 'PASS' },
              { name: 'X-SES-Virus-Verdict', value: 'PASS' },
              ...email.headers
                .filter((h) => h.key !== 'return-path')
                .map((h) => ({ name: h.originalKey, value: h.value })),
            ],
            commonHeaders: {
              returnPath,
              from: [from],
              date: header('date') ?? at.toUTCString(),
              ...list('to'),
              ...list('cc'),
              messageId: header('message-id') ?? `<${messageId}@local>`,
              subject: email.subject ?? '',
            },
          },
          receipt: {
            timestamp,
            processingTimeMillis: 1,
            recipients,
            spamVerdict: { status: 'PASS' },
            virusVerdict: { status: 'PASS' },
            spfVerdict: { status: 'PASS' },
            dkimVerdict: { status: 'PASS' },
            dmarcVerdict: { status: 'GRAY' },
            action: {
              type: 'Lambda',
              functionArn: 'arn:aws:lambda:me-central-1:000000000000:function:nidaa-local-emailInbound',
              invocationType: 'Event',
            },
          },
        },
      },
    ],
  };
}

/**
 * `POST /_local/email`: the body is a raw MIME message, as SES stores it. It is kept in local S3 under a
 * new SES-style message id and emailInbound gets the receipt event, like the deployed receipt rule does.
 */
async function receiveMail(body: Buffer, res: ServerResponse, deps: LocalRouteDeps) {
  const unreadable = {
    ar: 'نص الطلب ليس رسالة بريد إلكتروني صالحة (MIME) فيها مرسل (From).',
    en: 'The request body is not a MIME e-mail message with a From address.',
  };
  if (body.length === 0) return problem(res, 400, unreadable);
  let email: Email;
  try {
    email = await PostalMime.parse(body);
  } catch {
    return problem(res, 400, unreadable);
  }
  const sender = email.from?.group ? email.from.group[0]?.address : email.from?.address;
  if (!sender || !/^[^\s@]+@[^\s@]+$/.test(sender)) return problem(res, 400, unreadable);

  const messageId = sesMessageId();
  const addressed = [...mailboxes(email.to), ...mailboxes(email.cc)];
  const ours = addressed.filter((a) => a.toLowerCase().endsWith(`@${deps.rawMail.domain}`));
  const recipients = ours.length > 0 ? ours : addressed;
  deps.rawMail.store.put(deps.rawMail.bucket, `${deps.rawMail.prefix}${messageId}`, body, 'message/rfc822');
  // As deployed (docs/decisions/0046): the S3 action's notification on the mail stack's topic.
  const receipt = sesReceiptEvent(email, messageId, recipients, deps.clock.now());
  // Delivered where SES receives: the mail relay, which hands it to emailInbound in the case-data region.
  await deps.invoke(
    functionTriggeredBy('mailReceived'),
    receivedMailNotification(receipt, deps.rawMail, deps.clock.now()),
  );
  return reply(res, 202, { messageId });
}

function sendingEventInput(input: Record<string, unknown>): SendingEventInput | undefined {
  const { messageId, eventType, recipient, bounceType } = input;
  if (typeof messageId !== 'string' || !/^[A-Za-z0-9-]{1,200}$/.test(messageId)) return undefined;
  if (eventType !== 'Delivery' && eventType !== 'Bounce' && eventType !== 'Complaint') return undefined;
  if (typeof recipient !== 'string' || !recipient.includes('@')) return undefined;
  if (bounceType !== undefined && bounceType !== 'Permanent' && bounceType !== 'Transient') return undefined;
  return { messageId, eventType, recipient, ...(bounceType ? { bounceType } : {}) };
}

/**
 * `POST /_local/clock {"to": ISO time}`: local time jumps to that moment (a replay follows its rows), and
 * timers due by then fire. Never backwards: a timer already fired or a record already written stays in
 * order, so an earlier moment is refused.
 */
function setClock(res: ServerResponse, to: unknown, deps: LocalRouteDeps) {
  const at = typeof to === 'string' && /^\d{4}-\d\d-\d\dT/.test(to) ? new Date(to) : undefined;
  if (!at || Number.isNaN(at.getTime()))
    return problem(res, 400, {
      ar: 'to يجب أن يكون وقتاً بصيغة ISO 8601.',
      en: 'to must be an ISO 8601 time.',
    });
  if (!deps.clock.setTo(at))
    return problem(res, 400, {
      ar: `لا تعود الساعة المحلية إلى الوراء: الوقت الآن ${deps.clock.now().toISOString()}.`,
      en: `The local clock does not go backwards: it is already ${deps.clock.now().toISOString()}.`,
    });
  return reply(res, 200, { now: deps.clock.now().toISOString() });
}

/**
 * `/_local/*`: stand-ins for what AWS would deliver (an SMS, an e-mail, a moving clock, a Cognito token)
 * and a view of what was sent. They exist only in local mode; the deployed stack has no such routes.
 */
export async function serveLocalRoute(
  method: string,
  pathname: string,
  body: Buffer,
  res: ServerResponse,
  deps: LocalRouteDeps,
) {
  const route = `${method} ${pathname}`;
  if (route === 'GET /_local/outbox') return reply(res, 200, await deps.outbox.list());
  if (route === 'GET /_local/users') return reply(res, 200, DEMO_USERS);
  // Raw MIME, not JSON, whatever the content-type says.
  if (route === 'POST /_local/email') return receiveMail(body, res, deps);

  const input = parseJson(body);
  if (method === 'POST' && !input) {
    return problem(res, 400, { ar: 'نص الطلب ليس JSON صالحاً.', en: 'The request body is not valid JSON.' });
  }
  if (pathname.startsWith('/_local/calls')) {
    // Simulated hotline calls and chats (local/ivr): the same flows and Lambda Connect would run.
    const outcome = await serveCallRoute(method, pathname, input ?? {}, {
      ...deps,
      s3: deps.rawMail.store,
      transcriptsBucket: CHAT_TRANSCRIPT_BUCKET,
    });
    return 'problem' in outcome
      ? problem(res, outcome.status, outcome.problem)
      : reply(res, outcome.status, outcome.body);
  }
  switch (route) {
    case 'POST /_local/sms': {
      const from = normalizePhone(String(input?.from ?? ''));
      const text = String(input?.text ?? '');
      if (!from.ok)
        return problem(res, 400, { ar: 'رقم المرسل غير صحيح.', en: 'The sender number is not valid.' });
      if (!text.trim() || text.length > 1600) {
        return problem(res, 400, {
          ar: 'نص الرسالة فارغ أو طويل جداً.',
          en: 'The message text is empty or too long.',
        });
      }
      const event = twoWaySmsEvent(from.e164, String(input?.to ?? deps.shortCode), text, deps.clock.now());
      await deps.invoke(functionTriggeredBy('smsReceived'), event);
      return reply(res, 202, {
        inboundMessageId: JSON.parse(event.Records[0]?.Sns.Message ?? '{}').inboundMessageId,
      });
    }
    case 'POST /_local/clock': {
      if (input?.to !== undefined) return setClock(res, input.to, deps);
      const minutes = Number(input?.advanceMinutes);
      if (!Number.isFinite(minutes) || minutes <= 0 || minutes > 60 * 24 * 60) {
        return problem(res, 400, {
          ar: 'advanceMinutes يجب أن يكون عدداً موجباً.',
          en: 'advanceMinutes must be a positive number.',
        });
      }
      deps.clock.advance(minutes);
      return reply(res, 200, { now: deps.clock.now().toISOString() });
    }
    case 'POST /_local/replay': {
      if (!deps.replay)
        return problem(res, 404, { ar: 'مسار محلي غير معروف.', en: `Unknown local route ${route}.` });
      const outcome = await deps.replay(input ?? {});
      return outcome.status === 400
        ? problem(res, 400, outcome.body as Bilingual)
        : reply(res, 200, outcome.body);
    }
    case 'POST /_local/connect-event': {
      // What an agent did to a task in the Connect agent workspace, as the contact event AWS publishes.
      const outcome = await deliverContactEvent(input ?? {}, deps);
      return 'problem' in outcome ? problem(res, 400, outcome.problem) : reply(res, 202, outcome.body);
    }
    case 'POST /_local/ses-event': {
      // What SES reports about a message we sent (delivered, bounced, complained), as the configuration set's event.
      const event = sendingEventInput(input ?? {});
      if (!event) {
        return problem(res, 400, {
          ar: 'أرسلوا messageId (من صندوق الصادر) و eventType (Delivery أو Bounce أو Complaint) و recipient.',
          en: 'Send messageId (from the outbox), eventType (Delivery, Bounce or Complaint) and recipient.',
        });
      }
      await deps.invoke(
        functionTriggeredBy('mailSendingEvents'),
        sendingEvent(event, deps.rawMail.from, deps.clock.now()),
      );
      return reply(res, 202, { messageId: event.messageId });
    }
    case 'POST /_local/monthly-report': {
      // What EventBridge Scheduler does on the first of the month, on demand: `{}` for the month just
      // ended (local clock), or `{"month": "2026-02"}`. The mail lands in the outbox with its attachments.
      const month = input?.month;
      if (month !== undefined && (typeof month !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month))) {
        return problem(res, 400, {
          ar: 'month يجب أن يكون شهراً بالصيغة YYYY-MM، مثل 2026-02.',
          en: 'month must be a month as YYYY-MM, such as 2026-02.',
        });
      }
      const monthly = functionsTriggeredBy('monthlySchedule');
      const results: Record<string, unknown> = {};
      for (const name of monthly) results[name] = await deps.invoke(name, month ? { month } : {});
      return reply(res, 200, results);
    }
    case 'POST /_local/token': {
      const user = DEMO_USERS.find((u) => u.username === input?.username);
      if (!user)
        return problem(res, 404, {
          ar: 'لا يوجد مستخدم تجريبي بهذا الاسم.',
          en: 'No demo user has that username.',
        });
      return reply(res, 200, { token: deps.issuer.sign(user, deps.clock.now()), user });
    }
    default:
      return problem(res, 404, { ar: 'مسار محلي غير معروف.', en: `Unknown local route ${route}.` });
  }
}
