import { describe, expect, it } from 'vitest';
import type { CaseStatus, Channel, Language } from '#core/case/case.ts';
import { formatReference } from '#core/case/reference.ts';
import { render, type TemplateContext, type TemplateName } from '#core/notify/templates.ts';
import { detectLanguage } from '#core/text/arabic.ts';

const REFERENCE = formatReference(2026, 123);
const LRI = '\u2066';
const PDI = '\u2069';
const ARABIC_LETTER = /\p{Script=Arabic}/u;

const PRIMARY = formatReference(2026, 77);

const context = (status: CaseStatus = 'in_progress', mergedInto?: string): TemplateContext => ({
  municipality: { ar: 'بلدية مسقط', en: 'Muscat Municipality' },
  referencePrefix: 'MCT',
  case: { reference: REFERENCE, status, departmentCode: 'roads', ...(mergedInto ? { mergedInto } : {}) },
  departmentName: { ar: 'إدارة الطرق والإنارة', en: 'Roads and Street Lighting' },
  answer: 'تم ردم الحفرة.',
});

const WITH_REFERENCE: TemplateName[] = ['acknowledge', 'status', 'resolved', 'merged'];
const LANGUAGES: Language[] = ['ar', 'en'];
const CHANNELS: Channel[] = ['sms', 'email'];
const ALL = WITH_REFERENCE.flatMap((name) =>
  LANGUAGES.flatMap((lang) => CHANNELS.map((channel) => [name, lang, channel] as const)),
);

/** Every place the reference digits appear, with the characters just around them. */
const occurrences = (text: string) => [...text.matchAll(new RegExp(`(.{0,5})${REFERENCE}(.?)`, 'gu'))];

describe('render', () => {
  it.each(ALL)(
    '%s (%s, %s) isolates every reference in Arabic text, and never in English',
    (name, lang, channel) => {
      // Act
      const rendered = render(name, context(), lang, channel);

      // Assess: Arabic needs the left-to-right isolate; in English it would only force UCS-2 on SMS.
      for (const text of [rendered.text, rendered.subject ?? '']) {
        for (const [, before, after] of occurrences(text)) {
          if (lang === 'ar') {
            expect(before?.endsWith(LRI) || before?.endsWith(`${LRI}MCT-`)).toBe(true);
            expect(after).toBe(PDI);
          } else {
            expect(`${before}${after}`).not.toMatch(/[\u2066\u2069]/);
          }
        }
      }
      expect(occurrences(rendered.text).length).toBeGreaterThan(0);
    },
  );

  it('tells e-mail readers where to send the status command, and keeps SMS short', () => {
    const ctx = { ...context(), shortCode: '90888', textsUs: true };
    expect(render('acknowledge', ctx, 'en', 'email').text).toContain(`ST ${REFERENCE} by SMS to 90888`);
    expect(render('acknowledge', ctx, 'ar', 'email').text).toContain(`إلى ${LRI}90888${PDI}`);
    expect(render('acknowledge', ctx, 'ar', 'sms').text).not.toContain('90888');
    expect(render('acknowledge', ctx, 'ar', 'sms').text.length).toBeLessThanOrEqual(70);
  });

  it('keeps the English SMS acknowledgement in the GSM alphabet, so one segment holds 160 characters', () => {
    const { text } = render('acknowledge', context(), 'en', 'sms');
    expect(text).toMatch(/^[\x20-\x7E]+$/);
    expect(text.length).toBeLessThanOrEqual(160);
  });

  it('uses bare digits on SMS', () => {
    // Act
    const { text } = render('acknowledge', { ...context(), textsUs: true }, 'ar', 'sms');

    // Assess
    expect(text).toBe(
      `تم استلام بلاغكم برقم ${LRI}${REFERENCE}${PDI}. للاستعلام أرسلوا: رط ${LRI}${REFERENCE}${PDI}`,
    );
  });

  it('uses the MCT- prefix on e-mail, but bare digits in the SMS command it suggests', () => {
    // Act
    const rendered = render('acknowledge', { ...context(), textsUs: true }, 'ar', 'email');

    // Assess
    expect(rendered.subject).toBe(`بلدية مسقط: تم استلام بلاغكم رقم ${LRI}MCT-${REFERENCE}${PDI}`);
    expect(rendered.text).toBe(
      `تم استلام بلاغكم برقم ${LRI}MCT-${REFERENCE}${PDI}. للاستعلام أرسلوا: رط ${LRI}${REFERENCE}${PDI}`,
    );
  });

  it('renders the English acknowledgement with the ST command', () => {
    // Act
    const rendered = render('acknowledge', { ...context(), textsUs: true }, 'en', 'email');

    // Assess
    expect(rendered).toEqual({
      subject: `Muscat Municipality: we received your request MCT-${REFERENCE}`,
      text: `We received your request, reference MCT-${REFERENCE}. For its status send: ST ${REFERENCE}`,
    });
  });

  it.each([
    ['ar', 'in_progress', 'قيد المعالجة', 'إدارة الطرق والإنارة'],
    ['ar', 'waiting_citizen', 'بانتظار ردّكم', 'إدارة الطرق والإنارة'],
    ['en', 'in_progress', 'In progress', 'Roads and Street Lighting'],
    ['en', 'resolved', 'Resolved', 'Roads and Street Lighting'],
  ] as const)('states the status in %s (%s → %s) and the department', (lang, status, label, department) => {
    // Act
    const { text, subject } = render('status', context(status), lang, 'sms');

    // Assess
    expect(text).toContain(lang === 'ar' ? `${LRI}${REFERENCE}${PDI}: ${label}.` : `${REFERENCE}: ${label}.`);
    expect(text).toContain(department);
    expect(subject).toBeUndefined();
  });

  it.each(['acknowledge', 'status', 'notFound', 'help', 'resolved'] as const)(
    '%s reads as Arabic in Arabic and carries no Arabic letters in English',
    (name) => {
      // Act
      const arabic = render(name, { ...context(), answer: 'Pothole filled.' }, 'ar', 'sms');
      const english = render(name, { ...context(), answer: 'Pothole filled.' }, 'en', 'sms');

      // Assess
      expect(detectLanguage(arabic.text)).toBe('ar');
      expect(english.text).not.toMatch(ARABIC_LETTER);
      expect(english.subject ?? '').not.toMatch(ARABIC_LETTER);
      expect(english.text).not.toBe(arabic.text);
    },
  );

  it.each([
    ['ar', 'رط'],
    ['en', 'ST'],
  ] as const)('help in %s names the %s command and the municipality', (lang, command) => {
    // Act
    const { text } = render('help', { ...context(), case: undefined }, lang, 'sms');

    // Assess
    expect(text).toContain(command);
    expect(text).toContain(context().municipality[lang]);
  });

  it('ends the resolved message at the reference when there is no answer', () => {
    // Act
    const { text } = render('resolved', { ...context(), answer: undefined }, 'en', 'sms');

    // Assess
    expect(text).toBe(`Your request ${REFERENCE} is resolved.`);
  });

  it.each(LANGUAGES)('names the request a merged case now follows, isolated in Arabic (%s)', (lang) => {
    const merged = render('merged', context('closed', PRIMARY), lang, 'sms');
    const status = render('status', context('closed', PRIMARY), lang, 'sms');
    for (const text of [merged.text, status.text]) {
      expect(text).toContain(lang === 'ar' ? `${LRI}${PRIMARY}${PDI}` : PRIMARY);
      expect(text).toContain(REFERENCE);
    }
    expect(ARABIC_LETTER.test(merged.text)).toBe(lang === 'ar');
  });

  describe('acknowledgements name only the ways that work for this citizen (docs/decisions/0085)', () => {
    const LINK = `https://nidaa.muscat.gov.om/track/${REFERENCE}#k=AbCdEfGhIjKlMnOp`;

    it.each(LANGUAGES)('gives an e-mail-only citizen no SMS command: the hotline instead (%s)', (lang) => {
      const { text } = render(
        'acknowledge',
        { ...context(), shortCode: '90888', hotline: '+96880077222' },
        lang,
        'email',
      );
      expect(text).not.toMatch(/رط|ST \d/);
      expect(text).toContain('+96880077222');
    });

    it.each(LANGUAGES)('puts the tracking link last, on its own line, in e-mail and fax (%s)', (lang) => {
      for (const channel of ['email', 'fax'] as const) {
        const { text } = render('acknowledge', { ...context(), trackingLink: LINK }, lang, channel);
        expect(text.endsWith(`\n${LINK}`)).toBe(true);
        expect(text).not.toMatch(/رط|ST \d/);
      }
    });

    it('adds the SMS command next to the link for a citizen with a mobile', () => {
      const ctx = { ...context(), trackingLink: LINK, textsUs: true, shortCode: '90888' };
      expect(render('acknowledge', ctx, 'ar', 'email').text).toContain(`رط ${LRI}${REFERENCE}${PDI}`);
      expect(render('acknowledge', ctx, 'en', 'email').text).toContain(`ST ${REFERENCE} by SMS to 90888`);
    });

    it('sends the link alone on SMS, where one message holds one way', () => {
      const { text } = render(
        'acknowledge',
        { ...context(), trackingLink: LINK, textsUs: true },
        'ar',
        'sms',
      );
      expect(text).toBe(`تم استلام بلاغكم برقم ${LRI}${REFERENCE}${PDI}. تابعوه على ${LINK}`);
    });

    it('gives a status answer the link only when the caller passes it (the case’s own citizen)', () => {
      expect(render('status', context(), 'en', 'sms').text).not.toContain('http');
      const own = render('status', { ...context(), trackingLink: LINK }, 'en', 'sms').text;
      expect(own.endsWith(` ${LINK}`)).toBe(true);
      expect(own).not.toContain('Roads');
      expect(render('status', { ...context(), trackingLink: LINK }, 'en', 'email').text).toContain('Roads');
    });
  });
});
