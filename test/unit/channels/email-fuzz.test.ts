/**
 * Property tests over the MIME intake: whatever a sender puts in a message, the parser path
 * (postal-mime → toParsedMail → decideMail → acceptMailParts → intake's cleaning) never throws and yields
 * an Inbound within intake's limits. Fixed seed in `npm test`; `NIDAA_FUZZ_RUNS=20000` runs longer.
 */
import fc from 'fast-check';
import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { decideMail, MAX_TEXT_LENGTH } from '#core/channels/email-message.ts';
import { acceptMailParts } from '#core/channels/mail-attachments.ts';
import { cleanInbound } from '#core/intake/receive-inbound.ts';
import { NOT_IN_CLEAN_TEXT } from '#core/text/citizen-text.ts';
import { inboundSchema } from '#shared/schemas.ts';
import { toParsedMail } from '../../../functions/channels/email-inbound.handler.ts';
import { aJpeg } from '../../support/attachment-fixtures.ts';

const RUNS = Number(process.env.NIDAA_FUZZ_RUNS ?? 150);
const SEED = 20261207;
const SES_ID = 'o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1';
const SETTINGS = {
  ourAddress: 'nidaa@nidaa-dev.example.om',
  ourDomain: 'nidaa-dev.example.om',
  referencePrefix: 'MCT',
};

const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64').replace(/.{76}/g, '$&\r\n');
const qp = (text: string) =>
  Array.from(Buffer.from(text, 'utf8'), (b) =>
    (b >= 33 && b <= 126 && b !== 61) || b === 32
      ? String.fromCharCode(b)
      : `=${b.toString(16).padStart(2, '0')}`,
  ).join('');

/** Text as citizens and hostile senders write it: Arabic, Latin, digits, controls, overrides, emoji. */
const text = fc.string({
  unit: fc.oneof(
    fc.constantFrom(
      'ح',
      'ف',
      'ر',
      'ة',
      ' ',
      '\n',
      '٢',
      '5',
      'a',
      'Z',
      '\u202e',
      '\u2066',
      '\u0000',
      '\u001b',
      '😀',
      '<',
      '>',
      '=',
      '?',
    ),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 400,
});
/** A header value: raw, or as an RFC 2047 encoded word (B or Q). */
const headerValue = fc.tuple(text, fc.constantFrom('raw', 'B', 'Q')).map(([t, how]) => {
  const oneLine = t.replace(/[\r\n]/g, ' ');
  if (how === 'B') return `=?UTF-8?B?${Buffer.from(oneLine).toString('base64')}?=`;
  if (how === 'Q') return `=?UTF-8?Q?${qp(oneLine).replace(/ /g, '_').replace(/\?/g, '=3F')}?=`;
  return oneLine.replace(/[^\x20-\x7e\u0600-\u06ff]/g, '');
});
const localPart = fc.stringMatching(/^[A-Za-z0-9._%+-]{1,40}$/);
const messageId = fc.option(
  fc.tuple(localPart, localPart).map(([l, r]) => `<${l}@${r}.Example.OM>`),
  { nil: undefined },
);
const fileName = fc.tuple(text, fc.constantFrom('2231', '2047', 'plain')).map(([t, how]) => {
  const name = `${t.replace(/[\r\n"]/g, '').slice(0, 60)}.jpg`;
  if (how === '2231') return `filename*=UTF-8''${encodeURIComponent(name)}`;
  if (how === '2047') return `filename="=?UTF-8?B?${Buffer.from(name).toString('base64')}?="`;
  return `filename="${name.replace(/[^\x20-\x7e]/g, '_')}"`;
});
const bodyPart = fc
  .tuple(text, fc.constantFrom('7bit', 'quoted-printable', 'base64'), fc.constantFrom('plain', 'html'))
  .map(([t, encoding, kind]) => {
    const body =
      encoding === 'base64' ? b64(t) : encoding === 'quoted-printable' ? qp(t) : t.replace(/\r?\n/g, '\r\n');
    return [
      `Content-Type: text/${kind}; charset=UTF-8`,
      `Content-Transfer-Encoding: ${encoding}`,
      '',
      body,
    ].join('\r\n');
  });
const filePart = fc
  .tuple(fileName, fc.constantFrom('inline', 'attachment'), fc.boolean(), fc.uint8Array({ maxLength: 64 }))
  .map(([name, disposition, jpeg, junk]) =>
    [
      'Content-Type: image/jpeg',
      `Content-Disposition: ${disposition}; ${name}`,
      'Content-ID: <img1@x>',
      'Content-Transfer-Encoding: base64',
      '',
      b64(jpeg ? aJpeg({ exif: true, trailing: Array(5000).fill(0) }) : junk),
    ].join('\r\n'),
  );

const message = fc
  .record({
    from: fc.tuple(headerValue, localPart).map(([name, local]) => `${name} <${local}@Example.OM>`),
    subject: headerValue,
    id: messageId,
    references: fc.array(messageId, { maxLength: 3 }),
    parts: fc.array(fc.oneof(bodyPart, filePart), { minLength: 1, maxLength: 4 }),
    related: fc.boolean(),
  })
  .map(({ from, subject, id, references, parts, related }) => {
    const boundary = 'b-1';
    const headers = [
      `From: ${from}`,
      'To: nidaa@nidaa-dev.example.om',
      `Subject: ${subject}`,
      ...(id ? [`Message-ID: ${id}`] : []),
      ...(references.some(Boolean) ? [`References: ${references.filter(Boolean).join(' ')}`] : []),
      'MIME-Version: 1.0',
      `Content-Type: multipart/${related ? 'related' : 'mixed'}; boundary="${boundary}"`,
    ];
    const body = [...parts.map((p) => `--${boundary}\r\n${p}`), `--${boundary}--`, ''].join('\r\n');
    return new TextEncoder().encode(`${headers.join('\r\n')}\r\n\r\n${body}`);
  });

const SES = {
  mail: {
    messageId: SES_ID,
    timestamp: '2026-12-07T08:00:00.000Z',
    source: 'x@example.om',
    commonHeaders: {},
  },
  receipt: { recipients: ['nidaa@nidaa-dev.example.om'] },
};

/** The handler's parser path, without I/O. */
async function intake(raw: Uint8Array) {
  const email = await PostalMime.parse(raw);
  const mail = toParsedMail(email, raw, SES);
  const decision = decideMail(mail, SETTINGS);
  const files = acceptMailParts(
    email.attachments.map((a) => ({
      ...(a.filename ? { filename: a.filename } : {}),
      mimeType: a.mimeType,
      inline: a.disposition === 'inline' || Boolean(a.related),
      content:
        typeof a.content === 'string' ? new TextEncoder().encode(a.content) : new Uint8Array(a.content),
    })),
    mail.intakeId ?? SES_ID,
  );
  return { mail, decision, files };
}

describe('MIME intake under fuzzing', () => {
  it('never throws, and every Inbound is within intake’s limits and free of control characters', async () => {
    await fc.assert(
      fc.asyncProperty(message, async (raw) => {
        const { mail, decision, files } = await intake(raw);
        expect(mail.intakeId).toMatch(/^(mid-[0-9a-f]{40}|o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1)$/);
        for (const f of files.accepted) {
          expect(f.filename ?? '').not.toMatch(NOT_IN_CLEAN_TEXT);
          expect(f.filename ?? '').not.toMatch(/[/\\\n\t]/);
        }
        if (decision.kind !== 'inbound') return;
        const inbound = cleanInbound(decision.inbound);
        expect(inbound.text.length).toBeLessThanOrEqual(MAX_TEXT_LENGTH);
        expect(inbound.subject?.length ?? 0).toBeLessThanOrEqual(300);
        expect(`${inbound.text}${inbound.subject ?? ''}`).not.toMatch(NOT_IN_CLEAN_TEXT);
        expect(inboundSchema.safeParse(inbound).success).toBe(true);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('gives every receipt of one message the same intake id, however the Message-ID’s domain is cased', async () => {
    await fc.assert(
      fc.asyncProperty(message, async (raw) => {
        const text = new TextDecoder().decode(raw);
        const recased = text.replace(
          /^Message-ID: <([^@>]+)@([^>]+)>/m,
          (_m, l, r) => `Message-ID: ${l}@${String(r).toUpperCase()}`,
        );
        const [a, b] = await Promise.all([intake(raw), intake(new TextEncoder().encode(recased))]);
        expect(b.mail.intakeId).toBe(a.mail.intakeId);
      }),
      { seed: SEED, numRuns: Math.ceil(RUNS / 3) },
    );
  });

  it('never throws on arbitrary bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (raw) => {
        const { decision } = await intake(raw);
        expect(['inbound', 'auto_reply', 'loop', 'bounce']).toContain(decision.kind);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
