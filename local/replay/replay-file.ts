/**
 * A replay file (CSV with a header, or JSON lines) as time-ordered steps: each row opens a case at its
 * `createdAt`, is resolved at its `resolvedAt` and rated at once after. Rows are checked here, each bad
 * one reported with its line number and skipped. A row's id is its `id` column, else a hash of its fields:
 * replaying the same file twice finds every row already done.
 */
import { createHash } from 'node:crypto';
import { CHANNELS, type Channel, type Language } from '../../functions/core/case/case.ts';
import { CATEGORIES, WILAYATS } from '../../functions/core/catalogue/seed.ts';
import { toLatinDigits } from '../../functions/core/text/digits.ts';

export type ReplayCase = {
  id: string;
  createdAt: string;
  categoryCode: string;
  wilayatCode?: string;
  lat?: number;
  lng?: number;
  channel: Channel;
  language: Language;
  text: string;
  resolvedAt?: string;
  satisfaction?: 1 | 2 | 3 | 4 | 5;
};

/** What the local route does at one moment: open the row's case, resolve it, or rate its answer. */
export type ReplayStep = { kind: 'open' | 'resolve' | 'rate'; at: string; row: ReplayCase };

export type BadRow = { line: number; problem: string };

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/;

const CATEGORY_CODES = new Set(CATEGORIES.map((c) => c.code));
const WILAYAT_CODES = new Set(WILAYATS.map((w) => w.code));

/** One CSV line split into fields (RFC 4180 quoting; a quoted field may not span lines here). */
export function csvFields(line: string): string[] | undefined {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  if (quoted) return undefined;
  fields.push(field);
  return fields;
}

const time = (value: unknown) => {
  if (typeof value !== 'string' || !ISO.test(value.trim())) return undefined;
  const at = new Date(value.trim());
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
};

const present = (value: unknown) => value !== undefined && value !== null && String(value).trim() !== '';

/** A row's fields checked and typed; a string says what is wrong. */
export function checkRow(raw: Record<string, unknown>): ReplayCase | string {
  const createdAt = time(raw.createdAt);
  if (!createdAt) return 'createdAt is not an ISO 8601 time with a zone (2026-03-01T08:15:00Z)';
  const categoryCode = String(raw.categoryCode ?? '').trim();
  if (!CATEGORY_CODES.has(categoryCode)) return `unknown categoryCode "${categoryCode}"`;
  const channel = String(raw.channel ?? '').trim() as Channel;
  if (!CHANNELS.includes(channel)) return `channel must be one of ${CHANNELS.join(', ')}`;
  const language = String(raw.language ?? '').trim();
  if (language !== 'ar' && language !== 'en') return 'language must be ar or en';
  const text = String(raw.text ?? '').trim();
  if (text.length < 3 || text.length > 2000) return 'text must have 3 to 2000 characters';
  const wilayatCode = String(raw.wilayatCode ?? '').trim();
  const place: Pick<ReplayCase, 'wilayatCode' | 'lat' | 'lng'> = {};
  if (wilayatCode) {
    if (!WILAYAT_CODES.has(wilayatCode)) return `unknown wilayatCode "${wilayatCode}"`;
    place.wilayatCode = wilayatCode;
  }
  if (present(raw.lat) || present(raw.lng)) {
    const lat = Number(toLatinDigits(String(raw.lat ?? '')));
    const lng = Number(toLatinDigits(String(raw.lng ?? '')));
    if (!present(raw.lat) || !present(raw.lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180)
      return 'lat and lng must both be coordinates';
    Object.assign(place, { lat, lng });
  }
  if (!place.wilayatCode && place.lat === undefined) return 'give wilayatCode or lat and lng';
  let resolvedAt: string | undefined;
  if (present(raw.resolvedAt)) {
    resolvedAt = time(raw.resolvedAt);
    if (!resolvedAt) return 'resolvedAt is not an ISO 8601 time with a zone';
    if (resolvedAt < createdAt) return 'resolvedAt is before createdAt';
  }
  let satisfaction: ReplayCase['satisfaction'];
  if (present(raw.satisfaction)) {
    const rating = Number(toLatinDigits(String(raw.satisfaction).trim()));
    if (![1, 2, 3, 4, 5].includes(rating)) return 'satisfaction must be 1 to 5';
    if (!resolvedAt) return 'satisfaction needs resolvedAt (a rating is of an answer)';
    satisfaction = rating as ReplayCase['satisfaction'];
  }
  const fields = { createdAt, categoryCode, ...place, channel, language, text, resolvedAt, satisfaction };
  const given = String(raw.id ?? '').trim();
  const id = /^[A-Za-z0-9_.:-]{1,64}$/.test(given)
    ? given
    : createHash('sha256').update(JSON.stringify(fields)).digest('hex').slice(0, 20);
  return {
    id,
    createdAt,
    categoryCode,
    ...place,
    channel,
    language,
    text,
    ...(resolvedAt ? { resolvedAt } : {}),
    ...(satisfaction ? { satisfaction } : {}),
  };
}

/** Parses a whole file: JSON lines when its first non-empty line starts with `{`, else CSV with a header. */
export function parseReplayFile(content: string): { rows: ReplayCase[]; bad: BadRow[] } {
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  const rows: ReplayCase[] = [];
  const bad: BadRow[] = [];
  const firstLine = lines.findIndex((l) => l.trim() !== '');
  if (firstLine < 0) return { rows, bad };
  const json = lines[firstLine]?.trim().startsWith('{');
  const header = json ? undefined : csvFields(lines[firstLine] ?? '')?.map((h) => h.trim());
  const seen = new Set<string>();
  for (let i = json ? firstLine : firstLine + 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    let raw: Record<string, unknown> | undefined;
    if (json) {
      try {
        const value = JSON.parse(line) as unknown;
        if (value && typeof value === 'object' && !Array.isArray(value))
          raw = value as Record<string, unknown>;
      } catch {
        raw = undefined;
      }
      if (!raw) {
        bad.push({ line: i + 1, problem: 'not a JSON object' });
        continue;
      }
    } else {
      const fields = csvFields(line);
      if (!fields || !header || fields.length !== header.length) {
        bad.push({ line: i + 1, problem: `expected ${header?.length ?? 0} CSV fields` });
        continue;
      }
      raw = Object.fromEntries(header.map((h, k) => [h, fields[k]]));
    }
    const row = checkRow(raw);
    if (typeof row === 'string') bad.push({ line: i + 1, problem: row });
    else if (!seen.has(row.id)) {
      seen.add(row.id);
      rows.push(row);
    }
  }
  return { rows, bad };
}

/** Every step of every row, in time order (a resolution comes after its opening at the same moment). */
export function replaySteps(rows: readonly ReplayCase[]): ReplayStep[] {
  const order = { open: 0, resolve: 1, rate: 2 } as const;
  const steps: ReplayStep[] = rows.flatMap((row) => [
    { kind: 'open' as const, at: row.createdAt, row },
    ...(row.resolvedAt ? [{ kind: 'resolve' as const, at: row.resolvedAt, row }] : []),
    ...(row.resolvedAt && row.satisfaction ? [{ kind: 'rate' as const, at: row.resolvedAt, row }] : []),
  ]);
  return steps.sort((a, b) => (a.at === b.at ? order[a.kind] - order[b.kind] : a.at < b.at ? -1 : 1));
}
