/**
 * How many SMS parts a text costs. GSM 03.38 text packs 160 septets in one SMS, 153 per part when
 * concatenated (the user data header takes 7); characters of the extension table (€ [ ] { } …) take two
 * septets and are never split between parts. Any other character switches the whole message to UCS-2:
 * 70 UTF-16 units alone, 67 per part, and a surrogate pair (emoji) is never split either.
 */

export type SmsEncoding = 'GSM-7' | 'UCS-2';
export type SegmentCount = { encoding: SmsEncoding; segments: number; units: number };

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '^{}\\[~]|€\f';
const BASIC = new Set(GSM_BASIC);
const EXTENSION = new Set(GSM_EXTENSION);

const LIMITS: Record<SmsEncoding, { single: number; part: number }> = {
  'GSM-7': { single: 160, part: 153 },
  'UCS-2': { single: 70, part: 67 },
};

/** The cost of each character in its encoding's units, in order. */
function unitsOf(text: string): { encoding: SmsEncoding; costs: number[] } {
  const chars = [...text];
  if (chars.every((c) => BASIC.has(c) || EXTENSION.has(c))) {
    return { encoding: 'GSM-7', costs: chars.map((c) => (EXTENSION.has(c) ? 2 : 1)) };
  }
  return { encoding: 'UCS-2', costs: chars.map((c) => c.length) };
}

/** Counts the parts a text is sent in; an empty text is still one SMS. */
export function countSegments(text: string): SegmentCount {
  const { encoding, costs } = unitsOf(text);
  const units = costs.reduce((sum, cost) => sum + cost, 0);
  const limit = LIMITS[encoding];
  if (units <= limit.single) return { encoding, segments: 1, units };
  // Pack parts greedily: a character that does not fit whole starts the next part.
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > limit.part) {
      segments += 1;
      used = 0;
    }
    used += cost;
  }
  return { encoding, segments, units };
}
