/**
 * `npm start` stopped hard (kill -9) and started again on the same data dir, as a developer does many
 * times a day: waiting cases resume where they were, nothing sent is forgotten, nothing is sent twice.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../lib/project-root.ts';
import type { RecoveryReport } from '../../local/recovery.ts';
import { eventually, localClient, referenceIn } from '../support/local-client.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'nidaa-restart-'));
let child: ChildProcess | undefined;
let url = '';
const { post, get, outbox, as } = localClient(() => ({ url }) as never);

type Started = { recovered: Promise<RecoveryReport> };

/** Starts local mode in its own process on `dataDir`; resolves once it serves. */
function start(): Promise<Started> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'test/support/local-child.ts'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, NIDAA_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child = proc;
  const lines = createInterface({ input: proc.stdout as NonNullable<typeof proc.stdout> });
  let recovered: (report: RecoveryReport) => void = () => {};
  const recovery = new Promise<RecoveryReport>((resolve) => {
    recovered = resolve;
  });
  return new Promise((resolve, reject) => {
    proc.once('exit', (code) => reject(new Error(`local mode exited (${code}) before it was ready`)));
    lines.on('line', (line) => {
      if (!line.startsWith('{')) return;
      const message = JSON.parse(line) as { url?: string; recovered?: RecoveryReport };
      if (message.url) {
        url = message.url;
        resolve({ recovered: recovery });
      }
      if (message.recovered) recovered(message.recovered);
    });
  });
}

/** A crash, not a shutdown: nothing gets the chance to flush. */
async function killHard() {
  const proc = child;
  if (!proc || proc.exitCode !== null) return;
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  proc.kill('SIGKILL');
  await exited;
}

afterAll(async () => {
  await killHard();
  rmSync(dataDir, { recursive: true, force: true });
});

const rawMail = [
  'From: Sara <sara.restart@example.om>',
  'To: nidaa@nidaa-dev.example.om',
  'Subject: Overflowing bins',
  `Message-ID: <${crypto.randomUUID()}@example.om>`,
  '',
  'The bins near Qurum park overflow and nobody has emptied them for days.',
  '',
].join('\r\n');

describe('local mode restarted on the same data', () => {
  it('resumes a waiting case with its one Connect task, keeps e-mail acknowledgements, and still moves it on', async () => {
    // Prepare: a case waiting in tier 1, and an e-mail acknowledged.
    await start();
    const phone = '+96892100001';
    expect(
      (await post('/_local/sms', { from: phone, text: 'عمود الإنارة مطفأ في الشارع منذ أسبوع في السيب' }))
        .status,
    ).toBe(202);
    const reference = await eventually(async () => {
      const ack = (await outbox()).find((e) => e.channel === 'sms' && e.to === phone);
      const found = referenceIn(ack?.text);
      expect(found).toBeDefined();
      return found as string;
    });
    const tasksOf = async () =>
      (await outbox()).filter((e) => e.channel === 'task' && e.reference === reference);
    await eventually(async () => expect(await tasksOf()).toHaveLength(1));
    expect((await fetch(`${url}/_local/email`, { method: 'POST', body: rawMail })).status).toBe(202);
    const mailAcks = async () =>
      (await outbox()).filter((e) => e.channel === 'email' && e.to === 'sara.restart@example.om');
    await eventually(async () => expect(await mailAcks()).toHaveLength(1));

    // Act: three crashes and restarts; after the last, an agent resolves the case at once, whether or
    // not recovery has reached it yet.
    let recovered: Promise<RecoveryReport> = Promise.resolve({ open: 0, resumed: 0, ms: 0 });
    for (let round = 0; round < 3; round++) {
      await recovered;
      await killHard();
      ({ recovered } = await start());
    }
    const resolved = await post(
      `/v1/cases/${reference}/resolve`,
      { answer: 'تم إصلاح عمود الإنارة.' },
      await as('agent1'),
    );
    expect(resolved.status).toBe(200);

    // Assert: still one task in tier 1, the e-mail acknowledgement is still there, and the resumed
    // lifecycle answers the citizen.
    expect((await recovered).open).toBeGreaterThanOrEqual(2);
    expect(await tasksOf()).toHaveLength(1);
    expect(await mailAcks()).toHaveLength(1);
    await eventually(async () => {
      const texts = (await outbox()).filter((e) => e.channel === 'sms' && e.to === phone).map((e) => e.text);
      expect(texts.some((t) => t.includes('تم إصلاح عمود الإنارة'))).toBe(true);
    });
    expect(((await (await get(`/v1/requests/${reference}`)).json()) as { status: string }).status).toBe(
      'resolved',
    );
  }, 180_000);
});
