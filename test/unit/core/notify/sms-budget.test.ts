import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, STATUS_LABELS } from '#core/case/case.ts';
import { formatReference } from '#core/case/reference.ts';
import { SEED_CATALOGUE } from '#core/catalogue/seed.ts';
import { optedInReply, optedOutReply, usageReply, vehicleReply } from '#core/channels/sms-replies.ts';
import { TEMPLATES, type TemplateContext, type TemplateName } from '#core/notify/templates.ts';
import { countSegments } from '#core/text/sms-segments.ts';
import { PERMIT_KINDS, type PermitKind, type Plate } from '#core/vehicles/vehicle.ts';

/**
 * Every SMS we send is billed per part. These budgets keep templates short: the acknowledgement (one per
 * case, the most frequent SMS) in one part, or two when it carries the tracking link (a link alone takes
 * most of an Arabic part); the one-time code and refusals in one; everything else in at most two, Arabic
 * (UCS-2, 67 characters per part) included, each rendered with the longest values it can meet.
 */
const BUDGET: Record<TemplateName, { plain: number; linked: number }> = {
  acknowledge: { plain: 1, linked: 2 },
  status: { plain: 2, linked: 2 },
  notFound: { plain: 2, linked: 2 },
  reply: { plain: 2, linked: 2 },
  help: { plain: 2, linked: 2 },
  resolved: { plain: 2, linked: 2 },
  merged: { plain: 2, linked: 2 },
  tooManyLookups: { plain: 1, linked: 1 },
  accessCode: { plain: 1, linked: 1 },
  ratingThanks: { plain: 1, linked: 1 },
};
const LANGUAGES = ['ar', 'en'] as const;

const longest = <T>(items: readonly T[], length: (item: T) => number) =>
  [...items].sort((a, b) => length(b) - length(a))[0] as T;
const department = longest(SEED_CATALOGUE.departments, (d) => Math.max(d.name.ar.length, d.name.en.length));
const status = longest(CASE_STATUSES, (s) =>
  Math.max(STATUS_LABELS[s].ar.length, STATUS_LABELS[s].en.length),
);

/** A million cases in a year: the reference grows to 10 digits. */
const LONGEST_REFERENCE = formatReference(2026, 1_000_000);
const worstCase: TemplateContext = {
  municipality: { ar: 'بلدية مسقط', en: 'Muscat Municipality' },
  referencePrefix: 'MCT',
  shortCode: '90888',
  case: { reference: LONGEST_REFERENCE, status, departmentCode: department.code },
  departmentName: department.name,
  textsUs: true,
  hotline: '+96880077222',
  accessCode: '999999',
};

/** The longest portal address the budgets allow for (a municipality's own domain is shorter). */
const LONGEST_PORTAL = 'https://nidaa.municipality-of-muscat.gov.om';
const linked: TemplateContext = {
  ...worstCase,
  trackingLink: `${LONGEST_PORTAL}/track/${LONGEST_REFERENCE}#k=AbCdEfGhIjKlMnOp`,
};

describe('SMS templates fit their segment budget', () => {
  it.each(
    (Object.keys(TEMPLATES) as TemplateName[]).flatMap((name) =>
      LANGUAGES.flatMap((lang) => (['plain', 'linked'] as const).map((kind) => [name, lang, kind] as const)),
    ),
  )('%s (%s, %s)', (name, lang, kind) => {
    // Agents' answers are the citizen's content, not the template's: the frame around them is what we budget.
    const base = kind === 'linked' ? linked : worstCase;
    const context =
      name === 'merged' && base.case
        ? { ...base, case: { ...base.case, mergedInto: LONGEST_REFERENCE } }
        : base;
    const rendered = TEMPLATES[name](context, lang, 'sms');
    expect(countSegments(rendered.text).segments).toBeLessThanOrEqual(BUDGET[name][kind]);
  });

  it('ends a linked SMS with the link itself, so every phone makes it tappable', () => {
    for (const name of ['acknowledge', 'status'] as const) {
      for (const lang of LANGUAGES) {
        expect(TEMPLATES[name](linked, lang, 'sms').text.endsWith(` ${linked.trackingLink}`)).toBe(true);
      }
    }
  });

  it('leaves most of a part for an agent’s answer in the reply and resolved frames', () => {
    for (const name of ['reply', 'resolved'] as const) {
      for (const lang of LANGUAGES) {
        expect(countSegments(TEMPLATES[name](worstCase, lang, 'sms').text).units).toBeLessThanOrEqual(40);
      }
    }
  });

  it('asks for a rating by reply within the resolution’s first part (frame and prompt)', () => {
    for (const lang of LANGUAGES) {
      const text = TEMPLATES.resolved({ ...worstCase, rateByReply: true }, lang, 'sms').text;
      expect(text).toMatch(/1.*5/);
      expect(countSegments(text).segments).toBe(1);
    }
  });
});

describe('SMS command replies fit in two parts', () => {
  const plate: Plate = { number: '12345', code: 'اب' };
  const longestPermit = longest(Object.keys(PERMIT_KINDS) as PermitKind[], (k) =>
    Math.max(PERMIT_KINDS[k].ar.length, PERMIT_KINDS[k].en.length),
  );
  const worstVehicle = {
    kind: 'found' as const,
    record: {
      plate,
      outstandingFines: { count: 99, totalBaisa: 9_999_999 },
      permits: [
        { kind: longestPermit, validUntil: '2027-12-31' },
        { kind: 'advertising' as const, validUntil: '2028-01-31' },
        { kind: 'food_truck' as const, validUntil: '2028-02-28' },
      ],
    },
  };

  it.each(
    LANGUAGES.flatMap((lang) => [
      [`vehicle found (${lang})`, vehicleReply(worstVehicle, lang).text],
      [`vehicle not found (${lang})`, vehicleReply({ kind: 'not_found', plate }, lang).text],
      [`vehicle lookup unavailable (${lang})`, vehicleReply({ kind: 'unavailable', plate }, lang).text],
      [`opted out (${lang})`, optedOutReply(worstCase, lang).text],
      [`opted in (${lang})`, optedInReply(worstCase, lang).text],
    ]),
  )('%s', (_name, text) => {
    expect(countSegments(text).segments).toBeLessThanOrEqual(2);
  });

  it('keeps the STOP and START confirmations in one part, naming both keywords', () => {
    for (const lang of LANGUAGES) {
      expect(countSegments(optedOutReply(worstCase, lang).text).segments).toBe(1);
      expect(countSegments(optedInReply(worstCase, lang).text).segments).toBe(1);
    }
    expect(optedOutReply(worstCase, 'ar').text).toMatch(/بدء.*START/);
    expect(optedInReply(worstCase, 'ar').text).toMatch(/إيقاف.*STOP/);
  });

  it('gives usage help in both languages within two parts', () => {
    const text = usageReply().text;
    expect(countSegments(text).segments).toBeLessThanOrEqual(2);
    expect(text).toMatch(/رط/);
    expect(text).toMatch(/ام/);
    expect(text).toMatch(/ST .*VH .*STOP/);
  });
});
