/**
 * The monthly report in local mode, end to end: records in the local lake, `POST /_local/monthly-report`
 * runs the catalogue's monthlySchedule function through the fake Athena (DuckDB), and the mail with its
 * three attachments lands in the SES emulator's sent mail, as the outbox shows it.
 */
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../../local/local-stack.ts';
import type { OutboxEntry } from '../../local/outbox.ts';
import { recordCase } from '../support/lake-records.ts';

let stack: LocalStack;
const RECIPIENT = 'performance-office@nidaa-dev.example.om';
beforeAll(async () => {
  stack = await startLocalStack({ fastRetries: true });
  // Three cases opened in February 2026 (Muscat), one in March.
  for (const [i, at] of [
    '2026-02-03T06:00:00.000Z',
    '2026-02-14T06:00:00.000Z',
    '2026-02-27T06:00:00.000Z',
  ].entries())
    recordCase(stack.lake, [{ reference: `26000020${i}`, createdAt: at, updatedAt: at, dueAt: at }]);
  recordCase(stack.lake, [
    { reference: '260000210', createdAt: '2026-03-02T06:00:00.000Z', updatedAt: '2026-03-02T06:00:00.000Z' },
  ]);
});
afterAll(() => stack.stop());

const run = (body: unknown) =>
  fetch(`${stack.url}/_local/monthly-report`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('the monthly report in local mode', () => {
  it('mails the month’s report with both PDFs and the workbook to the dev stage’s list', async () => {
    const res = await run({ month: '2026-02' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      monthlyReport: { status: 'sent', month: '2026-02', deliveries: [{ to: RECIPIENT, status: 'sent' }] },
    });

    const outbox = (await (await fetch(`${stack.url}/_local/outbox`)).json()) as OutboxEntry[];
    const mails = outbox.filter((e) => e.channel === 'email' && e.to === RECIPIENT);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toContain('فبراير 2026');
    expect(mails[0]?.text).toContain('Cases opened: 3');
    expect(mails[0]?.attachments).toEqual([
      { filename: 'nidaa-report-2026-02-ar.pdf', contentType: 'application/pdf', size: expect.any(Number) },
      { filename: 'nidaa-report-2026-02-en.pdf', contentType: 'application/pdf', size: expect.any(Number) },
      {
        filename: 'nidaa-figures-2026-02.xlsx',
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        size: expect.any(Number),
      },
    ]);

    // The attachment as the recipient gets it: a workbook whose first sheet is right to left.
    const store = (await (await fetch(`${stack.sesUrl}/store`)).json()) as {
      emails: { destination: { to: string[] }; attachments: { filename: string; content: string }[] }[];
    };
    const sent = store.emails.find((e) => e.destination.to.includes(RECIPIENT));
    const xlsx = sent?.attachments.find((a) => a.filename.endsWith('.xlsx'));
    const parts = unzipSync(Buffer.from(xlsx?.content ?? '', 'base64'));
    expect(new TextDecoder().decode(parts['xl/worksheets/sheet1.xml'])).toContain('rightToLeft="1"');

    // Run again (a retried schedule): the ledger keeps the list from a second copy.
    expect(await (await run({ month: '2026-02' })).json()).toMatchObject({
      monthlyReport: { deliveries: [{ to: RECIPIENT, status: 'already_sent' }] },
    });
  });

  it('refuses a month that is not YYYY-MM, in both languages, and sends nothing', async () => {
    const res = await run({ month: '2026-13' });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { messages: { ar: string; en: string } };
    expect(problem.messages.en).toContain('YYYY-MM');
    expect(problem.messages.ar).toContain('YYYY-MM');
  });
});
