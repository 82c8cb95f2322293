import { inflateSync } from 'node:zlib';

/**
 * The text a PDF draws, in drawing order, one string per text object (BT…ET), read back through each
 * font's ToUnicode map: enough to check what pdfkit wrote (glyph order, shaping) without a PDF reader.
 */
export function drawnText(
  pdf: Uint8Array,
): { font: string; text: string; glyphs: number[]; advance: number }[] {
  const raw = Buffer.from(pdf).toString('latin1');
  const objects = new Map<number, { dict: string; stream?: string }>();
  // Objects in file order; a stream is cut by its /Length, since compressed bytes may spell "endobj".
  const header = /(\d+) 0 obj\s*/g;
  for (let m = header.exec(raw); m; m = header.exec(raw)) {
    const from = header.lastIndex;
    const end = raw.indexOf('endobj', from);
    const streamAt = raw.indexOf('stream', from);
    if (streamAt < 0 || streamAt > end) {
      objects.set(Number(m[1]), { dict: raw.slice(from, end) });
      header.lastIndex = end + 'endobj'.length;
      continue;
    }
    const dict = raw.slice(from, streamAt);
    const start = raw.indexOf('\n', streamAt) + 1;
    const length = Number(/\/Length (\d+)(?! \d+ R)/.exec(dict)?.[1] ?? Number.NaN);
    const stop = Number.isFinite(length) ? start + length : raw.indexOf('endstream', start);
    const data = Buffer.from(raw.slice(start, stop).replace(/\r?\n$/, ''), 'latin1');
    const stream = (/\/FlateDecode/.test(dict) ? inflateSync(data) : data).toString('latin1');
    objects.set(Number(m[1]), { dict, stream });
    header.lastIndex = raw.indexOf('endobj', stop) + 'endobj'.length;
  }
  const unicodeOf = new Map<string, Map<number, string>>();
  const widthsOf = new Map<string, number[]>();
  for (const { dict } of objects.values()) {
    const fonts = /\/Font\s*<<([^>]*)>>/.exec(dict)?.[1];
    if (!fonts) continue;
    for (const f of fonts.matchAll(/\/(\w+)\s+(\d+) 0 R/g)) {
      const fontDict = objects.get(Number(f[2]))?.dict ?? '';
      const cmapRef = /\/ToUnicode (\d+) 0 R/.exec(fontDict)?.[1];
      const cmap = objects.get(Number(cmapRef))?.stream ?? '';
      const map = new Map<number, string>();
      for (const r of cmap.matchAll(/<([0-9a-f]+)> <([0-9a-f]+)> \[([^\]]*)\]/gi)) {
        const first = Number.parseInt(r[1] ?? '0', 16);
        [...(r[3] ?? '').matchAll(/<([^>]*)>/g)].forEach((e, i) => {
          const units = (e[1] ?? '').replace(/\s/g, '').match(/.{4}/g) ?? [];
          map.set(first + i, String.fromCharCode(...units.map((u) => Number.parseInt(u, 16))));
        });
      }
      unicodeOf.set(f[1] ?? '', map);
      // The glyphs' advance widths (the descendant CID font's /W [0 [w0 w1 …]]).
      const descendant = /\/DescendantFonts \[(\d+) 0 R\]/.exec(fontDict)?.[1];
      const w = /\/W \[0 \[([^\]]*)\]/.exec(objects.get(Number(descendant))?.dict ?? '')?.[1] ?? '';
      widthsOf.set(f[1] ?? '', w.trim().split(/\s+/).map(Number));
    }
  }
  const drawn: { font: string; text: string; glyphs: number[]; advance: number }[] = [];
  for (const { dict, stream } of objects.values()) {
    if (!stream || /\/Subtype|\/Length1|CMap/.test(dict + stream.slice(0, 40))) continue;
    for (const bt of stream.matchAll(/BT([\s\S]*?)ET/g)) {
      const font = /\/(\w+) [\d.]+ Tf/.exec(bt[1] ?? '')?.[1] ?? '';
      const glyphs = [...(bt[1] ?? '').matchAll(/<([0-9a-f]+)>/gi)].flatMap(
        (h) => (h[1] ?? '').match(/.{4}/g)?.map((g) => Number.parseInt(g, 16)) ?? [],
      );
      const map = unicodeOf.get(font) ?? new Map();
      const widths = widthsOf.get(font) ?? [];
      drawn.push({
        font,
        glyphs,
        text: glyphs.map((g) => map.get(g) ?? '\ufffd').join(''),
        advance: glyphs.reduce((sum, g) => sum + (widths[g] ?? 0), 0),
      });
    }
  }
  return drawn;
}
