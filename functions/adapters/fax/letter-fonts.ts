/**
 * The font files fax letters are set in: Noto Naskh Arabic (SIL Open Font License 1.1, which allows
 * embedding), as @fontsource/noto-naskh-arabic ships them. Plain data: CDK copies these files next to the
 * bundles of functions that send (NidaaFunction), shared/fax.ts reads them.
 */
export const LETTER_FONT_PACKAGE = '@fontsource/noto-naskh-arabic';
export const LETTER_FONT_FILES = {
  arabic: 'noto-naskh-arabic-arabic-400-normal.woff',
  latin: 'noto-naskh-arabic-latin-400-normal.woff',
} as const;
/** Where the bundle keeps them, relative to its entry file. */
export const LETTER_FONT_DIR = 'fonts';
