/**
 * GeoReport v2 documents in both formats (the Spark convention, open311.org "JSON and XML Conversion"):
 * a document is a root element whose JSON form drops the root; a list element holds repeated children of
 * one name and is always a JSON array, even with one item; an absent value is left out, `null` is an
 * empty element. Booleans are `true`/`false` in XML, real booleans in JSON.
 */

export type Open311Value =
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly Open311Value[]
  | { readonly [name: string]: Open311Value };

/** The child element of each list element (`<services><service>…`), by the list's name. */
export const LIST_ITEMS: Readonly<Record<string, string>> = {
  services: 'service',
  service_requests: 'request',
  service_request_updates: 'request_update',
  errors: 'error',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  photos: 'photo',
};

export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';

/**
 * Text as XML 1.0 character data: markup characters escaped, and characters XML 1.0 cannot carry at all
 * (C0 controls other than tab and line breaks, lone surrogates, U+FFFE/U+FFFF) removed, so the document
 * stays well-formed whatever a citizen typed.
 */
export function xmlText(value: string): string {
  return value
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(
      /[<>&'"]/g,
      (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c,
    );
}

function element(name: string, value: Open311Value): string {
  if (value === undefined) return '';
  if (value === null) return `<${name}/>`;
  if (Array.isArray(value)) {
    const child = LIST_ITEMS[name];
    if (!child) throw new Error(`No item element is declared for the list ${name}`);
    return `<${name}>${value.map((v) => element(child, v)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    const inner = Object.entries(value as Record<string, Open311Value>)
      .map(([k, v]) => element(k, v))
      .join('');
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${xmlText(String(value))}</${name}>`;
}

/** The XML document `<root>…</root>` of a value, with its UTF-8 declaration. */
export function toXml(root: string, value: Open311Value): string {
  return `${XML_DECLARATION}\n${element(root, value)}`;
}

/** Removes absent values the way the XML form leaves them out, for the JSON form. */
function prune(value: Open311Value): unknown {
  if (Array.isArray(value)) return value.map(prune);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, Open311Value>)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, prune(v)]),
    );
  }
  return value;
}

/** The JSON form: the root element is dropped, so a list root becomes a top-level array. */
export function toJson(value: Open311Value): string {
  return JSON.stringify(prune(value));
}
