/**
 * The alert store on the table local mode creates (dynalite, the AWS schema), the notice on the
 * supervisors' topic in the request shape SNS documents, and one hourly run over a fake engine: alerts
 * stored once per id, listed open first and newest first across pages, acknowledged once.
 */
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DynamoAlertStore } from '#adapters/dynamodb/alert-store.ts';
import { SnsAlertNotices } from '#adapters/messaging/alert-notices.ts';
import type { AnalyticsEngine } from '#core/analytics/engine.ts';
import { SEED_CATALOGUE } from '#core/catalogue/seed.ts';
import { trainClassifier } from '#core/classify/classifier.ts';
import { TRAINING_EXAMPLES } from '#core/classify/training-examples.ts';
import { ConflictError } from '#core/errors.ts';
import { type Alert, acknowledgeAlert, type Finding, toAlert } from '#core/insights/alert.ts';
import { runDetectors } from '#core/insights/run-detectors.ts';
import { MUSCAT_CALENDAR } from '#core/sla/business-calendar.ts';
import { startTable } from '../../support/dynalite-table.ts';

let table: Awaited<ReturnType<typeof startTable>>;
let store: DynamoAlertStore;
beforeAll(async () => {
  table = await startTable();
  store = new DynamoAlertStore(table.db, table.tableName);
});
afterAll(() => table.stop());

const finding = (hour: number, wilayat: string, kind: Finding['kind'] = 'spike'): Finding => {
  const to = new Date(Date.parse('2026-04-01T00:00:00Z') + hour * 3_600_000).toISOString();
  return {
    kind,
    detectedAt: to,
    from: to,
    to,
    place: { categoryCode: 'potholes', wilayatCode: wilayat },
    observed: 9,
    expected: 0.5,
    unit: 'cases',
    references: ['260000001'],
  };
};

describe('the DynamoDB alert store', () => {
  it('stores an alert once per id, lists open before acknowledged and newest first, page by page', async () => {
    const alerts = [1, 2, 3, 4, 5].map((h) => toAlert(finding(h, `w${h}`)));
    for (const a of alerts) expect(await store.add(a)).toBe(true);
    expect(await store.add(alerts[0] as Alert)).toBe(false);
    await store.acknowledge((alerts[4] as Alert).id, 'supervisor', 'seen', '2026-04-01T06:00:00.000Z');
    await store.acknowledge((alerts[1] as Alert).id, 'supervisor', 'seen', '2026-04-01T06:00:00.000Z');

    const ids: string[] = [];
    let after: string | undefined;
    do {
      const page = await store.list({ limit: 2, ...(after ? { after } : {}) });
      ids.push(...page.alerts.map((a) => a.id));
      after = page.next;
    } while (after);
    const [a1, a2, a3, a4, a5] = alerts.map((a) => a.id);
    expect(ids).toEqual([a4, a3, a1, a5, a2]);
    expect((await store.list({ limit: 10, status: 'acknowledged' })).alerts.map((a) => a.id)).toEqual([
      a5,
      a2,
    ]);
    expect((await store.list({ limit: 10, kind: 'theme' })).alerts).toEqual([]);
    expect((await store.recent('2026-04-01T04:00:00.000Z')).map((a) => a.id)).toEqual([a4, a5]);
  });

  it('is acknowledged once: a second acknowledgement is a conflict naming who did it', async () => {
    const alert = toAlert(finding(10, 'ack'));
    await store.add(alert);
    const done = await acknowledgeAlert(
      store,
      alert.id,
      'supervisor',
      'team sent',
      '2026-04-01T11:00:00.000Z',
    );
    expect(done).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'supervisor', note: 'team sent' });
    await expect(
      acknowledgeAlert(store, alert.id, 'admin', 'me too', '2026-04-01T12:00:00.000Z'),
    ).rejects.toThrow(ConflictError);
    expect(await store.get(alert.id)).toMatchObject({ acknowledgedBy: 'supervisor', note: 'team sent' });
  });
});

describe('the notice on the supervisors’ topic', () => {
  const sns = mockClient(SNSClient);
  beforeEach(() => sns.reset());

  it('publishes an ASCII subject, Arabic then English, the cases and the panel link', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    const alert = toAlert({ ...finding(3, 'bawshar'), references: ['260000001', '260000002'] });
    await new SnsAlertNotices(
      new SNSClient({}),
      'arn:aws:sns:me-central-1:1:alerts',
      'https://panel.example.om/panel/',
    ).announce(alert);
    const input = sns.commandCalls(PublishCommand)[0]?.args[0].input;
    expect(input?.TopicArn).toBe('arn:aws:sns:me-central-1:1:alerts');
    expect(input?.Subject).toBe('Nidaa alert: Spike in reports (category potholes, wilayat bawshar)');
    expect(input?.Subject).toMatch(/^[\x20-\x7e]{1,99}$/);
    expect(input?.Message?.indexOf('ارتفاع مفاجئ')).toBeLessThan(
      input?.Message?.indexOf('Spike in reports') ?? 0,
    );
    expect(input?.Message).toContain('260000001, 260000002');
    expect(input?.Message).toContain(`https://panel.example.om/panel/#/alerts/${alert.id}`);
    expect(input?.MessageAttributes?.alert).toEqual({ DataType: 'String', StringValue: alert.id });
  });
});

describe('one hourly run', () => {
  const model = trainClassifier(TRAINING_EXAMPLES, SEED_CATALOGUE);
  const calendar = MUSCAT_CALENDAR;
  const now = new Date('2026-05-10T09:05:00Z');

  it('keeps going when one detector fails, stores each new alert once and announces only new ones', async () => {
    const asked: string[] = [];
    const engine: AnalyticsEngine = {
      run: async (name, params) => {
        asked.push(`${name} ${params.join(' ')}`);
        if (name === 'detect_repeat_places') throw new Error('Athena said no');
        if (name === 'detect_repeat_contacts')
          return [
            {
              reference: '260000900',
              category_code: 'waste',
              wilayat_code: 'seeb',
              department_code: 'cleanliness',
              contacts: 3,
              contacts_in_window: 1,
            },
          ];
        return [];
      },
    };
    const announced: string[] = [];
    const deps = {
      engine,
      alerts: store,
      calendar,
      model,
      unsureTexts: async () => [],
      announce: async (a: Alert) => void announced.push(a.id),
    };
    const first = await runDetectors(deps, now);
    expect(first.hour).toBe('2026-05-10T09:00:00.000Z');
    expect(first.failed).toEqual([{ detector: 'repeatPlaces', error: 'Athena said no' }]);
    expect(first.stored.map((a) => [a.kind, a.references])).toEqual([['repeat_citizen', ['260000900']]]);
    expect(announced).toEqual(first.stored.map((a) => a.id));
    // The window the queries asked for: the hour just closed, as both engines read a timestamp.
    expect(asked).toContain(
      'detect_repeat_contacts 2026-02-09 2026-05-10 09:00:00 2026-05-10 08:00:00 2026-05-10 08:00:00 3',
    );

    const again = await runDetectors(deps, now);
    expect(again.stored).toEqual([]);
    expect(announced).toHaveLength(1);
  });

  it('reads the stored alerts once per run, back to the longest quiet period (a theme week)', async () => {
    const recent = vi.spyOn(store, 'recent');
    await runDetectors(
      {
        engine: { run: async () => [] },
        alerts: store,
        calendar,
        model,
        unsureTexts: async () => [],
        announce: async () => {},
      },
      now,
    );
    // Local today began 2026-05-09T20:00Z; a week before that is the longest quiet period.
    expect(recent.mock.calls).toEqual([['2026-05-02T20:00:00.000Z']]);
    recent.mockRestore();
  });
});
