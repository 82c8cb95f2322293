import { describe, expect, it } from 'vitest';
import type { Channel } from '#core/case/case.ts';
import { buildCase, type CaseDraft, draftCase } from '#core/case/open-case.ts';
import { formatReference } from '#core/case/reference.ts';
import { SEED_CATALOGUE, WILAYATS } from '#core/catalogue/seed.ts';
import { trainClassifier } from '#core/classify/classifier.ts';
import { TRAINING_EXAMPLES } from '#core/classify/training-examples.ts';
import type { Identity } from '#core/intake/inbound.ts';
import { addBusinessMinutes, MUSCAT_CALENDAR } from '#core/sla/business-calendar.ts';
import { anInbound } from '../../../support/builders.ts';

const MODEL = trainClassifier(TRAINING_EXAMPLES, SEED_CATALOGUE);
const POTHOLE_TEXT = 'في حفرة كبيرة في الشارع';
const BEACH_TEXT = 'الشاطئ مليء بالمخلفات والقمامة';

const centreOf = (code: string) => {
  const wilayat = WILAYATS.find((w) => w.code === code);
  if (!wilayat) throw new Error(`no wilayat ${code}`);
  return wilayat.centre;
};

describe('draftCase', () => {
  it('trusts the category the citizen picked, whatever the text says', () => {
    // Prepare
    const inbound = anInbound({ channel: 'web', categoryCode: 'street_light_out', text: POTHOLE_TEXT });

    // Act
    const draft = draftCase(inbound, MODEL, SEED_CATALOGUE);

    // Assess
    expect(draft).toEqual({
      categoryCode: 'street_light_out',
      departmentCode: 'roads',
      priority: 'normal',
      language: 'ar',
      confidence: 1,
      needsTriage: false,
      explanation: ['citizen'],
    });
  });

  it('classifies the text when the picked category is not in the catalogue', () => {
    // Act
    const draft = draftCase(
      anInbound({ categoryCode: 'no_such_category', text: POTHOLE_TEXT }),
      MODEL,
      SEED_CATALOGUE,
    );

    // Assess
    expect(draft.categoryCode).toBe('pothole');
    expect(draft.explanation).not.toContain('citizen');
  });

  it.each([
    [POTHOLE_TEXT, 'pothole', 'roads', 'high', 'حفر'],
    [BEACH_TEXT, 'beach_cleanliness', 'cleanliness', 'normal', 'شاط'],
    ['The street light outside my house is broken', 'street_light_out', 'roads', 'normal', 'light'],
  ])('classifies %j as %s for %s with priority %s', (text, categoryCode, departmentCode, priority, word) => {
    // Act
    const draft = draftCase(anInbound({ text }), MODEL, SEED_CATALOGUE);

    // Assess
    expect(draft).toMatchObject({ categoryCode, departmentCode, priority, needsTriage: false });
    expect(draft.confidence).toBeGreaterThanOrEqual(0.5);
    expect(draft.confidence).toBeLessThan(1);
    expect(draft.explanation).toContain(word);
  });

  it('sends text the classifier cannot read to triage', () => {
    // Act
    const draft = draftCase(anInbound({ text: 'xyzzy plugh' }), MODEL, SEED_CATALOGUE);

    // Assess
    expect(draft.needsTriage).toBe(true);
    expect(draft.confidence).toBeLessThan(0.5);
    expect(draft.explanation).toEqual([]);
  });

  it.each([
    ['حريق في حاوية النفايات بجانب المنزل', undefined],
    ['سلك كهرباء مكشوف عند عمود الإنارة', undefined],
    ['There is a gas leak next to the bakery', undefined],
    ['حريق في الحديقة العامة', 'noise'],
  ])('raises %j to urgent (picked category: %s)', (text, categoryCode) => {
    // Act
    const draft = draftCase(
      anInbound({ text, ...(categoryCode ? { categoryCode } : {}) }),
      MODEL,
      SEED_CATALOGUE,
    );

    // Assess
    expect(draft.priority).toBe('urgent');
    if (categoryCode) expect(draft.categoryCode).toBe(categoryCode);
  });

  it.each([
    [
      'beach litter by coordinates in Qurayyat',
      BEACH_TEXT,
      { ...centreOf('qurayyat') },
      'qurayyat',
      'qurayyat_office',
    ],
    [
      'beach litter with an explicit wilayat code',
      BEACH_TEXT,
      { ...centreOf('muttrah'), wilayatCode: 'qurayyat' },
      'qurayyat',
      'qurayyat_office',
    ],
    ['beach litter in Muttrah', BEACH_TEXT, { ...centreOf('muttrah') }, 'muttrah', 'cleanliness'],
    [
      'a pothole in Qurayyat (no rule for roads)',
      POTHOLE_TEXT,
      { ...centreOf('qurayyat') },
      'qurayyat',
      'roads',
    ],
    ['beach litter without a location', BEACH_TEXT, undefined, undefined, 'cleanliness'],
  ])('routes %s', (_label, text, location, wilayatCode, departmentCode) => {
    // Act
    const draft = draftCase(anInbound({ text, ...(location ? { location } : {}) }), MODEL, SEED_CATALOGUE);

    // Assess
    expect(draft.wilayatCode).toBe(wilayatCode);
    expect(draft.departmentCode).toBe(departmentCode);
  });

  it.each([
    ['The street light outside my house is broken', undefined, 'en'],
    [POTHOLE_TEXT, undefined, 'ar'],
    ['The street light outside my house is broken', 'ar', 'ar'],
  ] as const)('drafts %j (declared %s) in %s', (text, language, expected) => {
    // Act
    const draft = draftCase(anInbound({ text, ...(language ? { language } : {}) }), MODEL, SEED_CATALOGUE);

    // Assess
    expect(draft.language).toBe(expected);
  });
});

const DRAFT: CaseDraft = {
  categoryCode: 'pothole',
  departmentCode: 'roads',
  priority: 'high',
  language: 'ar',
  confidence: 0.92,
  needsTriage: false,
  explanation: ['حفر', 'كبير'],
};
const REFERENCE = formatReference(2026, 77);
/** Thursday 5 March 2026, 14:10 in Muscat: 20 working minutes are left before the weekend. */
const THURSDAY_AFTERNOON = new Date('2026-03-05T10:10:00.000Z');

const build = (
  overrides: Parameters<typeof anInbound>[0] = {},
  draft: CaseDraft = DRAFT,
  now = THURSDAY_AFTERNOON,
) =>
  buildCase({
    inbound: anInbound({ externalId: 'sms-77', text: POTHOLE_TEXT, ...overrides }),
    draft,
    contactId: 'contact-9',
    reference: REFERENCE,
    now,
    calendar: MUSCAT_CALENDAR,
    catalogue: SEED_CATALOGUE,
  });

describe('buildCase', () => {
  it('keeps an e-mail’s subject and its files’ names on the case and its first message (issue 11)', () => {
    const key = 'uploads/cases/mail-mid-1-0';
    const { case: built, events } = build({
      channel: 'email',
      subject: 'حفرة أمام المدرسة',
      attachmentKeys: [key],
      attachmentNames: { [key]: 'صورة الحفرة.jpg' },
    });

    expect(built.subject).toBe('حفرة أمام المدرسة');
    expect(events.find((e) => e.kind === 'message_in')?.data).toEqual({
      subject: 'حفرة أمام المدرسة',
      attachments: [key],
      attachmentNames: { [key]: 'صورة الحفرة.jpg' },
    });
  });

  it('builds a new tier-1 case from the draft', () => {
    // Act
    const { case: built } = build();

    // Assess
    expect(built).toEqual({
      reference: REFERENCE,
      type: 'report',
      categoryCode: 'pothole',
      departmentCode: 'roads',
      status: 'new',
      priority: 'high',
      tier: 1,
      originChannel: 'sms',
      replyChannel: 'sms',
      language: 'ar',
      contactId: 'contact-9',
      description: POTHOLE_TEXT,
      createdAt: THURSDAY_AFTERNOON.toISOString(),
      updatedAt: THURSDAY_AFTERNOON.toISOString(),
      // 30 business minutes: 20 on Thursday, the weekend skipped, 10 on Sunday from 07:30 Muscat.
      dueAt: '2026-03-08T03:40:00.000Z',
      classification: { confidence: 0.92, needsTriage: false },
      version: 1,
    });
  });

  it.each([
    ['pothole', '2026-03-03T06:00:00.000Z'],
    ['waste_collection', '2026-03-03T06:00:00.000Z'],
    ['general_inquiry', '2026-03-05T10:29:00.000Z'],
    ['wadi_flooding', '2026-03-01T03:40:00.000Z'],
  ])("sets dueAt for %s at %s by the category's tier-1 SLA in business time", (categoryCode, now) => {
    // Prepare
    const category = SEED_CATALOGUE.categories.find((c) => c.code === categoryCode);
    const start = new Date(now);

    // Act
    const { case: built } = build({}, { ...DRAFT, categoryCode }, start);

    // Assess
    expect(built.dueAt).toBe(
      addBusinessMinutes(start, category?.slaMinutes.tier1 ?? Number.NaN, MUSCAT_CALENDAR).toISOString(),
    );
    expect(new Date(built.dueAt).getTime()).toBeGreaterThan(start.getTime());
    expect(built.type).toBe(category?.caseType);
  });

  const phone: Identity = { kind: 'phone', value: '+96891234567' };
  const email: Identity = { kind: 'email', value: 'citizen@example.om' };
  it.each([
    ['voice', phone, 'sms'],
    ['sms', phone, 'sms'],
    ['email', email, 'email'],
    ['fax', phone, 'fax'],
    ['web', phone, 'sms'],
    ['web', email, 'email'],
    ['app', phone, 'sms'],
    ['chat', phone, 'sms'],
  ] as const satisfies readonly (readonly [Channel, Identity, Channel])[])(
    'answers a %s message from a %o on %s',
    (channel, from, replyChannel) => {
      // Act
      const { case: built } = build({ channel, from });

      // Assess
      expect(built.originChannel).toBe(channel);
      expect(built.replyChannel).toBe(replyChannel);
    },
  );

  it('keeps the location and adds the wilayat the draft found', () => {
    // Act
    const { case: built } = build(
      { location: { lat: 23.265, lng: 58.919, address: 'شاطئ قريات' } },
      {
        ...DRAFT,
        wilayatCode: 'qurayyat',
      },
    );

    // Assess
    expect(built.location).toEqual({
      lat: 23.265,
      lng: 58.919,
      address: 'شاطئ قريات',
      wilayatCode: 'qurayyat',
    });
  });

  it('writes the created event and the citizen message as the first timeline events', () => {
    // Act
    const { events } = build({ channel: 'web', externalId: 'idem-1', attachmentKeys: ['uploads/a.jpg'] });

    // Assess
    const at = THURSDAY_AFTERNOON.toISOString();
    expect(events).toEqual([
      {
        reference: REFERENCE,
        id: 'created',
        at,
        kind: 'created',
        actor: 'system',
        channel: 'web',
        data: { categoryCode: 'pothole', departmentCode: 'roads', explanation: ['حفر', 'كبير'] },
      },
      {
        reference: REFERENCE,
        id: 'in-web-idem-1',
        at,
        kind: 'message_in',
        actor: 'citizen',
        channel: 'web',
        text: POTHOLE_TEXT,
        data: { attachments: ['uploads/a.jpg'] },
      },
    ]);
  });

  it('leaves attachment data off a message without attachments', () => {
    // Act
    const { events } = build();

    // Assess
    expect(events[1]).not.toHaveProperty('data');
  });

  it('refuses a draft whose category is not in the catalogue', () => {
    // Act + Assess
    expect(() => build({}, { ...DRAFT, categoryCode: 'no_such_category' })).toThrow(/no_such_category/);
  });
});
