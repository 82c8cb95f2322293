/**
 * What citizens write, made safe to store and show (docs/decisions/0083). Every channel's text passes
 * through `cleanCitizenText` once, at intake: the panel, our e-mails and SMS then never carry a character
 * that rings, erases, escapes a terminal or reorders what an agent reads.
 *
 * - C0 controls except tab and line feed, DEL, C1 controls: removed (NUL, BEL, ESC, backspace…). CR and
 *   CR LF become LF, and U+2028/U+2029 too: one kind of line break.
 * - Bidi embeddings and overrides (LRE, RLE, PDF, LRO, RLO, U+202A–U+202E): removed. An override turns
 *   "123 456" into "654 321" on screen and leaks past its own text; no honest message needs it.
 * - Bidi isolates (LRI, RLI, FSI … PDI, U+2066–U+2069): kept, balanced. They are what Arabic keyboards and
 *   our own templates use to keep a number or a Latin word in order, and an isolate cannot reorder text
 *   outside it — once every one is closed: a PDI with nothing open is dropped, one left open is closed.
 * - LRM, RLM and ALM (U+200E, U+200F, U+061C): kept (they only steer the neutral characters next to them).
 * - Lone surrogates (broken UTF-16): replaced by U+FFFD.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this module's job.
const REMOVED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e]/g;
const ISOLATE = /[\u2066-\u2069]/g;
const PDI = '\u2069';
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Citizen text as intake stores it; see the module comment for what changes and why. */
export function cleanCitizenText(text: string): string {
  const lines = text
    .replace(LONE_SURROGATE, '\ufffd')
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(REMOVED, '');
  return balanceIsolates(lines);
}

/** Drops a PDI that closes nothing and closes every isolate left open, line by line (a paragraph ends them). */
function balanceIsolates(text: string): string {
  if (!/[\u2066-\u2069]/.test(text)) return text;
  return text
    .split('\n')
    .map((line) => {
      let open = 0;
      const kept = line.replace(ISOLATE, (mark) => {
        if (mark !== PDI) {
          open += 1;
          return mark;
        }
        if (open === 0) return '';
        open -= 1;
        return mark;
      });
      return kept + PDI.repeat(open);
    })
    .join('\n');
}

/** What cleaned text never contains (controls but tab and line feed, CR, overrides): for checks and tests. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this module's job.
export const NOT_IN_CLEAN_TEXT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/;

/** Characters no file name may carry on Windows, macOS or in a Content-Disposition header (controls are gone). */
const FILE_NAME_FORBIDDEN = /[<>:"/\\|?*]/g;
const MAX_FILE_NAME = 120;

/**
 * A citizen's file name fit to show and to offer as a download name: the MIME parser has already decoded
 * RFC 2231 and RFC 2047 names (Arabic stays Arabic); here the directories a name may claim are dropped,
 * control and bidi-override characters removed, characters file systems refuse replaced by `_`, leading
 * dots and surrounding spaces trimmed, and a long name shortened keeping its extension. Undefined when
 * nothing usable is left.
 */
export function safeFileName(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const base = cleanCitizenText(name).normalize('NFC').split(/[/\\]/).at(-1) ?? '';
  const cleaned = base
    .replace(/[\n\t\u2066-\u2069]/g, ' ')
    .replace(FILE_NAME_FORBIDDEN, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '');
  if (!cleaned || /^_+$/.test(cleaned)) return undefined;
  const chars = [...cleaned];
  if (chars.length <= MAX_FILE_NAME) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : '';
  return `${chars.slice(0, MAX_FILE_NAME - [...extension].length - 1).join('')}…${extension}`;
}
