import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { formatReference } from '#core/case/reference.ts';
import {
  answerSubject,
  decideMail,
  htmlToText,
  MAX_TEXT_LENGTH,
  type MailDecision,
  type ParsedMail,
  receiptProblem,
  referenceInSubject,
  screenMail,
  stripQuotedReply,
  tooLargeReply,
} from '#core/channels/email-message.ts';
import type { Inbound } from '#core/intake/inbound.ts';
import { intakeIdOf, toParsedMail } from '../../../../functions/channels/email-inbound.handler.ts';

const SETTINGS = {
  ourAddress: 'nidaa@nidaa-dev.example.om',
  ourDomain: 'nidaa-dev.example.om',
  referencePrefix: 'MCT',
};
const REFERENCE = formatReference(2026, 1); // 260000019
const arabicIndic = (digits: string) => digits.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

function aMail(overrides: Partial<ParsedMail> = {}): ParsedMail {
  return {
    messageId: 'o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1',
    receivedAt: '2026-03-02T04:00:02.028Z',
    from: 'citizen@example.om',
    envelopeFrom: 'citizen@example.om',
    to: ['nidaa@nidaa-dev.example.om'],
    subject: 'حفرة في الطريق',
    text: 'توجد حفرة كبيرة في الطريق أمام المدرسة في العامرات',
    headers: {},
    ...overrides,
  };
}

/** A raw MIME message through postal-mime and the handler's mapping, as in production. */
async function fromMime(lines: string[], envelopeFrom = 'citizen@example.om'): Promise<ParsedMail> {
  const raw = new TextEncoder().encode(lines.join('\r\n'));
  return toParsedMail(await PostalMime.parse(raw), raw, {
    mail: {
      messageId: 'o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1',
      timestamp: '2026-03-02T04:00:02.028Z',
      source: envelopeFrom,
      commonHeaders: {},
    },
    receipt: { recipients: ['nidaa@nidaa-dev.example.om'] },
  });
}

function inboundOf(decision: MailDecision): Inbound {
  if (decision.kind !== 'inbound') throw new Error(`expected an inbound, got ${decision.kind}`);
  return decision.inbound;
}

describe('decideMail: a citizen’s message becomes an Inbound', () => {
  it('decodes an Arabic RFC 2047 subject and base64 body, and lower-cases the sender', async () => {
    // Prepare
    const mail = await fromMime([
      `From: =?UTF-8?B?${b64('أحمد البلوشي')}?= <Ahmed.Citizen@Example.OM>`,
      'To: nidaa@nidaa-dev.example.om',
      `Subject: =?UTF-8?B?${b64('شكوى: تراكم القمامة')}?=`,
      'Message-ID: <abc@example.om>',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=UTF-8',
      'Content-Transfer-Encoding: base64',
      '',
      b64('القمامة متراكمة عند الحاوية ولم تجمع منذ أيام في الخوض'),
    ]);

    // Act
    const inbound = inboundOf(decideMail(mail, SETTINGS));

    // Assert
    expect(inbound).toMatchObject({
      channel: 'email',
      // De-duplicated on the sender and Message-ID, not on SES's id (docs/decisions/0081).
      externalId: intakeIdOf('ahmed.citizen@example.om', '<abc@example.om>', 'any-ses-id'),
      from: { kind: 'email', value: 'ahmed.citizen@example.om' },
      subject: 'شكوى: تراكم القمامة',
      text: 'القمامة متراكمة عند الحاوية ولم تجمع منذ أيام في الخوض',
      language: 'ar',
      receivedAt: '2026-03-02T04:00:02.028Z',
    });
    expect(inbound.reference).toBeUndefined();
    expect(inbound.intent).toBeUndefined();
  });

  it('turns an HTML-only mail into plain text: no tags, scripts or styles, entities decoded, lines kept', async () => {
    // Prepare
    const mail = await fromMime([
      'From: Citizen <citizen@example.om>',
      'To: nidaa@nidaa-dev.example.om',
      'Subject: Broken street light',
      'MIME-Version: 1.0',
      'Content-Type: text/html; charset=UTF-8',
      '',
      '<html><head><title>x</title><style>p { color: red }</style></head><body>',
      '<script>alert("x")</script><!-- tracking -->',
      '<p>The street light on <b>Way&nbsp;3012</b> is off &amp; the road is dark.</p>',
      '<p>Since Monday<br>near the mosque &#8212; please fix &lt;soon&gt;.</p>',
      '<ul><li>pole 14</li><li>pole 15</li></ul><img src="cid:x" onerror="alert(1)">',
      '</body></html>',
    ]);

    // Act
    const inbound = inboundOf(decideMail(mail, SETTINGS));

    // Assert
    expect(mail.text).toBeUndefined();
    expect(inbound.text).toBe(
      'The street light on Way 3012 is off & the road is dark.\n\nSince Monday\nnear the mosque — please fix <soon>.\n\n- pole 14\n- pole 15',
    );
    expect(inbound.text).not.toMatch(/alert|color|tracking|<\/?(?:html|p|b|ul|li|img|script|style)\b/i);
    expect(inbound.language).toBe('en');
  });

  it('prefers the text part of a multipart/alternative mail', async () => {
    const mail = await fromMime([
      'From: citizen@example.om',
      'To: nidaa@nidaa-dev.example.om',
      'Subject: Pothole',
      'MIME-Version: 1.0',
      'Content-Type: multipart/alternative; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=UTF-8',
      '',
      'Plain words about a pothole near the roundabout',
      '--b1',
      'Content-Type: text/html; charset=UTF-8',
      '',
      '<p>HTML words</p>',
      '--b1--',
    ]);

    expect(inboundOf(decideMail(mail, SETTINGS)).text).toBe(
      'Plain words about a pothole near the roundabout',
    );
  });

  it('keeps the forwarded message of a new mail whole: it is the complaint', async () => {
    // Prepare
    const mail = await fromMime([
      'From: citizen@example.om',
      'To: nidaa@nidaa-dev.example.om',
      'Subject: Fwd: تسرب مياه',
      'Content-Type: text/plain; charset=UTF-8',
      '',
      'أرجو متابعة هذا البلاغ من جاري',
      '',
      '---------- Forwarded message ---------',
      'From: Neighbour <neighbour@example.om>',
      'Date: Sun, 1 Mar 2026 at 09:00',
      'Subject: تسرب مياه',
      'To: <citizen@example.om>',
      '',
      'يوجد تسرب مياه في الشارع منذ يومين',
    ]);

    // Act
    const inbound = inboundOf(decideMail(mail, SETTINGS));

    // Assert
    expect(inbound.subject).toBe('تسرب مياه');
    expect(inbound.text).toContain('أرجو متابعة هذا البلاغ من جاري');
    expect(inbound.text).toContain('يوجد تسرب مياه في الشارع منذ يومين');
    expect(inbound.reference).toBeUndefined();
  });

  it('cuts a very long text to the intake limit (the raw copy stays in S3)', () => {
    const inbound = inboundOf(decideMail(aMail({ text: 'حفرة '.repeat(3000) }), SETTINGS));
    expect(inbound.text).toHaveLength(MAX_TEXT_LENGTH);
    expect(inbound.text.endsWith('…')).toBe(true);
  });

  it('uses the subject as text when the body is empty', () => {
    const inbound = inboundOf(decideMail(aMail({ subject: 'إنارة معطلة في الحي', text: '' }), SETTINGS));
    expect(inbound.text).toBe('إنارة معطلة في الحي');
  });
});

describe('decideMail: machine mail opens no case', () => {
  it.each([
    ['Auto-Submitted: auto-replied', { 'auto-submitted': 'auto-replied' }],
    ['Auto-Submitted with parameters', { 'auto-submitted': 'auto-generated; owner-email="x@example.om"' }],
    ['X-Autoreply', { 'x-autoreply': 'yes' }],
    ['X-Autorespond', { 'x-autorespond': 'Vacation' }],
    ['Precedence: bulk', { precedence: 'bulk' }],
    ['Precedence: list', { precedence: 'List' }],
    ['Precedence: junk', { precedence: 'junk' }],
    ['X-Auto-Response-Suppress', { 'x-auto-response-suppress': 'All' }],
  ])('treats %s as an auto-reply', (_label, headers) => {
    const decision = decideMail(aMail({ headers }), SETTINGS);
    expect(decision.kind).toBe('auto_reply');
  });

  it('lets "Auto-Submitted: no" through: a person wrote it', () => {
    expect(decideMail(aMail({ headers: { 'auto-submitted': 'no' } }), SETTINGS).kind).toBe('inbound');
  });

  it('recognises a real out-of-office message with Auto-Submitted', async () => {
    const mail = await fromMime([
      'From: Citizen <citizen@example.om>',
      'To: nidaa@nidaa-dev.example.om',
      `Subject: =?UTF-8?B?${b64('رد تلقائي: تم استلام بلاغكم')}?=`,
      'Auto-Submitted: auto-replied',
      'X-Auto-Response-Suppress: All',
      'Content-Type: text/plain; charset=UTF-8',
      '',
      'أنا خارج المكتب حتى يوم الأحد.',
    ]);
    expect(decideMail(mail, SETTINGS)).toEqual({
      kind: 'auto_reply',
      reason: 'Auto-Submitted: auto-replied',
    });
  });

  it.each([
    'رد تلقائي: بلدية مسقط',
    'الرد التلقائي: خارج الدوام',
    'رد آلي',
    'خارج المكتب حتى الأحد',
    'Automatic reply: your request',
    'Auto-Reply: Re: pothole',
    'Out of Office: back Sunday',
    'Out of the office',
  ])('recognises the out-of-office subject "%s" without any header', (subject) => {
    expect(decideMail(aMail({ subject }), SETTINGS).kind).toBe('auto_reply');
  });

  it('treats a null sender as automatic', () => {
    expect(decideMail(aMail({ from: '<>' }), SETTINGS).kind).toBe('auto_reply');
    expect(decideMail(aMail({ from: '' }), SETTINGS).kind).toBe('auto_reply');
    expect(decideMail(aMail({ envelopeFrom: '' }), SETTINGS).kind).toBe('auto_reply');
    expect(decideMail(aMail({ envelopeFrom: '<>' }), SETTINGS).kind).toBe('auto_reply');
  });

  it('recognises a delivery status notification (multipart/report) as a bounce', async () => {
    const mail = await fromMime(
      [
        'From: Mail Delivery Subsystem <MAILER-DAEMON@mail.example.om>',
        'To: nidaa@nidaa-dev.example.om',
        'Subject: Undelivered Mail Returned to Sender',
        'Auto-Submitted: auto-replied',
        'MIME-Version: 1.0',
        'Content-Type: multipart/report; report-type=delivery-status; boundary="dsn"',
        '',
        '--dsn',
        'Content-Type: text/plain; charset=us-ascii',
        '',
        'This is the mail system. Your message could not be delivered.',
        '--dsn',
        'Content-Type: message/delivery-status',
        '',
        'Reporting-MTA: dns; mail.example.om',
        '',
        'Final-Recipient: rfc822; someone@example.om',
        'Action: failed',
        'Status: 5.1.1',
        '--dsn--',
      ],
      '',
    );
    expect(decideMail(mail, SETTINGS)).toEqual({ kind: 'bounce', reason: 'from mailer-daemon' });
  });

  it('recognises a DSN from an ordinary address by its content type', () => {
    const headers = { 'content-type': 'multipart/report; report-type="delivery-status"; boundary=x' };
    expect(decideMail(aMail({ from: 'gateway@example.om', headers }), SETTINGS)).toEqual({
      kind: 'bounce',
      reason: 'multipart/report; report-type=delivery-status',
    });
    expect(decideMail(aMail({ from: 'postmaster@example.om' }), SETTINGS).kind).toBe('bounce');
  });

  it('treats a read receipt as automatic, not as a bounce', () => {
    const headers = { 'content-type': 'multipart/report; report-type=disposition-notification; boundary=x' };
    expect(decideMail(aMail({ headers }), SETTINGS).kind).toBe('auto_reply');
  });

  it('recognises our own mail coming back as a loop', () => {
    expect(decideMail(aMail({ from: 'Nidaa <NIDAA@nidaa-dev.example.om>' }), SETTINGS).kind).toBe('loop');
    expect(decideMail(aMail({ from: 'alerts@nidaa-dev.example.om' }), SETTINGS).kind).toBe('loop');
    expect(decideMail(aMail({ from: 'x@mail.nidaa-dev.example.om' }), SETTINGS).kind).toBe('loop');
    // Someone else's domain that merely ends with ours is not ours.
    expect(decideMail(aMail({ from: 'x@notnidaa-dev.example.om' }), SETTINGS).kind).toBe('inbound');
  });

  it('screens on headers alone, for mail too large to download', () => {
    expect(
      screenMail(
        { from: 'c@example.om', subject: 'Out of Office', headers: {}, envelopeFrom: 'c@example.om' },
        SETTINGS,
      ),
    ).toEqual({ kind: 'auto_reply', reason: 'out-of-office subject' });
    expect(screenMail({ from: 'c@example.om', subject: 'photos', headers: {} }, SETTINGS)).toBeUndefined();
  });
});

describe('decideMail: replies that name a case', () => {
  it('reads the reference from a plus-address and strips the quoted history', async () => {
    // Prepare
    const mail = await fromMime([
      'From: citizen@example.om',
      `To: Nidaa <nidaa+${REFERENCE}@nidaa-dev.example.om>`,
      'Subject: Re: your request',
      'In-Reply-To: <out-1@nidaa-dev.example.om>',
      'Content-Type: text/plain; charset=UTF-8',
      '',
      'The pothole is now bigger, a car was damaged.',
      '',
      'On Mon, 2 Mar 2026 at 10:00, Nidaa <nidaa@nidaa-dev.example.om> wrote:',
      `> We received your request, reference MCT-${REFERENCE}.`,
      '> For its status send: ST 260000019',
    ]);

    // Act
    const inbound = inboundOf(decideMail(mail, SETTINGS));

    // Assert
    expect(inbound.reference).toBe(REFERENCE);
    expect(inbound.text).toBe('The pothole is now bigger, a car was damaged.');
  });

  it.each([
    [`nidaa+MCT-${REFERENCE}@nidaa-dev.example.om`, REFERENCE],
    [`nidaa+case-${REFERENCE}@nidaa-dev.example.om`, REFERENCE],
    [`nidaa+${REFERENCE}@other.example.om`, undefined],
    ['nidaa+260000018@nidaa-dev.example.om', undefined],
  ])('reads %s as reference %s', (to, expected) => {
    const inbound = inboundOf(decideMail(aMail({ to: [to], subject: 'متابعة' }), SETTINGS));
    expect(inbound.reference).toBe(expected);
  });

  it('finds a plus-address among Cc and envelope recipients too (Bcc)', () => {
    const cc = inboundOf(decideMail(aMail({ cc: [`nidaa+${REFERENCE}@nidaa-dev.example.om`] }), SETTINGS));
    const bcc = inboundOf(
      decideMail(aMail({ recipients: [`nidaa+${REFERENCE}@nidaa-dev.example.om`] }), SETTINGS),
    );
    expect(cc.reference).toBe(REFERENCE);
    expect(bcc.reference).toBe(REFERENCE);
  });

  it('reads a reference in Arabic-Indic digits from the subject', () => {
    const subject = `رد: بخصوص البلاغ رقم ${arabicIndic(REFERENCE)}`;
    const inbound = inboundOf(decideMail(aMail({ subject, text: 'ما زالت المشكلة قائمة' }), SETTINGS));
    expect(inbound.reference).toBe(REFERENCE);
    expect(inbound.subject).toBe(`بخصوص البلاغ رقم ${arabicIndic(REFERENCE)}`);
  });

  it.each([
    [`Re: بلدية مسقط: تم استلام بلاغكم رقم \u2066MCT-${REFERENCE}\u2069`, REFERENCE],
    [`[MCT#${REFERENCE}] still broken`, REFERENCE],
    [`[${REFERENCE}]`, REFERENCE],
    [`mct ${arabicIndic(REFERENCE)}`, REFERENCE],
    [`Invoice INV-${REFERENCE}`, undefined],
    ['Call me on 968912345678', undefined],
    ['رقم 260000018', undefined],
  ])('reads the subject "%s" as reference %s', (subject, expected) => {
    expect(referenceInSubject(subject, 'MCT')).toBe(expected);
  });

  it('strips an Arabic Gmail attribution and what follows', () => {
    const text = [
      'ما زالت الحفرة موجودة',
      '',
      '\u202bفي الاثنين، ٢ مارس ٢٠٢٦ في ١٠:٠٠ ص كتب بلدية مسقط <nidaa@nidaa-dev.example.om>:\u202c',
      'تم استلام بلاغكم',
    ].join('\n');
    expect(stripQuotedReply(text)).toBe('ما زالت الحفرة موجودة');
  });

  it('strips an attribution wrapped over two lines', () => {
    const text =
      'Still there.\n\nOn Mon, 2 Mar 2026 at 10:00, Muscat Municipality\n<nidaa@nidaa-dev.example.om> wrote:\n> old';
    expect(stripQuotedReply(text)).toBe('Still there.');
  });

  it('strips an Outlook header block in English and Arabic, and a signature', () => {
    const english = 'Thanks, fixed.\n-- \nAhmed\n\nFrom: Nidaa\nSent: Monday\nSubject: x';
    const outlook = 'Not fixed yet.\n________________________________\nFrom: Nidaa <nidaa@x>\nSent: Monday';
    const arabic = 'لم يتم الإصلاح\n\nمن: بلدية مسقط\nتاريخ الإرسال: الاثنين\nالموضوع: بلاغ';
    expect(stripQuotedReply(english)).toBe('Thanks, fixed.');
    expect(stripQuotedReply(outlook)).toBe('Not fixed yet.');
    expect(stripQuotedReply(arabic)).toBe('لم يتم الإصلاح');
  });

  it('keeps an ordinary Arabic sentence that starts with "في" and mentions "كتب"', () => {
    const text = 'في الشارع نفسه كتبت لكم سابقاً عن الحفرة\nولم يصلحها أحد';
    expect(stripQuotedReply(text)).toBe(text);
  });

  it('keeps a reply that is only quotation, so nothing the citizen sent is lost', () => {
    expect(stripQuotedReply('> old line\n> another')).toBe('> old line\n> another');
  });

  it('drops the quoted HTML of a reply (blockquote) before converting it', () => {
    const html = `<div dir="rtl">ما زالت المشكلة قائمة</div><div class="gmail_quote"><blockquote>تم استلام بلاغكم <blockquote>older</blockquote> quoted</blockquote></div>`;
    const inbound = inboundOf(
      decideMail(aMail({ text: undefined, html, subject: `Re: MCT-${REFERENCE}` }), SETTINGS),
    );
    expect(inbound.text).toBe('ما زالت المشكلة قائمة');
  });
});

describe('decideMail: short-code commands by e-mail', () => {
  it('reads a status command in the subject of an empty mail', () => {
    const inbound = inboundOf(
      decideMail(aMail({ subject: `رط ${arabicIndic(REFERENCE)}`, text: '' }), SETTINGS),
    );
    expect(inbound).toMatchObject({ intent: 'status', reference: REFERENCE, language: 'ar' });
  });

  it('reads a command that is the whole body', () => {
    const inbound = inboundOf(decideMail(aMail({ subject: 'question', text: 'HELP' }), SETTINGS));
    expect(inbound).toMatchObject({ intent: 'help', language: 'en' });
  });

  it('keeps a real message under a command-like subject a message', () => {
    const inbound = inboundOf(
      decideMail(
        aMail({ subject: 'مساعدة', text: 'أحتاج مساعدة في إزالة مخلفات البناء أمام منزلي' }),
        SETTINGS,
      ),
    );
    expect(inbound.intent).toBeUndefined();
  });
});

describe('htmlToText', () => {
  it.each([
    // Removing the inner script re-forms an outer one; it is dropped too.
    ['<scr<script>x</script>ipt>alert(1)</script>', ''],
    ['<div onclick="x()">a</div><iframe src="x">b</iframe>', 'a'],
    ['<style>body{}</style>unclosed <script>var a = 1;', 'unclosed'],
    ['&#x645;&#1585;&#x62D;&#x628;&#x627; &bogus; &#0;', 'مرحبا &bogus;'],
  ])('reduces %s to text', (html, text) => {
    expect(htmlToText(html)).toBe(text);
  });
});

describe('SES verdicts and replies', () => {
  it('drops viruses, spam and forged senders of domains that ask for DMARC enforcement', () => {
    const pass = { status: 'PASS' };
    expect(receiptProblem({ spamVerdict: pass, virusVerdict: { status: 'FAIL' } })).toBe('virus');
    expect(receiptProblem({ spamVerdict: { status: 'FAIL' }, virusVerdict: pass })).toBe('spam');
    expect(receiptProblem({ dmarcVerdict: { status: 'FAIL' }, dmarcPolicy: 'reject' })).toBe('dmarc reject');
    expect(receiptProblem({ dmarcVerdict: { status: 'FAIL' }, dmarcPolicy: 'none' })).toBeUndefined();
    expect(
      receiptProblem({ spamVerdict: { status: 'GRAY' }, virusVerdict: { status: 'GRAY' } }),
    ).toBeUndefined();
  });

  it('answers a mail that is too large in Arabic first, then English', () => {
    const reply = tooLargeReply({ ar: 'بلدية مسقط', en: 'Muscat Municipality' });
    expect(reply.subject).toMatch(/^بلدية مسقط: .*\| Muscat Municipality: your message is too large$/);
    expect(reply.text.indexOf('10 ميغابايت')).toBeLessThan(reply.text.indexOf('10 MB'));
  });

  it('gives status answers a subject with the displayed reference', () => {
    const subject = answerSubject('status', { ar: 'بلدية مسقط', en: 'Muscat Municipality' }, 'ar', {
      reference: REFERENCE,
      prefix: 'MCT',
    });
    expect(subject).toBe(`بلدية مسقط: حالة البلاغ \u2066MCT-${REFERENCE}\u2069`);
  });
});
