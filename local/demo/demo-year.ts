/**
 * Local mode's demo year: a year of reports in the replay format (createdAt, categoryCode, wilayatCode,
 * channel, language, text, resolvedAt?, satisfaction?), built from public 311 data by
 * tools/make-demo-year.ts. Used to show statistics on a city at work and to measure early warning.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Channel, Language } from '../../functions/core/case/case.ts';
import { PROJECT_ROOT } from '../../lib/project-root.ts';
import { csvFields } from '../replay/replay-file.ts';

export const DEMO_YEAR_FILE = path.join(PROJECT_ROOT, 'local', 'demo', 'year-2026.csv.gz');

export type ReplayRow = {
  createdAt: string;
  categoryCode: string;
  wilayatCode: string;
  channel: Channel;
  language: Language;
  text: string;
  resolvedAt?: string;
  satisfaction?: number;
};

const COLUMNS = [
  'createdAt',
  'categoryCode',
  'wilayatCode',
  'channel',
  'language',
  'text',
  'resolvedAt',
  'satisfaction',
] as const;

const quote = (value: string) => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

export function toCsv(rows: readonly ReplayRow[]): string {
  const lines = rows.map((r) => COLUMNS.map((c) => quote(String(r[c] ?? ''))).join(','));
  return `${COLUMNS.join(',')}\n${lines.join('\n')}\n`;
}

/** The demo year's rows (a text with a comma is quoted, as toCsv writes it). */
export function readDemoYear(file = DEMO_YEAR_FILE): ReplayRow[] {
  const [, ...lines] = gunzipSync(readFileSync(file)).toString('utf8').trim().split('\n');
  return lines.map((line) => {
    const [createdAt, categoryCode, wilayatCode, channel, language, text, resolvedAt, satisfaction] =
      csvFields(line) ?? [];
    return {
      createdAt: createdAt ?? '',
      categoryCode: categoryCode ?? '',
      wilayatCode: wilayatCode ?? '',
      channel: channel as Channel,
      language: language as Language,
      text: text ?? '',
      ...(resolvedAt ? { resolvedAt } : {}),
      ...(satisfaction ? { satisfaction: Number(satisfaction) } : {}),
    };
  });
}
