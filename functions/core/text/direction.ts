/** Arabic script letters (not digits, not punctuation): what makes a paragraph right-to-left. */
const ARABIC_LETTER = /[\u0620-\u064A\u066E-\u06D3\u06FA-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFC]/u;
const LATIN_LETTER = /[A-Za-z\u00C0-\u024F]/u;

/**
 * The base direction of a text by its first strong letter, as Unicode's bidi algorithm decides it
 * (rule P2): mail clients and viewers that do not detect it themselves need it written down.
 */
export function textDirection(text: string): 'rtl' | 'ltr' {
  for (const char of text) {
    if (ARABIC_LETTER.test(char)) return 'rtl';
    if (LATIN_LETTER.test(char)) return 'ltr';
  }
  return 'ltr';
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** A plain text as a minimal HTML body with its direction set; everything in it is escaped. */
export function directedHtml(text: string): string {
  const dir = textDirection(text);
  const body = text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c).replace(/\r?\n/g, '<br>');
  return `<!doctype html><html dir="${dir}" lang="${dir === 'rtl' ? 'ar' : 'en'}"><body><div dir="${dir}" style="text-align:${dir === 'rtl' ? 'right' : 'left'}">${body}</div></body></html>`;
}
