import type { ServerResponse } from 'node:http';
import type { SNSEvent } from 'aws-lambda';
import { normalizePhone } from '../../functions/core/contact/phone.ts';
import type { Bilingual } from '../../functions/core/errors.ts';
import type { InvokeFunction } from './api-gateway.ts';
import { DEMO_USERS, type LocalIssuer } from './local-auth.ts';
import type { Outbox } from './outbox.ts';

export type LocalRouteDeps = {
  invoke: InvokeFunction;
  outbox: Outbox;
  issuer: LocalIssuer;
  clock: { now(): Date; advance(minutes: number): void };
  shortCode: string;
};

const reply = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
};

/** Bad input to a local route gets the same bilingual shape as the API's problem details. */
const problem = (res: ServerResponse, status: number, messages: Bilingual) =>
  reply(res, status, { title: messages.ar, status, messages });

function parseJson(body: Buffer): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(body.toString('utf8')) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The SNS → Lambda event AWS delivers for one inbound two-way SMS. */
export function twoWaySmsEvent(from: string, to: string, text: string, at: Date): SNSEvent {
  const inboundMessageId = crypto.randomUUID();
  const message = {
    originationNumber: from,
    destinationNumber: to,
    messageKeyword: text.split(/\s+/)[0] ?? '',
    messageBody: text,
    inboundMessageId,
  };
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: 'arn:aws:sns:me-central-1:000000000000:nidaa-inbound-sms:local',
        Sns: {
          Type: 'Notification',
          MessageId: crypto.randomUUID(),
          TopicArn: 'arn:aws:sns:me-central-1:000000000000:nidaa-inbound-sms',
          Subject: '',
          Message: JSON.stringify(message),
          Timestamp: at.toISOString(),
          SignatureVersion: '1',
          Signature: 'local',
          SigningCertUrl: 'https://local.invalid/cert.pem',
          UnsubscribeUrl: 'https://local.invalid/unsubscribe',
          MessageAttributes: {},
        },
      },
    ],
  };
}

/**
 * `/_local/*`: stand-ins for what AWS would deliver (an SMS, a moving clock, a Cognito token) and a view
 * of what was sent. They exist only in local mode; the deployed stack has no such routes.
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

  const input = parseJson(body);
  if (method === 'POST' && !input) {
    return problem(res, 400, { ar: 'نص الطلب ليس JSON صالحاً.', en: 'The request body is not valid JSON.' });
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
      await deps.invoke('smsInbound', event);
      return reply(res, 202, {
        inboundMessageId: JSON.parse(event.Records[0]?.Sns.Message ?? '{}').inboundMessageId,
      });
    }
    case 'POST /_local/clock': {
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
