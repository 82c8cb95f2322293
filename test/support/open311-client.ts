/**
 * A GeoReport v2 client written from the specification (open311.org GeoReport v2, Service Discovery,
 * JSON and XML Conversion), not from Nidaa's code: it discovers the endpoint, appends `<resource>.<format>`
 * to the endpoint URL, posts form-encoded or multipart bodies, and reads both formats. Its XML reader is
 * deliberately strict (one root, matched tags, the five predefined entities), so a document it reads is
 * well-formed.
 */

export type XmlNode = { name: string; children: XmlNode[]; text: string };

/** C0 controls XML 1.0 forbids (all but tab, line feed, carriage return). */
const isForbiddenControl = (c: string) => {
  const code = c.charCodeAt(0);
  return code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d;
};

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

function decodeText(raw: string): string {
  return raw.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X'))
      return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    const value = ENTITIES[name];
    if (value === undefined) throw new Error(`undefined entity ${whole}`);
    return value;
  });
}

/** Parses an XML document (declaration, then one element tree; no attributes needed by GeoReport v2). */
export function parseXml(xml: string): XmlNode {
  let at = 0;
  const declaration = /^<\?xml version="1\.0" encoding="utf-8"\?>\s*/i.exec(xml);
  if (!declaration) throw new Error('no XML declaration with version 1.0 and encoding utf-8');
  at = declaration[0].length;
  const stack: XmlNode[] = [];
  let root: XmlNode | undefined;
  while (at < xml.length) {
    if (xml[at] === '<') {
      const end = xml.indexOf('>', at);
      if (end < 0) throw new Error('unterminated tag');
      const tag = xml.slice(at + 1, end);
      at = end + 1;
      if (tag.startsWith('/')) {
        const open = stack.pop();
        if (!open || open.name !== tag.slice(1).trim()) throw new Error(`mismatched </${tag.slice(1)}>`);
        if (stack.length === 0) root = open;
        continue;
      }
      const selfClosing = tag.endsWith('/');
      const name = (selfClosing ? tag.slice(0, -1) : tag).trim();
      if (!/^[A-Za-z_][\w.-]*$/.test(name)) throw new Error(`bad tag name "${name}"`);
      if (stack.length === 0 && root) throw new Error('more than one root element');
      const node: XmlNode = { name, children: [], text: '' };
      stack.at(-1)?.children.push(node);
      if (selfClosing) {
        if (stack.length === 0) root = node;
      } else stack.push(node);
    } else {
      const next = xml.indexOf('<', at);
      const raw = xml.slice(at, next < 0 ? xml.length : next);
      at = next < 0 ? xml.length : next;
      if (raw.includes('>') || [...raw].some(isForbiddenControl)) throw new Error('bad character data');
      const parent = stack.at(-1);
      if (!parent) {
        if (raw.trim()) throw new Error('text outside the root');
        continue;
      }
      parent.text += decodeText(raw);
    }
  }
  if (stack.length > 0 || !root) throw new Error('unclosed element');
  return root;
}

export const child = (node: XmlNode, name: string) => node.children.find((c) => c.name === name);
export const childText = (node: XmlNode, name: string) => child(node, name)?.text;
/** The child element that must be there. */
export function need(node: XmlNode, name: string): XmlNode {
  const found = child(node, name);
  if (!found) throw new Error(`<${node.name}> has no <${name}>`);
  return found;
}

export type Open311Response = { status: number; contentType: string; text: string; headers: Headers };

export class Open311Client {
  constructor(readonly endpoint: string) {}

  /** Finds the production GeoReport v2 endpoint in a discovery document. */
  static async discover(discoveryUrl: string): Promise<Open311Client> {
    const res = await fetch(discoveryUrl);
    const doc = (await res.json()) as {
      endpoints: { specification: string; url: string; type: string; formats: string[] }[];
    };
    const endpoint = doc.endpoints.find(
      (e) => e.specification === 'http://wiki.open311.org/GeoReport_v2' && e.type === 'production',
    );
    if (!endpoint) throw new Error('no GeoReport v2 endpoint');
    return new Open311Client(endpoint.url);
  }

  /** `<endpoint>/<resource>.<format>`, as the specification builds every URL. */
  private async call(resource: string, format: 'json' | 'xml', init: RequestInit = {}, query = '') {
    const res = await fetch(`${this.endpoint}/${resource}.${format}${query ? `?${query}` : ''}`, init);
    return {
      status: res.status,
      contentType: res.headers.get('content-type') ?? '',
      text: await res.text(),
      headers: res.headers,
    } satisfies Open311Response;
  }

  get(resource: string, format: 'json' | 'xml', query: Record<string, string> = {}) {
    return this.call(resource, format, {}, new URLSearchParams(query).toString());
  }

  /** POST as application/x-www-form-urlencoded (the specification's encoding). */
  postForm(
    resource: string,
    format: 'json' | 'xml',
    fields: [string, string][],
    headers: Record<string, string> = {},
  ) {
    return this.call(resource, format, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers },
      body: new URLSearchParams(fields).toString(),
    });
  }

  /** POST as multipart/form-data with `media` files (the v2.1 draft and the media-upload extension). */
  postMultipart(
    resource: string,
    format: 'json' | 'xml',
    fields: [string, string][],
    media: { bytes: Uint8Array; type: string; name: string }[],
    headers: Record<string, string> = {},
  ) {
    const body = new FormData();
    for (const [name, value] of fields) body.append(name, value);
    for (const file of media) body.append('media', new Blob([file.bytes], { type: file.type }), file.name);
    return this.call(resource, format, { method: 'POST', body, headers });
  }
}
