import { toLatinDigits } from '../text/digits.ts';
import { Open311Error } from './errors.ts';

/** The formats GeoReport v2 selects by file extension on the resource path. */
export type Open311Format = 'json' | 'xml';

/**
 * `services.json` → `{name: 'services', format: 'json'}`. Anything but `.json` or `.xml` is a 404, as
 * the specification's format-by-extension rule leaves no resource behind another extension.
 */
export function splitExtension(file: string): { name: string; format: Open311Format } | undefined {
  const m = /^(.+)\.(json|xml)$/i.exec(file);
  if (!m) return undefined;
  return { name: m[1] as string, format: (m[2] as string).toLowerCase() as Open311Format };
}

/** Longest value any parameter may carry: a description's 4,000 characters, and room for a URL. */
const MAX_PARAMETER_LENGTH = 4_000;

/**
 * The parameters of one call (query string or form body). Empty parameters mean absent, as the
 * specification requires; values are trimmed. `attribute[code]` and `attribute[code][]` are gathered
 * into `attributes`.
 */
export type Open311Params = {
  get(name: string): string | undefined;
  attributes: ReadonlyMap<string, readonly string[]>;
};

export function readParams(entries: Iterable<readonly [string, string]>): Open311Params {
  const values = new Map<string, string>();
  const attributes = new Map<string, string[]>();
  for (const [rawName, rawValue] of entries) {
    const value = rawValue.trim();
    if (value === '') continue;
    const name = rawName.trim();
    const attribute = /^attribute\[([^\]]+)\](\[\])?$/.exec(name);
    if (attribute) {
      const code = attribute[1] as string;
      attributes.set(code, [...(attributes.get(code) ?? []), value]);
      continue;
    }
    // The first of a repeated parameter wins, as most form parsers do.
    if (!values.has(name)) values.set(name, value);
  }
  return {
    get(name) {
      const value = values.get(name);
      if (value !== undefined && value.length > MAX_PARAMETER_LENGTH) {
        throw new Open311Error(400, {
          ar: `المعامل ${name} أطول من ${MAX_PARAMETER_LENGTH} حرف.`,
          en: `${name} is longer than ${MAX_PARAMETER_LENGTH} characters.`,
        });
      }
      return value;
    },
    attributes,
  };
}

/** `a,b, c` → `['a','b','c']`; absent stays absent. */
export function commaList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  return items.length ? items : undefined;
}

const W3C_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * A W3C-DTF datetime with its zone (`2026-01-01T00:00:00+04:00`, `…Z`), as the specification requires,
 * or a 400. Arabic-Indic digits are read as digits, and a `+` that an unencoded query string turned into
 * a space is read back as `+`.
 */
export function parseDateTime(name: string, value: string): Date {
  const text = toLatinDigits(value).replace(/ (\d{2}:?\d{2})$/, '+$1');
  const m = W3C_DATETIME.exec(text);
  const parsed = m ? Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) : Number.NaN;
  const [, , month, day, hour, minute, second] = m ?? [];
  if (
    !m ||
    Number.isNaN(parsed) ||
    Number(month) > 12 ||
    Number(day) > 31 ||
    Number(hour) > 23 ||
    Number(minute) > 59 ||
    Number(second ?? 0) > 59
  ) {
    throw new Open311Error(400, {
      ar: `${name} ليس تاريخاً ووقتاً بصيغة ISO 8601 مع المنطقة الزمنية، مثل 2026-01-31T08:00:00+04:00.`,
      en: `${name} is not an ISO 8601 date and time with its zone, such as 2026-01-31T08:00:00+04:00.`,
    });
  }
  return new Date(parsed);
}

/** A decimal number within bounds (Arabic-Indic digits accepted), or a 400 naming the parameter. */
export function parseNumber(name: string, value: string, min: number, max: number): number {
  const text = toLatinDigits(value).replace('٫', '.');
  const n = /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new Open311Error(400, {
      ar: `${name} يجب أن يكون رقماً بين ${min} و${max}.`,
      en: `${name} must be a number from ${min} to ${max}.`,
    });
  }
  return n;
}

/** A positive whole number (paging), or a 400. */
export function parsePositiveInt(name: string, value: string, max: number): number {
  const n = parseNumber(name, value, 1, max);
  if (!Number.isInteger(n)) {
    throw new Open311Error(400, {
      ar: `${name} يجب أن يكون عدداً صحيحاً.`,
      en: `${name} must be a whole number.`,
    });
  }
  return n;
}

/** An instant as W3C-DTF in a fixed zone: `2026-12-07T14:05:09+04:00` for Asia/Muscat. */
export function formatDateTime(iso: string, utcOffsetMinutes: number): string {
  const ms = Date.parse(iso);
  const local = new Date(ms + utcOffsetMinutes * 60_000).toISOString().slice(0, 19);
  if (utcOffsetMinutes === 0) return `${local}Z`;
  const sign = utcOffsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(utcOffsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local}${sign}${hh}:${mm}`;
}
