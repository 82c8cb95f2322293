import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeLocal } from '../../lib/local/lambda-runner.ts';
import { sesMessageId, sesReceiptEvent } from '../../lib/local/local-routes.ts';
import { type LocalStack, startLocalStack } from '../../lib/local/local-stack.ts';
import type { OutboxEntry } from '../../lib/local/outbox.ts';
import { eventually } from '../support/local-client.ts';

let stack: LocalStack;

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
/** A raw MIME message as SES stores it: CRLF lines, encoded words for Arabic headers, base64 body. */
const rawMail = (from: string, subject: string, body: string, extra: string[] = []) =>
  [
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

const postMail = (raw: string) =>
  fetch(`${stack.url}/_local/email`, {
    method: 'POST',
    headers: { 'content-type': 'message/rfc822' },
    body: raw,
  });
const outbox = async () => (await (await fetch(`${stack.url}/_local/outbox`)).json()) as OutboxEntry[];
const mailsTo = async (address: string) =>
  (await outbox()).filter((e) => e.channel === 'email' && e.to === address);

beforeAll(async () => {
  stack = await startLocalStack({ fastRetries: true });
});
afterAll(() => stack.stop());

describe('e-mail through local mode', () => {
  it('turns an Arabic e-mail into a case and acknowledges it by e-mail in Arabic', async () => {
    // Act
    const res = await postMail(
      rawMail(
        'Mail.Citizen1@Example.om',
        'تراكم القمامة في الخوض',
        'القمامة متراكمة عند الحاوية ولم تجمع منذ أيام في الخوض',
      ),
    );

    // Assert
    expect(res.status).toBe(202);
    const { messageId } = (await res.json()) as { messageId: string };
    expect(messageId).toMatch(/^[a-z0-9]{40}$/);
    const [ack, ...more] = await mailsTo('mail.citizen1@example.om');
    expect(more).toEqual([]);
    expect(ack?.text).toContain('تم استلام بلاغكم');
    const reference = /MCT-(\d{9,12})/.exec(ack?.subject ?? '')?.[1];
    expect(reference).toBeDefined();
    // The case exists at once; its lifecycle puts it in the tier-1 queue a moment later.
    const status = async () =>
      ((await (await fetch(`${stack.url}/v1/requests/${reference}`)).json()) as { status: string }).status;
    expect(['new', 'assigned']).toContain(await status());
    await eventually(async () => expect(await status()).toBe('assigned'));
  });

  it('opens one case when SES delivers the same message twice', async () => {
    // Prepare: stored through the local S3 endpoint (PutObject), as SES's S3 action would.
    const raw = rawMail('mail.citizen2@example.om', 'إنارة معطلة', 'عمود الإنارة مطفأ في الشارع منذ أسبوع');
    const messageId = sesMessageId();
    const s3 = new S3Client({ forcePathStyle: true });
    await s3.send(
      new PutObjectCommand({
        Bucket: String(process.env.RAW_MAIL_BUCKET),
        Key: `${process.env.RAW_MAIL_PREFIX}${messageId}`,
        Body: raw,
      }),
    );
    const event = sesReceiptEvent(
      await PostalMime.parse(raw),
      messageId,
      ['nidaa@nidaa-dev.example.om'],
      new Date(),
    );

    // Act
    await invokeLocal('emailInbound', event);
    await invokeLocal('emailInbound', structuredClone(event));

    // Assert
    const acks = await mailsTo('mail.citizen2@example.om');
    expect(acks).toHaveLength(1);
    expect(acks[0]?.subject).toMatch(/MCT-\d{9,12}/);
  });

  it('opens no case and sends nothing for an out-of-office reply', async () => {
    const before = (await outbox()).length;
    const res = await postMail(
      rawMail('mail.citizen3@example.om', 'رد تلقائي: خارج المكتب', 'أنا في إجازة حتى الأحد', [
        'Auto-Submitted: auto-replied',
      ]),
    );
    expect(res.status).toBe(202);
    expect((await outbox()).length).toBe(before);
  });

  it.each([
    ['an empty body', ''],
    ['a message without a From address', 'Subject: hello\r\n\r\nno sender here'],
  ])('refuses %s with a bilingual 400 and sends nothing', async (_label, body) => {
    const before = (await outbox()).length;
    const res = await postMail(body);
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { messages: { ar: string; en: string } };
    expect(problem.messages.ar).toMatch(/[\u0600-\u06FF]/);
    expect(problem.messages.en).toBeTruthy();
    expect((await outbox()).length).toBe(before);
  });
});
