/**
 * Local mode writes a contact record when a simulated call ends, in Connect's shape, stores it in the local
 * contact-records bucket and tells contactRecords, as Firehose and S3 would; the analytics transform reads
 * the IVR path, the drop and the language from it.
 */
import { describe, expect, it } from 'vitest';
import { contactRowOf, ivrStepRowsOf } from '../../../functions/core/analytics/contact-records.ts';
import { defineStageConfig, readRuntimeConfig } from '../../../functions/shared/runtime-config.ts';
import { runtimeConfigFor } from '../../../lib/config/runtime-config.ts';
import { FakeS3 } from '../../../local/fake-aws/s3.ts';
import { CONTACT_RECORDS_BUCKET, serveCallRoute } from '../../../local/ivr/calls.ts';
import { stageConfig } from '../../infra/synth.ts';
import { identify, ivrStepAnswer } from '../../support/hotline-answers.ts';

defineStageConfig(runtimeConfigFor(stageConfig('dev')));

describe('local contact records', () => {
  it('a caller who chose English, pressed a wrong key and hung up in the main menu', async () => {
    const store = new FakeS3();
    const invoked: { name: string; event: unknown }[] = [];
    let now = Date.parse('2026-03-01T06:00:00Z');
    const deps = {
      invoke: async (name: string, event: unknown) => {
        invoked.push({ name, event });
        return name === 'hotline' ? (ivrStepAnswer(event) ?? identify) : undefined;
      },
      clock: {
        now: () => {
          now += 5000;
          return new Date(now);
        },
      },
      s3: store,
      transcriptsBucket: 'transcripts',
    };
    const started = await serveCallRoute('POST', '/_local/calls', { from: '+96891234567' }, deps as never);
    const { callId } = (started as { body: { callId: string } }).body;
    for (const digits of ['2', '7']) {
      await serveCallRoute('POST', `/_local/calls/${callId}/keys`, { digits }, deps as never);
    }
    expect(invoked.filter((i) => i.name === 'contactRecords')).toEqual([]);
    await serveCallRoute('POST', `/_local/calls/${callId}/hangup`, {}, deps as never);

    const delivered = invoked.filter((i) => i.name === 'contactRecords');
    expect(delivered).toHaveLength(1);
    const notified = delivered[0]?.event as { Records: { s3: { object: { key: string } } }[] } | undefined;
    const key = decodeURIComponent(notified?.Records[0]?.s3.object.key ?? '');
    expect(key).toMatch(/^contact-records\/2026\/03\/01\//);
    const body = store.get(CONTACT_RECORDS_BUCKET, key);
    const ctr = JSON.parse(Buffer.from(body?.body ?? '').toString('utf8'));
    expect(ctr).toMatchObject({
      ContactId: callId,
      Channel: 'VOICE',
      InitiationMethod: 'INBOUND',
      DisconnectReason: 'CUSTOMER_DISCONNECT',
      Queue: null,
      Agent: null,
      // As Connect writes it: the answers so far, and the menu the caller was in when the call ended.
      Attributes: {
        nidaaLanguage: 'en',
        nidaaPath: 'language_menu:2|main_menu:invalid',
        nidaaWaiting: 'main_menu',
      },
    });
    const calendar = readRuntimeConfig().calendar;
    expect(contactRowOf(ctr, calendar)).toMatchObject({
      ivr_outcome: 'dropped',
      language: 'en',
      offered: false,
    });
    expect(
      ivrStepRowsOf(ctr, contactRowOf(ctr, calendar)).map((s) => [s.node, s.input, s.ended_here]),
    ).toEqual([
      ['language_menu', '2', false],
      ['main_menu', 'invalid', false],
      ['main_menu', 'hangup', true],
    ]);
    // The call has ended: no second record.
    const again = await serveCallRoute('POST', `/_local/calls/${callId}/hangup`, {}, deps as never);
    expect(again.status).toBe(400);
    expect(invoked.filter((i) => i.name === 'contactRecords')).toHaveLength(1);
  });
});
