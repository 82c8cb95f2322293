const ARABIC_INDIC = '٠١٢٣٤٥٦٧٨٩';

/** '3' → '٣'; anything else unchanged. */
export const toArabicIndicDigit = (key: string) =>
  /^[0-9]$/.test(key) ? (ARABIC_INDIC[Number(key)] ?? key) : key;
