/**
 * The notice supervisors get for a new alert (SNS topic: e-mail and chat subscribers), in Arabic then
 * English: what was found, where, how much against what was expected, the cases behind it and a link to
 * the alert in the panel. SNS subjects must be ASCII, under 100 characters: the subject is English.
 */
import type { Alert, AlertKind, AlertPlace } from './alert.ts';

const KIND: Record<AlertKind, { ar: string; en: string }> = {
  spike: { ar: 'ارتفاع مفاجئ في البلاغات', en: 'Spike in reports' },
  repeat_place: { ar: 'مشكلة تتكرر بعد حلّها', en: 'Problem back after being resolved' },
  repeat_citizen: {
    ar: 'مواطن يتواصل مراراً بشأن بلاغ واحد',
    en: 'Citizen contacting again and again about one case',
  },
  rate_rise: { ar: 'ارتفاع معدل إعادة الفتح أو تجاوز المهلة', en: 'Reopen or breach rate rising' },
  ivr_dropoff: { ar: 'انقطاع المتصلين في قائمة الرد الآلي', en: 'Callers dropping off in an IVR menu' },
  ivr_wrong_key: { ar: 'ضغطات خاطئة متكررة في قائمة الرد الآلي', en: 'Repeated wrong keys in an IVR menu' },
  queue_abandonment: { ar: 'تخلّي المتصلين عن الانتظار في طابور', en: 'Callers abandoning a queue' },
  theme: { ar: 'موضوع جديد لا يناسبه تصنيف', en: 'Emerging theme no category fits' },
};

export const alertKindName = (kind: AlertKind) => KIND[kind];

/** The rates an alert may be about (`place.metric`), by the code the detectors give them. */
const METRIC: Record<string, { ar: string; en: string }> = {
  reopen_rate: { ar: 'معدل إعادة الفتح', en: 'reopen rate' },
  breach_rate: { ar: 'معدل تجاوز المهلة', en: 'breach rate' },
  dropoff_rate: { ar: 'معدل الانقطاع', en: 'drop-off rate' },
  wrong_key_rate: { ar: 'معدل الضغطات الخاطئة', en: 'wrong-key rate' },
  abandonment_rate: { ar: 'معدل التخلي عن الانتظار', en: 'abandonment rate' },
};

/** A metric's name in both languages; undefined for a code not named here (shown as it is). */
export const alertMetricName = (metric: string): { ar: string; en: string } | undefined =>
  Object.hasOwn(METRIC, metric) ? METRIC[metric] : undefined;

/** The place in words, e.g. `category potholes · wilayat seeb` (codes: the panel shows names). */
export function placeText(place: AlertPlace, lang: 'ar' | 'en'): string {
  const names: Record<keyof AlertPlace, { ar: string; en: string }> = {
    categoryCode: { ar: 'الفئة', en: 'category' },
    wilayatCode: { ar: 'الولاية', en: 'wilayat' },
    departmentCode: { ar: 'الإدارة', en: 'department' },
    channel: { ar: 'القناة', en: 'channel' },
    queue: { ar: 'الطابور', en: 'queue' },
    menuNode: { ar: 'القائمة', en: 'menu' },
    metric: { ar: 'المؤشر', en: 'measure' },
  };
  const value = (k: keyof AlertPlace, v: string) => (k === 'metric' ? (alertMetricName(v)?.[lang] ?? v) : v);
  return (Object.keys(names) as (keyof AlertPlace)[])
    .filter((k) => place[k])
    .map((k) => `${names[k][lang]} ${value(k, place[k] as string)}`)
    .join(' · ');
}

const UNIT = {
  cases: { ar: 'بلاغ', en: 'cases' },
  contacts: { ar: 'تواصل', en: 'contacts' },
  calls: { ar: 'مكالمة', en: 'calls' },
  percent: { ar: '٪', en: '%' },
};

/** The panel's page of one alert. */
export const alertLink = (panelUrl: string, id: string) =>
  `${panelUrl.replace(/\/+$/, '')}/#/alerts/${encodeURIComponent(id)}`;

export function alertNotice(alert: Alert, panelUrl: string): { subject: string; text: string } {
  const kind = KIND[alert.kind];
  const unit = UNIT[alert.unit];
  const terms = alert.terms?.length ? alert.terms.join('، ') : '';
  const cases = alert.references.length ? alert.references.join(', ') : '—';
  const link = alertLink(panelUrl, alert.id);
  const ar = [
    `تنبيه: ${kind.ar}.`,
    `المكان: ${placeText(alert.place, 'ar') || '—'}${terms ? ` · الكلمات: ${terms}` : ''}.`,
    `المرصود ${alert.observed} ${unit.ar} مقابل ${alert.expected} متوقع (${alert.from} – ${alert.to}).`,
    `البلاغات: ${cases}`,
    `التفاصيل: ${link}`,
  ];
  const en = [
    `Alert: ${kind.en}.`,
    `Where: ${placeText(alert.place, 'en') || '—'}${terms ? ` · words: ${alert.terms?.join(', ')}` : ''}.`,
    `Seen ${alert.observed} ${unit.en} against ${alert.expected} expected (${alert.from} – ${alert.to}).`,
    `Cases: ${cases}`,
    `Details: ${link}`,
  ];
  const subject = `Nidaa alert: ${kind.en} (${placeText(alert.place, 'en').replaceAll(' · ', ', ')})`
    .replace(/[^\x20-\x7e]/g, '')
    .slice(0, 99);
  return { subject, text: [...ar, '', ...en].join('\n') };
}
