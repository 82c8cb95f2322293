/**
 * A reply by fax, as a one-page letter (docs/decisions/0047, 0048): what it says and in which direction;
 * the adapter lays it out as a PDF. The reference and the date are printed in ASCII digits, so that the
 * citizen (and OCR at a fax machine) reads them right; Arabic-Indic digits in the text stay as written.
 */
import type { Case } from '../case/case.ts';
import { displayReference } from '../case/reference.ts';
import type { Bilingual } from '../errors.ts';
import type { Rendered } from '../notify/templates.ts';
import { textDirection } from '../text/direction.ts';

export type LetterBlock = { text: string; size: 'title' | 'heading' | 'body' | 'small' };
export type Letter = { direction: 'rtl' | 'ltr'; language: Case['language']; blocks: LetterBlock[] };

/** Bidi controls and isolates the SMS/e-mail templates use; the letter's own layout orders the runs. */
const BIDI_CONTROLS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A letter's date, day/month/year in Muscat time. Slashes, not dashes: after Arabic text the bidi
 * algorithm keeps `12/03/2026` in one piece, while `2026-03-12` would come out as `12-03-2026`.
 */
export function letterDate(at: Date, utcOffsetMinutes: number): string {
  const local = new Date(at.getTime() + utcOffsetMinutes * 60_000).toISOString();
  return `${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)}`;
}

export function faxLetter(
  c: Pick<Case, 'reference' | 'language'>,
  rendered: Rendered,
  context: { municipality: Bilingual; referencePrefix: string; date: string },
): Letter {
  const reference = displayReference(c.reference, context.referencePrefix);
  const ar = c.language === 'ar';
  const body = rendered.text.replace(BIDI_CONTROLS, '');
  const blocks: LetterBlock[] = [
    { text: context.municipality[c.language], size: 'title' },
    { text: ar ? `التاريخ: ${context.date}` : `Date: ${context.date}`, size: 'small' },
    { text: ar ? `الرقم المرجعي: ${reference}` : `Reference: ${reference}`, size: 'small' },
    ...(rendered.subject
      ? [{ text: rendered.subject.replace(BIDI_CONTROLS, ''), size: 'heading' as const }]
      : []),
    ...body.split(/\n{2,}|\n/).map((text) => ({ text, size: 'body' as const })),
    {
      text: ar
        ? `للمتابعة اذكروا الرقم المرجعي ${reference} في ردكم.`
        : `Please quote the reference ${reference} when you reply.`,
      size: 'small',
    },
  ];
  return { direction: ar ? 'rtl' : textDirection(body), language: c.language, blocks };
}
