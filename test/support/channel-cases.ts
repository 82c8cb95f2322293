import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import { DynamoInboundStore } from '../../functions/adapters/dynamodb/inbound-repository.ts';
import type { Channel } from '../../functions/core/case/case.ts';
import type { Inbound } from '../../functions/core/intake/inbound.ts';
import type { LocalStack } from '../../local/local-stack.ts';
import { hotlineClient } from './hotline-client.ts';
import { eventually, localClient, referenceIn } from './local-client.ts';

/**
 * A case of each channel, made in local mode the way that channel makes it: an SMS to the short code, a
 * web form, an e-mail and a fax (raw MIME through local SES), a hotline complaint and a chat complaint
 * (the flow simulator). Each returns the reference and the words the citizen used.
 */
export type ChannelCase = { reference: string; text: string };

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/**
 * A citizen's e-mail as SES stores it: CRLF lines, encoded words for Arabic headers (the sender's name,
 * the subject), a base64 UTF-8 body; `extra` headers (threading, Auto-Submitted…) go before the MIME ones.
 */
export function citizenMail(from: string, subject: string, body: string, extra: string[] = []): string {
  return [
    `From: =?UTF-8?B?${b64('مواطن')}?= <${from}>`,
    'To: nidaa@nidaa-dev.example.om',
    `Subject: =?UTF-8?B?${b64(subject)}?=`,
    'Date: Mon, 2 Mar 2026 08:00:00 +0400',
    `Message-ID: <${crypto.randomUUID()}@example.om>`,
    ...extra,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    b64(body),
  ].join('\r\n');
}

/** A fax as the dev stage's gateway (fax.example.om) mails it: the sender's number in the subject, a PDF page. */
export function gatewayFax(number: string): string {
  const boundary = 'fax-boundary';
  const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n', 'latin1');
  return [
    'From: Fax Gateway <fax@fax.example.om>',
    'To: nidaa@nidaa-dev.example.om',
    `Subject: Fax from ${number} (1 page)`,
    `Message-ID: <${crypto.randomUUID()}@fax.example.om>`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=UTF-8',
    '',
    'You have received a 1-page fax.',
    `--${boundary}`,
    'Content-Type: application/pdf; name="fax.pdf"',
    'Content-Disposition: attachment; filename="fax.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    pdf.toString('base64'),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

const MCT_REFERENCE = /MCT-(\d{9,12})/;

export function channelCases(stack: () => LocalStack) {
  const { post, get, outbox, as } = localClient(stack);
  const { call, chat, keys, endChat, moveClockUntil } = hotlineClient(stack);
  const sentTo = async (to: string) => (await outbox()).filter((e) => e.to === to);

  return {
    async sms(from: string, text: string): Promise<ChannelCase> {
      expect((await post('/_local/sms', { from, text })).ok).toBe(true);
      const reference = await eventually(async () => {
        const ref = referenceIn((await sentTo(from)).at(-1)?.text);
        expect(ref).toBeDefined();
        return ref as string;
      });
      return { reference, text };
    },

    /** A web request; `body` adds to (or replaces) the citizen's contact, place, reply channel… */
    async web(key: string, text: string, body: Record<string, unknown> = {}): Promise<ChannelCase> {
      const res = await post(
        '/v1/requests',
        { text, categoryCode: 'pothole', ...body },
        { 'idempotency-key': key },
      );
      expect(res.status).toBe(201);
      return { reference: ((await res.json()) as { reference: string }).reference, text };
    },

    async email(address: string, subject: string, text: string): Promise<ChannelCase> {
      const res = await fetch(`${stack().url}/_local/email`, {
        method: 'POST',
        headers: { 'content-type': 'message/rfc822' },
        body: citizenMail(address, subject, text),
      });
      expect(res.status).toBe(202);
      const reference = await eventually(async () => {
        const ref = MCT_REFERENCE.exec((await sentTo(address)).at(-1)?.subject ?? '')?.[1];
        expect(ref).toBeDefined();
        return ref as string;
      });
      return { reference, text };
    },

    /** `number` as the gateway writes it (`+968 24 700123`); the answer goes to <digits>@fax.example.om. */
    async fax(number: string): Promise<ChannelCase> {
      const res = await fetch(`${stack().url}/_local/email`, {
        method: 'POST',
        headers: { 'content-type': 'message/rfc822' },
        body: gatewayFax(number),
      });
      expect(res.status).toBe(202);
      const reference = await eventually(async () => {
        const letter = (await sentTo(`${number.replace(/\D/g, '')}@fax.example.om`)).at(-1);
        const ref = MCT_REFERENCE.exec(letter?.subject ?? '')?.[1];
        expect(ref).toBeDefined();
        return ref as string;
      });
      return { reference, text: 'You have received a 1-page fax.' };
    },

    /** A complaint on the hotline, in Arabic: 1 Arabic, 3 new complaint, 2 pothole. */
    async call(from: string): Promise<ChannelCase> {
      const filed = await keys(await call(from), '1', '3', '2');
      const reference = filed.attributes.reference ?? '';
      expect(reference).toMatch(/^\d{9,12}$/);
      return { reference, text: 'بلاغ عبر الخط الساخن' };
    },

    /**
     * A chat from the portal's widget, in English: the flow greets it and queues it for tier 1 (Connect takes
     * no menu keys in chat, docs/decisions/0025); the agent files the case for the chat's contact, then the
     * citizen leaves and the transcript joins that case.
     */
    async chat(customerPhone: string): Promise<ChannelCase> {
      // Chats reach an agent in working hours only.
      await moveClockUntil(true);
      const started = await chat({ customerPhone, language: 'en' });
      expect(started.outcome).toBe('with_agent');
      const text = 'Report by chat: the street light outside our house is out';
      const res = await post(
        '/v1/cases',
        { channel: 'chat', contactId: started.callId, phone: customerPhone, text, language: 'en' },
        await as('agent1'),
      );
      expect(res.status).toBe(201);
      const reference = ((await res.json()) as { case: { reference: string } }).case.reference;
      await endChat(started);
      return { reference, text };
    },

    /**
     * An app's report. No route takes `app` reports yet (Open311 will), so this does what an app's intake
     * would, in intake's order: record the raw message once (the inbound ledger), then hand case-intake —
     * the state machine every channel's new case goes through — the message and the citizen (the contact
     * of an existing case).
     */
    async app(sameCitizenAs: string, text: string): Promise<ChannelCase> {
      const staff = await as('supervisor');
      const found = (await (await get(`/v1/cases/${sameCitizenAs}`, staff)).json()) as {
        case: { contactId: string };
      };
      const inbound: Inbound = {
        channel: 'app' satisfies Channel,
        externalId: `app-${crypto.randomUUID()}`,
        from: { kind: 'device', value: `device-${crypto.randomUUID()}` },
        receivedAt: new Date().toISOString(),
        text,
        language: 'ar',
        categoryCode: 'pothole',
        replyChannel: 'sms',
        location: { lat: 23.5861, lng: 58.4059 },
      };
      // Local mode points the SDK at its DynamoDB (AWS_ENDPOINT_URL_DYNAMODB), in this process too.
      const ledger = new DynamoInboundStore(
        DynamoDBDocumentClient.from(new DynamoDBClient({})),
        stack().tableName,
        3600,
      );
      expect((await ledger.claim(inbound, new Date(), 60)).status).toBe('claimed');
      const result = await stack().workflows.run(
        'caseIntake',
        { inbound, contactId: found.case.contactId },
        inbound.externalId,
      );
      expect(result).toMatchObject({ status: 'SUCCEEDED' });
      const reference = (result as { output: { reference: string } }).output.reference;
      expect(reference).toMatch(/^\d{9,12}$/);
      await ledger.setOutcome(inbound, { kind: 'new_case', reference }, found.case.contactId);
      return { reference, text };
    },
  };
}
