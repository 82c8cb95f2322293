import type { ReactNode } from 'react';

/** What the case panel and the citizens' portal share about showing two languages. */
export type Lang = 'ar' | 'en';
export type Bilingual = { ar: string; en: string };

/** A catalogue name, a status label… whatever comes with both languages. */
export const pick = (text: Bilingual | undefined, lang: Lang, fallback = '') => text?.[lang] ?? fallback;

/**
 * References, phone numbers, times and counts stay left to right inside Arabic text: an isolate keeps the
 * bidi algorithm from reordering their digits and separators with the words around them.
 */
export function Ltr({ children }: { children: ReactNode }) {
  return (
    <bdi dir="ltr" className="ltr">
      {children}
    </bdi>
  );
}

/**
 * A date or time as written in the current language. Isolated but not forced left to right: an Arabic
 * month name must keep its own order ("28 نوفمبر، 04:18"); the digits inside stay left to right anyway.
 */
export function When({ children }: { children: ReactNode }) {
  return <bdi className="when">{children}</bdi>;
}
