/** Connect shows one name per resource: Arabic first, then English. */
export const connectName = (label: { ar: string; en: string }) => `${label.ar} | ${label.en}`;
