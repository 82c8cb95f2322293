import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeLocal } from '../../local/lambda-runner.ts';
import { sesMessageId, sesReceiptEvent } from '../../local/local-routes.ts';
import { type LocalStack, startLocalStack } from '../../local/local-stack.ts';
import type { OutboxEntry } from '../../local/outbox.ts';
import { citizenMail, gatewayFax } from '../support/channel-cases.ts';
import { eventually, localClient } from '../support/local-client.ts';

let stack: LocalStack;

/** A raw MIME message as SES stores it (test/support/channel-cases.ts). */
const rawMail = citizenMail;

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
    const s3 = new S3Client({ forcePathStyle: true, region: stack.regions.regions.mailReceiving });
    await s3.send(
      new PutObjectCommand({
        Bucket: stack.rawMail.bucket,
        Key: `${stack.rawMail.prefix}${messageId}`,
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

describe('threading, delivery and fax through local mode', () => {
  const client = localClient(() => stack);
  const timeline = async (reference: string) => {
    const res = await client.get(`/v1/cases/${reference}`, await client.as('supervisor'));
    return (
      (await res.json()) as {
        timeline: { kind: string; channel?: string; text?: string; data?: Record<string, unknown> }[];
      }
    ).timeline;
  };

  it('threads the acknowledgement under the citizen’s mail, and takes the reply to it into the same case', async () => {
    const citizen = 'thread.citizen@example.om';
    const citizenId = `<${crypto.randomUUID()}@example.om>`;
    const first = rawMail(citizen, 'حفرة في الطريق', 'حفرة كبيرة في شارع السلطان قابوس قرب الخوير').replace(
      /Message-ID: <[^>]+>/,
      `Message-ID: ${citizenId}`,
    );
    expect((await postMail(first)).status).toBe(202);

    const [ack] = await mailsTo(citizen);
    const reference = /MCT-(\d{9,12})/.exec(ack?.subject ?? '')?.[1] ?? '';
    // What SES sent, as aws-ses-v2-local shows it: the thread headers, our loop marker, the plus-address.
    expect(ack?.headers).toEqual({
      'In-Reply-To': citizenId,
      References: citizenId,
      'Auto-Submitted': 'auto-replied',
      'X-Nidaa-Loop': reference,
    });
    expect(ack?.replyTo).toBe(`nidaa+MCT-${reference}@nidaa-dev.example.om`);

    // The citizen answers in their client: only the thread headers name the case (no reference anywhere).
    const ourId = `<${ack?.messageId}@me-central-1.amazonses.com>`;
    const answer = rawMail(citizen, 'رد', 'ما زالت الحفرة موجودة', [
      `In-Reply-To: ${ourId}`,
      `References: ${citizenId} ${ourId}`,
    ]);
    expect((await postMail(answer)).status).toBe(202);

    const events = await eventually(async () => {
      const t = await timeline(reference);
      expect(t.filter((e) => e.kind === 'message_in')).toHaveLength(2);
      return t;
    });
    expect(events.filter((e) => e.kind === 'message_in').at(-1)?.text).toBe('ما زالت الحفرة موجودة');
    expect(await mailsTo(citizen)).toHaveLength(1);
  });

  it('marks a bounced acknowledgement on the timeline, then skips the suppressed address', async () => {
    const citizen = 'bounce.citizen@example.om';
    await postMail(rawMail(citizen, 'إنارة', 'عمود إنارة مطفأ في العامرات'));
    const [ack] = await mailsTo(citizen);
    const reference = /MCT-(\d{9,12})/.exec(ack?.subject ?? '')?.[1] ?? '';

    const res = await client.post('/_local/ses-event', {
      messageId: ack?.messageId,
      eventType: 'Bounce',
      recipient: citizen,
    });
    expect(res.status).toBe(202);
    const delivery = (await timeline(reference)).find((e) => e.kind === 'delivery');
    expect(delivery?.data).toMatchObject({
      deliveryStatus: 'bounced',
      messageEventId: expect.stringMatching(/^out-/),
      detail: 'Permanent/General 5.1.1 smtp; 550 5.1.1 user unknown',
    });

    // A later message from the same address opens a case, but nothing is sent to the suppressed address.
    await postMail(rawMail(citizen, 'نظافة', 'القمامة متراكمة في سوق مطرح'));
    const cases = async () => {
      const res = await client.get(`/v1/cases?email=${citizen}`, await client.as('supervisor'));
      return ((await res.json()) as { items: { reference: string }[] }).items.map((c) => c.reference);
    };
    const second = await eventually(async () => {
      const found = (await cases()).filter((r) => r !== reference);
      expect(found).toHaveLength(1);
      return found[0] ?? '';
    });
    const note = await eventually(async () => {
      const found = (await timeline(second)).find((e) => e.kind === 'note');
      expect(found).toBeDefined();
      return found;
    });
    expect(note?.text).toContain(`Not sent: ${citizen} is suppressed`);
    expect(await mailsTo(citizen)).toHaveLength(1);
  });

  it('takes a fax from the gateway as a fax case and answers it by fax with a PDF letter', async () => {
    const fax = gatewayFax('+968 24 700123');
    expect((await postMail(fax)).status).toBe(202);

    const [letter] = await eventually(async () => {
      const sent = await mailsTo('96824700123@fax.example.om');
      expect(sent).toHaveLength(1);
      return sent;
    });
    expect(letter?.attachments).toEqual([
      {
        filename: expect.stringMatching(/^MCT-\d{9,12}\.pdf$/),
        contentType: 'application/pdf',
        size: expect.any(Number),
      },
    ]);
    const reference = /MCT-(\d{9,12})/.exec(letter?.subject ?? '')?.[1] ?? '';
    const created = (await timeline(reference)).find((e) => e.kind === 'message_in');
    expect(created).toMatchObject({ channel: 'fax' });
  });
});
