/**
 * Finds active content in a PDF without rendering it (docs/decisions/0093): names that make a viewer run
 * code, open or submit something, or carry other files. Such a PDF is refused, not repaired: a citizen's
 * scanned letter or form never needs them, and a rewriter that removes them safely is a PDF library.
 *
 * Looked for, as PDF name tokens (ISO 32000 §7.3.5: `#xx` escapes decoded, so `/J#61vaScript` counts):
 * JavaScript, JS, Launch, EmbeddedFile(s), RichMedia, XFA, SubmitForm, ImportData, GoToE, AA (actions on
 * page, field or document events), and an OpenAction that is an action rather than a page to open at.
 * Names in compressed object streams (/ObjStm, Flate) are looked for too; an object stream that cannot
 * be read (encrypted, damaged) makes the file uncheckable, and it is refused as well.
 */

export type PdfCheck = { ok: true } | { ok: false; reason: string };

const ACTIVE_NAMES = new Set([
  'JavaScript',
  'JS',
  'Launch',
  'EmbeddedFile',
  'EmbeddedFiles',
  'RichMedia',
  'XFA',
  'SubmitForm',
  'ImportData',
  'GoToE',
  'AA',
]);

const latin1 = (bytes: Uint8Array) => {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return text;
};

/** `#xx` escapes decoded: `/J#61vaScript` is `/JavaScript`. */
const decodeName = (raw: string) =>
  raw.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));

/** The first active name in PDF text, or undefined. */
function activeNameIn(text: string): string | undefined {
  // A name runs from "/" to the next whitespace or delimiter.
  const names = /\/([^\s/[\]()<>{}%]*)/g;
  for (let m = names.exec(text); m; m = names.exec(text)) {
    const name = decodeName(m[1] as string);
    if (ACTIVE_NAMES.has(name)) return name;
    if (name === 'OpenAction') {
      // `/OpenAction [3 0 R /Fit]` only opens a page; a dictionary or a reference may be an action.
      const rest = text.slice(names.lastIndex).trimStart();
      if (!rest.startsWith('[')) return name;
    }
  }
  return undefined;
}

async function inflate(data: Uint8Array): Promise<Uint8Array> {
  // A view on the same bytes, typed as the ArrayBuffer-backed view Blob takes in the DOM's types.
  const view = new Uint8Array(data.buffer as ArrayBuffer, data.byteOffset, data.byteLength);
  const stream = new Blob([view]).stream().pipeThrough(new DecompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The raw bytes of every object stream (`/Type /ObjStm`), with whether it is Flate-compressed. */
function objectStreams(text: string, bytes: Uint8Array): { data: Uint8Array; flate: boolean }[] {
  const found: { data: Uint8Array; flate: boolean }[] = [];
  const keyword = /stream\r?\n/g;
  for (let m = keyword.exec(text); m; m = keyword.exec(text)) {
    if (text.slice(Math.max(0, m.index - 3), m.index) === 'end') continue;
    const dictStart = text.lastIndexOf('obj', m.index);
    const dict = text.slice(Math.max(dictStart, 0), m.index);
    if (!/\/Type\s*\/ObjStm/.test(dict)) continue;
    const start = m.index + m[0].length;
    const direct = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict);
    const end = direct ? start + Number(direct[1]) : text.indexOf('endstream', start);
    if (end < start || end > bytes.length) continue;
    found.push({ data: bytes.subarray(start, end), flate: /\/FlateDecode/.test(dict) });
  }
  return found;
}

export async function findActivePdfContent(bytes: Uint8Array): Promise<PdfCheck> {
  const text = latin1(bytes);
  const plain = activeNameIn(text);
  if (plain) return { ok: false, reason: `active content: /${plain}` };
  for (const stream of objectStreams(text, bytes)) {
    let inner: Uint8Array;
    try {
      inner = stream.flate ? await inflate(stream.data) : stream.data;
    } catch {
      return { ok: false, reason: 'an object stream cannot be read (encrypted or damaged)' };
    }
    const hidden = activeNameIn(latin1(inner));
    if (hidden) return { ok: false, reason: `active content in an object stream: /${hidden}` };
  }
  return { ok: true };
}
