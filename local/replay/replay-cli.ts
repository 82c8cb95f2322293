/**
 * `npx nidaa replay <file>`: a replay file (CSV or JSON lines, gzip allowed) sent to a running local mode
 * in time order, in batches, with progress and the rate; bad rows are listed with their line numbers and
 * skipped. Running it again changes nothing: every row is found already done.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parseReplayFile, replaySteps } from './replay-file.ts';
import type { StepResult } from './replay-service.ts';

export type ReplaySummary = {
  rows: number;
  badRows: number;
  steps: number;
  done: number;
  already: number;
  skipped: number;
  seconds: number;
  /** Steps per second, measured end to end (HTTP, intake, workflows). */
  rate: number;
};

export async function replayFile(
  file: string,
  options: { url: string; batch?: number; log?: (line: string) => void },
): Promise<ReplaySummary> {
  const log = options.log ?? console.log;
  const bytes = readFileSync(file);
  const content = (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  const { rows, bad } = parseReplayFile(content);
  for (const b of bad) log(`  ✗ line ${b.line}: ${b.problem} — skipped`);
  const steps = replaySteps(rows);
  log(`${rows.length} rows (${bad.length} bad, skipped) → ${steps.length} steps (open, resolve, rate)`);
  const batch = Math.min(Math.max(options.batch ?? 200, 1), 500);
  const started = Date.now();
  const counts = { done: 0, already: 0, skipped: 0 };
  let lastReport = started;
  let problemsShown = 0;
  for (let i = 0; i < steps.length; i += batch) {
    const slice = steps.slice(i, i + batch);
    const res = await fetch(`${options.url}/_local/replay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'en' },
      body: JSON.stringify({ steps: slice }),
    });
    const body = (await res.json()) as {
      results?: StepResult[];
      now?: string;
      messages?: { ar: string; en: string };
    };
    if (!res.ok || !body.results)
      throw new Error(body.messages ? `${body.messages.en}\n${body.messages.ar}` : `HTTP ${res.status}`);
    for (const r of body.results) {
      counts[r.outcome] += 1;
      if (r.problem && problemsShown < 20) {
        problemsShown += 1;
        log(`  ⚠ ${r.kind} ${r.id}: ${r.problem}`);
      }
    }
    const doneSteps = Math.min(i + batch, steps.length);
    if (Date.now() - lastReport > 2000 || doneSteps === steps.length) {
      lastReport = Date.now();
      const rate = doneSteps / Math.max((Date.now() - started) / 1000, 0.001);
      log(
        `  ${doneSteps}/${steps.length} steps · local time ${body.now} · ${rate.toFixed(0)} steps/s · ` +
          `${counts.done} done, ${counts.already} already, ${counts.skipped} skipped`,
      );
    }
  }
  const seconds = (Date.now() - started) / 1000;
  return {
    rows: rows.length,
    badRows: bad.length,
    steps: steps.length,
    ...counts,
    seconds,
    rate: steps.length / Math.max(seconds, 0.001),
  };
}
