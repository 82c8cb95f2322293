/**
 * The hotline Lambda's contract with Amazon Connect: it reads the event Connect sends for "Invoke AWS Lambda
 * function" (fixture: the documented example, with our block's parameters), refuses what is not that event
 * with a bilingual error, and answers every operation with a flat map of strings within Connect's limit.
 */
import { readFileSync } from 'node:fs';
import type { ConnectContactFlowEvent } from 'aws-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import { lastDays } from '#core/stats/satisfaction.ts';
import { MAX_RESPONSE_BYTES, toRequest } from '../../../functions/connect/hotline.handler.ts';
import { formatReference } from '../../../functions/core/case/reference.ts';
import { SEED_CATALOGUE } from '../../../functions/core/catalogue/seed.ts';
import { ValidationError } from '../../../functions/core/errors.ts';
import {
  answerFlow,
  HOTLINE_OPERATIONS,
  type HotlineDeps,
  type HotlineOperation,
} from '../../../functions/core/hotline/hotline.ts';
import { HOTLINE_SETTINGS, validateHotlineSettings } from '../../../functions/core/hotline/settings.ts';
import { receiveInbound } from '../../../functions/core/intake/receive-inbound.ts';
import { PROCEDURES } from '../../../functions/core/knowledge/procedures.ts';
import { aCase, CITIZEN_PHONE } from '../../support/builders.ts';
import {
  FixedClock,
  InMemoryCaseStore,
  InMemoryContactCaseLinks,
  InMemoryContactStore,
  InMemoryInboundStore,
  InMemorySurveyTally,
} from '../../support/in-memory-stores.ts';

const fixture = () =>
  JSON.parse(
    readFileSync(new URL('../../fixtures/events/connect-flow-invoke.json', import.meta.url), 'utf8'),
  ) as ConnectContactFlowEvent;
const withParameters = (
  parameters: Record<string, string>,
  changes: (e: ConnectContactFlowEvent) => void = () => {},
) => {
  const event = fixture();
  event.Details.Parameters = parameters;
  changes(event);
  return event;
};

let cases: InMemoryCaseStore;
let contacts: InMemoryContactStore;
let links: InMemoryContactCaseLinks;
let sms: { to: string; text: string; id: string }[];
let deps: HotlineDeps;
let opened: number;
let surveys: InMemorySurveyTally;

beforeEach(() => {
  cases = new InMemoryCaseStore();
  contacts = new InMemoryContactStore();
  links = new InMemoryContactCaseLinks();
  surveys = new InMemorySurveyTally();
  sms = [];
  opened = 0;
  const inbound = new InMemoryInboundStore();
  const clock = new FixedClock();
  deps = {
    cases,
    contacts,
    links,
    clock,
    config: { municipality: { ar: 'بلدية مسقط', en: 'Muscat Municipality' }, referencePrefix: 'MCT' },
    catalogue: SEED_CATALOGUE,
    procedures: PROCEDURES,
    settings: HOTLINE_SETTINGS,
    surveys,
    utcOffsetMinutes: 240,
    receive: (i) =>
      receiveInbound(i, {
        inbound,
        contacts,
        cases,
        clock,
        openCase: async ({ inbound: message, contactId }) => {
          opened += 1;
          const c = aCase({
            reference: formatReference(2026, 100 + opened),
            contactId,
            categoryCode: message.categoryCode ?? '',
            originChannel: message.channel,
          });
          await cases.create(c, []);
          return { reference: c.reference };
        },
        onCitizenMessage: async () => {},
        answer: async () => {},
      }),
    sendSms: async (to, text, id) => {
      if (!sms.some((m) => m.id === id)) sms.push({ to, text, id });
      return true;
    },
  };
});

describe('the Connect event', () => {
  it('reads the operation, language, contact and caller from the documented event', () => {
    expect(toRequest(fixture())).toEqual({
      operation: 'checkReference',
      parameters: { operation: 'checkReference', lang: 'en', reference: '260001233#' },
      contactId: '4a573372-1f28-4e26-b97b-XXXXXXXXXXX',
      channel: 'VOICE',
      language: 'en',
      phone: CITIZEN_PHONE,
    });
  });

  it('takes a chat citizen’s number from the widget’s attribute, never from the (absent) endpoint', () => {
    const chat = withParameters({ operation: 'myCases' }, (e) => {
      e.Details.ContactData.Channel = 'CHAT';
      e.Details.ContactData.CustomerEndpoint = null;
      e.Details.ContactData.Attributes = { customerPhone: '٩١٢٣٤٥٦٧' };
    });
    expect(toRequest(chat)).toMatchObject({ channel: 'CHAT', language: 'ar', phone: CITIZEN_PHONE });
  });

  it.each([
    ['an unknown operation', withParameters({ operation: 'deleteEverything' })],
    [
      'a parameter longer than a key press needs',
      withParameters({ operation: 'status', reference: '1'.repeat(300) }),
    ],
    ['another event', { Records: [] }],
  ])('refuses %s with a bilingual validation error', (_, event) => {
    expect(() => toRequest(event)).toThrow(ValidationError);
    try {
      toRequest(event);
    } catch (error) {
      const fields = (error as ValidationError).fields ?? [];
      expect(fields.length).toBeGreaterThan(0);
      for (const f of fields) expect(f.message.ar && f.message.en).toBeTruthy();
    }
  });
});

describe('every answer', () => {
  const parametersFor: Record<HotlineOperation, Record<string, string>> = {
    identify: {},
    checkReference: { reference: '260001233#' },
    status: { reference: formatReference(2026, 1) },
    myCases: {},
    procedureMenu: {},
    procedure: { key: '1' },
    sendProcedure: { code: 'residential_building_permit' },
    categoryMenu: {},
    complaint: { key: '2' },
    queueStatus: { position: '3', waitSeconds: '420' },
    survey: { rating: '5', reference: formatReference(2026, 1) },
    ivrStep: { node: 'main_menu', input: '1' },
  };

  it.each(HOTLINE_OPERATIONS.flatMap((op) => (['ar', 'en'] as const).map((lang) => [op, lang] as const)))(
    '%s (%s) is a flat map of strings within Connect’s 32 KB',
    async (operation, lang) => {
      const contact = await contacts.ensure(
        { kind: 'phone', value: CITIZEN_PHONE },
        'ar',
        '2026-03-01T06:00:00Z',
      );
      await cases.create(aCase({ contactId: contact.contactId }), []);
      const request = toRequest(withParameters({ operation, lang, ...parametersFor[operation] }));
      const answer = await answerFlow(request, deps);
      expect(Object.values(answer).every((v) => typeof v === 'string')).toBe(true);
      expect(Buffer.byteLength(JSON.stringify(answer))).toBeLessThan(MAX_RESPONSE_BYTES);
      const spoken = answer.message ?? answer.welcomeAr ?? answer.nidaaPath ?? '';
      expect(spoken).not.toBe('');
      if (answer.message) expect(/[\u0600-\u06FF]/.test(answer.message)).toBe(lang === 'ar');
    },
  );
});

describe('operations', () => {
  const run = (parameters: Record<string, string>, changes?: (e: ConnectContactFlowEvent) => void) =>
    answerFlow(toRequest(withParameters({ lang: 'en', ...parameters }, changes)), deps);

  it('reads back a keypad reference digit by digit and refuses one with a wrong check digit', async () => {
    expect(await run({ operation: 'checkReference', reference: '260001233#' })).toEqual({
      valid: 'true',
      reference: '260001233',
      message: 'You entered 2 6 0 0 0 1 2 3 3. To confirm, press 1. To enter it again, press 2.',
    });
    expect((await run({ operation: 'checkReference', reference: '260001234' })).valid).toBe('false');
  });

  it('files one case per contact and category, however often Connect retries, and links the contact', async () => {
    const first = await run({ operation: 'complaint', key: '2' });
    const retried = await run({ operation: 'complaint', key: '2' });
    expect(first.created).toBe('true');
    expect(retried.reference).toBe(first.reference);
    expect(opened).toBe(1);
    const filed = await cases.get(first.reference ?? '');
    expect(filed).toMatchObject({ categoryCode: 'pothole', originChannel: 'voice' });
    expect(await links.find('4a573372-1f28-4e26-b97b-XXXXXXXXXXX')).toBe(first.reference);
  });

  it('never takes a new complaint as a follow-up of the caller’s resolved case', async () => {
    const contact = await contacts.ensure(
      { kind: 'phone', value: CITIZEN_PHONE },
      'ar',
      '2026-03-01T06:00:00Z',
    );
    await cases.create(aCase({ contactId: contact.contactId, status: 'resolved' }), []);
    const filed = await run({ operation: 'complaint', key: '1' });
    expect(filed.reference).not.toBe(formatReference(2026, 1));
    expect(opened).toBe(1);
  });

  it('answers an unknown menu key without filing anything', async () => {
    expect(await run({ operation: 'complaint', key: 'Timeout' })).toEqual({
      created: 'false',
      message: 'That choice is not available.',
    });
    expect(opened).toBe(0);
  });

  it('texts a procedure once per contact, even when asked twice', async () => {
    await run({ operation: 'sendProcedure', code: 'shop_licence_renewal' });
    await run({ operation: 'sendProcedure', code: 'shop_licence_renewal' });
    expect(sms).toHaveLength(1);
    expect(sms[0]?.to).toBe(CITIZEN_PHONE);
  });

  it('stores a rating on the case as a field and a timeline event, once per contact', async () => {
    await cases.create(aCase(), []);
    const reference = formatReference(2026, 1);
    await run({ operation: 'survey', rating: '٤', reference });
    await run({ operation: 'survey', rating: '4', reference });
    expect((await cases.get(reference))?.satisfaction).toMatchObject({ rating: 4, channel: 'voice' });
    const events = [...cases.events.values()].filter((e) => e.kind === 'survey');
    expect(events).toHaveLength(1);
    expect((await run({ operation: 'survey', rating: '7', reference })).valid).toBe('false');
    // Counted once for the supervisors, on the Muscat day of the call.
    const [today] = await surveys.days([lastDays(new FixedClock().now(), 1, 240)[0] as string]);
    expect(today?.ratings).toEqual({ 1: 0, 2: 0, 3: 0, 4: 1, 5: 0 });
  });

  it('offers a call back on a call when the wait is longer than the settings allow, never in chat', async () => {
    expect((await run({ operation: 'queueStatus', position: '4', waitSeconds: '301' })).offerCallback).toBe(
      'true',
    );
    expect((await run({ operation: 'queueStatus', position: '1', waitSeconds: '60' })).offerCallback).toBe(
      'false',
    );
    const chat = await run({ operation: 'queueStatus', position: '4', waitSeconds: '900' }, (e) => {
      e.Details.ContactData.Channel = 'CHAT';
    });
    expect(chat.offerCallback).toBe('false');
  });
});

it('the hotline menus name known procedures and categories, one to nine of each', () => {
  expect(
    validateHotlineSettings(HOTLINE_SETTINGS, {
      procedures: PROCEDURES.map((p) => p.code),
      categories: SEED_CATALOGUE.categories.map((c) => c.code),
    }),
  ).toEqual([]);
  expect(
    validateHotlineSettings(
      { ...HOTLINE_SETTINGS, complaintMenu: ['nope'] },
      { procedures: [], categories: [] },
    ),
  ).toContain('complaintMenu: unknown code nope');
});

describe('the IVR path (ivrStep): Set contact attributes cannot append, so the Lambda does', () => {
  const step = (path: string | undefined, node: string, input: string) =>
    answerFlow(
      toRequest(
        withParameters({ operation: 'ivrStep', lang: 'ar', node, input }, (e) => {
          e.Details.ContactData.Attributes = path === undefined ? {} : { nidaaPath: path };
        }),
      ),
      deps,
    );

  it('extends the path the contact carries, one node:input at a time', async () => {
    expect(await step(undefined, 'language_menu', '2')).toEqual({ nidaaPath: 'language_menu:2' });
    expect(await step('language_menu:2', 'main_menu', 'invalid')).toEqual({
      nidaaPath: 'language_menu:2|main_menu:invalid',
    });
    expect((await step('language_menu:2|main_menu:invalid', 'main_menu', 'timeout')).nidaaPath).toBe(
      'language_menu:2|main_menu:invalid|main_menu:timeout',
    );
  });

  it('reads Arabic-Indic keys as digits, Connect’s stored "Timeout" as timeout', async () => {
    expect((await step('', 'procedure_menu', '٣')).nidaaPath).toBe('procedure_menu:3');
    expect((await step('', 'survey_question', '۵#')).nidaaPath).toBe('survey_question:5');
    expect((await step('', 'enter_reference', 'Timeout')).nidaaPath).toBe('enter_reference:timeout');
  });

  it('keeps a number the caller typed out of the path: only `entered`', async () => {
    const answer = await step('main_menu:1|status_menu:1', 'enter_reference', '٢٦٠٠٠١٢٣٣#');
    expect(answer.nidaaPath).toBe('main_menu:1|status_menu:1|enter_reference:entered');
    expect(JSON.stringify(answer)).not.toMatch(/26000|٢٦٠/);
  });

  it('is bounded: the latest 60 steps, the oldest dropped, far below the 32 KB attribute limit', async () => {
    let path: string | undefined;
    for (let i = 0; i < 100; i++)
      path = (await step(path, i % 2 ? 'after_menu' : 'main_menu', String(i % 10))).nidaaPath;
    const steps = (path ?? '').split('|');
    expect(steps).toHaveLength(60);
    expect(steps.at(-1)).toBe('after_menu:9');
    expect(steps[0]).toBe('main_menu:0');
    expect(Buffer.byteLength(path ?? '')).toBeLessThan(5 * 1024);
  });

  it('cleans a node name and a tampered path instead of failing the call', async () => {
    expect((await step('main_menu:260000001', 'Offer SMS', '1')).nidaaPath).toBe(
      'main_menu:invalid|offer_sms:1',
    );
  });
});
