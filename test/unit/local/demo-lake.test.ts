import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SEED_CATALOGUE } from '#core/catalogue/seed.ts';
import { runtimeConfigFor } from '../../../lib/config/runtime-config.ts';
import { LocalLake } from '../../../local/analytics/lake.ts';
import { demoCaseHistory, seedDemoLake } from '../../../local/demo/demo-lake.ts';
import { type ReplayRow, readDemoYear } from '../../../local/demo/demo-year.ts';
import { stageConfig } from '../../infra/synth.ts';

const calendar = runtimeConfigFor(stageConfig('dev')).calendar;
const dir = mkdtempSync(path.join(tmpdir(), 'demo-lake-'));
const lake = new LocalLake(dir);
afterAll(async () => {
  await lake.close();
  rmSync(dir, { recursive: true, force: true });
});

const row = (overrides: Partial<ReplayRow> = {}): ReplayRow => ({
  createdAt: '2026-03-01T05:00:00.000Z',
  categoryCode: 'pothole',
  wilayatCode: 'muttrah',
  channel: 'web',
  language: 'ar',
  text: 'حفرة',
  ...overrides,
});

describe('the demo year in the analytics lake', () => {
  it('turns a report answered late into its escalations, the answer and the rating, marked as demo', () => {
    const { versions, events } = demoCaseHistory(
      row({ resolvedAt: '2026-03-20T05:00:00.000Z', satisfaction: 2 }),
      0,
      SEED_CATALOGUE,
      calendar,
    );
    expect(versions[0]?.reference).toMatch(/^26900000\d{2}$/);
    expect(versions.map((v) => [v.tier, v.status])).toEqual([
      [1, 'assigned'],
      [2, 'assigned'],
      [3, 'assigned'],
      [3, 'resolved'],
      [3, 'resolved'],
    ]);
    expect(events.filter((e) => e.kind === 'tier').map((e) => e.data?.cause)).toEqual([
      'sla_breach',
      'sla_breach',
    ]);
    expect(versions.at(-1)?.satisfaction?.rating).toBe(2);
  });

  it('writes rows once (a second start adds nothing) that the SQL reads back', async () => {
    const rows = [
      row(),
      row({ createdAt: '2026-03-02T06:00:00.000Z', resolvedAt: '2026-03-02T07:00:00.000Z' }),
    ];
    expect(seedDemoLake(lake, dir, { catalogue: SEED_CATALOGUE, calendar, rows })).toBe(2);
    expect(seedDemoLake(lake, dir, { catalogue: SEED_CATALOGUE, calendar, rows })).toBe(0);
    expect(readdirSync(path.join(dir, 'cases', 'day=2026-03-02'))).toEqual(['part-demo.jsonl']);
    const [counted] = await lake.query(
      "SELECT count(DISTINCT reference) AS cases, count(*) FILTER (WHERE status = 'resolved') AS resolved FROM cases WHERE citizen_key LIKE 'demo:%'",
    );
    expect(counted).toEqual({ cases: 2, resolved: 1 });
  });

  it('builds the whole year in seconds', () => {
    const started = Date.now();
    const rows = readDemoYear();
    const histories = rows.map((r, i) => demoCaseHistory(r, i, SEED_CATALOGUE, calendar));
    expect(histories.length).toBeGreaterThan(15_000);
    // Texts with a comma are quoted in the file: every row still has its own times.
    expect(rows.filter((r) => r.text.includes(','))).not.toHaveLength(0);
    expect(rows.every((r) => !Number.isNaN(Date.parse(r.resolvedAt ?? r.createdAt)))).toBe(true);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
