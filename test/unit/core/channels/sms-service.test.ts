import type { SNSEvent } from 'aws-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import { FixtureVehicleRecords } from '#adapters/vehicles/fixture-vehicle-records.ts';
import { SEED_CATALOGUE } from '#core/catalogue/seed.ts';
import { answerSms, replyMessageId, runSmsCommand, type SmsChannelDeps } from '#core/channels/sms-service.ts';
import { type TwoWaySms, toInbound, twoWaySms } from '#core/channels/two-way-sms.ts';
import { type IntakeDeps, receiveInbound } from '#core/intake/receive-inbound.ts';
import snsEvent from '../../../fixtures/events/sns-two-way-sms.json' with { type: 'json' };
import {
  FixedClock,
  InMemoryCaseStore,
  InMemoryContactStore,
  InMemoryInboundStore,
  InMemoryOutboundLedger,
  InMemorySmsOptOuts,
  RecordingMessenger,
} from '../../../support/in-memory-stores.ts';

const PHONE = '+96891234567';
let messenger: RecordingMessenger;
let outbound: InMemoryOutboundLedger;
let optOuts: InMemorySmsOptOuts;
let opened: string[];
let deps: IntakeDeps;

beforeEach(() => {
  messenger = new RecordingMessenger();
  outbound = new InMemoryOutboundLedger();
  optOuts = new InMemorySmsOptOuts();
  opened = [];
  const clock = new FixedClock('2026-11-28T07:45:08.000Z');
  const sms: SmsChannelDeps = {
    messenger,
    outbound,
    optOuts,
    clock,
    vehicles: new FixtureVehicleRecords(),
    context: {
      municipality: { ar: 'بلدية مسقط', en: 'Muscat Municipality' },
      referencePrefix: 'MCT',
      catalogue: SEED_CATALOGUE,
    },
  };
  // The same wiring as functions/shared/sms.ts, with in-memory stores.
  deps = {
    inbound: new InMemoryInboundStore(),
    contacts: new InMemoryContactStore(),
    cases: new InMemoryCaseStore(),
    clock,
    openCase: async ({ inbound }) => {
      opened.push(inbound.text);
      return { reference: '260001233' };
    },
    onCitizenMessage: async () => {},
    answer: async (inbound, answer, language) => {
      await answerSms(inbound, answer, language, sms);
    },
    runCommand: (inbound) => runSmsCommand(inbound, sms),
  };
});

let counter = 0;
const text = (body: string, from = PHONE): TwoWaySms =>
  twoWaySms({ from, to: '90888', text: body, inboundMessageId: `in-${++counter}` });
const receive = (sms: TwoWaySms) => receiveInbound(toInbound(sms, '2026-11-28T07:45:07.000Z', ['MCT']), deps);
const texts = () => messenger.sent.map((m) => m.message.text);

describe('inbound SMS as AWS delivers it on the SNS topic', () => {
  it('reads the two-way SMS JSON from the SNS record and answers the vehicle lookup', async () => {
    const record = (snsEvent as unknown as SNSEvent).Records[0];
    const sms = JSON.parse(record?.Sns.Message ?? '{}') as TwoWaySms;
    expect(Object.keys(sms)).toEqual([
      'originationNumber',
      'destinationNumber',
      'messageKeyword',
      'messageBody',
      'inboundMessageId',
      'previousPublishedMessageId',
    ]);

    const result = await receive(sms);

    expect(result).toEqual({ kind: 'answered', duplicate: false });
    expect(messenger.sent).toEqual([
      {
        to: { channel: 'sms', to: PHONE },
        message: { text: expect.stringContaining('مخالفات بلدية غير مدفوعة: 2 بمبلغ 15.000 ر.ع.') },
        options: {},
      },
    ]);
    expect(
      outbound.entries.get(replyMessageId({ channel: 'sms', externalId: sms.inboundMessageId })),
    ).toMatchObject({ providerMessageId: 'provider-1', details: { segments: 2, encoding: 'UCS-2' } });
  });

  it('answers a redelivered message once', async () => {
    const sms = text('VH 777 AR');
    await receive(sms);
    const again = await receive(sms);
    expect(again).toEqual({ kind: 'answered', duplicate: true });
    expect(texts()).toHaveLength(1);
  });

  it('builds the same JSON for a message that came by webhook', () => {
    expect(twoWaySms({ from: PHONE, to: '90888', text: ' رط ١٢٣ ', inboundMessageId: 'agg-1' })).toEqual({
      originationNumber: PHONE,
      destinationNumber: '90888',
      messageKeyword: 'رط',
      messageBody: ' رط ١٢٣ ',
      inboundMessageId: 'agg-1',
    });
  });
});

describe('SMS commands', () => {
  it('answers the vehicle lookup in the keyword’s language, and "try later" in both when the system fails', async () => {
    await receive(text('VH 4821 ر'));
    await receive(text('ام ٩٩٩٩٩ ص'));
    expect(texts()).toEqual([
      'Vehicle 4821 ر: No unpaid municipal fines. No municipal permits.',
      'تعذر الاستعلام عن المركبة الآن، حاولوا لاحقاً.\nVehicle lookup is unavailable now; try later.',
    ]);
    expect(opened).toEqual([]);
  });

  it('answers a garbled command with the bilingual usage help, and opens no case', async () => {
    await receive(text('ام 12345'));
    expect(texts()).toEqual([expect.stringMatching(/^للاستعلام: رط .*\nStatus: ST /s)]);
    expect(opened).toEqual([]);
  });

  it('STOP: records the opt-out, confirms it even so, and that confirmation is the last SMS the number gets', async () => {
    await receive(text('إيقاف'));
    expect(optOuts.optedOut.get(PHONE)).toBe('2026-11-28T07:45:07.000Z');
    expect(texts()).toEqual([expect.stringContaining('أوقفنا رسائلنا لرقمكم')]);

    await receive(text('مساعدة'));
    await receive(text('VH 777 AR'));
    await receive(text('رط 260001233'));
    expect(texts()).toHaveLength(1);
  });

  it('START: opts the number back in, confirms, and replies flow again', async () => {
    await receive(text('STOP'));
    await receive(text('start'));
    await receive(text('HELP'));
    expect(optOuts.optedOut.has(PHONE)).toBe(false);
    expect(texts()).toEqual([
      'Muscat Municipality: you will get no more SMS from us. To get them again, send START.',
      'Muscat Municipality: SMS from us are on again. To stop them, send STOP.',
      expect.stringContaining('for a request'),
    ]);
  });

  it('still opens a case for a message from an opted-out number (only the SMS to it are held back)', async () => {
    await receive(text('إيقاف'));
    const result = await receive(text('تجمع مياه في الشارع أمام المدرسة'));
    expect(result).toEqual({ kind: 'new_case', reference: '260001233', duplicate: false });
    expect(opened).toEqual(['تجمع مياه في الشارع أمام المدرسة']);
  });
});
