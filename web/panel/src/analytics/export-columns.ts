/**
 * The columns of a figure's export: the answer's own keys, in their order, named in the user's language.
 * Measures not named here keep their key (a new measure exports before anyone names it).
 */
import type { Bilingual, Lang } from '../i18n.tsx';

const COLUMN_NAMES: Record<string, Bilingual> = {
  day: { ar: 'اليوم', en: 'Day' },
  week: { ar: 'الأسبوع', en: 'Week' },
  month: { ar: 'الشهر', en: 'Month' },
  department: { ar: 'الإدارة', en: 'Department' },
  category: { ar: 'الفئة', en: 'Category' },
  wilayat: { ar: 'الولاية', en: 'Wilayat' },
  channel: { ar: 'القناة', en: 'Channel' },
  tier: { ar: 'المستوى', en: 'Tier' },
  language: { ar: 'اللغة', en: 'Language' },
  cases: { ar: 'البلاغات', en: 'Cases' },
  open_cases: { ar: 'المفتوحة', en: 'Open' },
  resolved: { ar: 'المعالجة', en: 'Resolved' },
  within_sla: { ar: 'ضمن المهلة', en: 'Within SLA' },
  compliance_pct: { ar: 'الالتزام بالمهلة ٪', en: 'SLA compliance %' },
  breaches: { ar: 'التجاوزات', en: 'Breaches' },
  under_1_day: { ar: 'أقل من يوم', en: 'Under 1 day' },
  days_1_to_3: { ar: '1–3 أيام', en: '1–3 days' },
  days_3_to_7: { ar: '3–7 أيام', en: '3–7 days' },
  days_7_to_30: { ar: '7–30 يومًا', en: '7–30 days' },
  over_30_days: { ar: '30 يومًا فأكثر', en: '30 days or more' },
  answered: { ar: 'تم الرد عليها', en: 'Answered' },
  response_median_hours: { ar: 'وسيط زمن الرد (ساعات)', en: 'Median first response (hours)' },
  response_p90_hours: { ar: 'المئين 90 لزمن الرد (ساعات)', en: '90th percentile first response (hours)' },
  resolution_median_hours: { ar: 'وسيط زمن المعالجة (ساعات)', en: 'Median resolution (hours)' },
  resolution_p90_hours: { ar: 'المئين 90 لزمن المعالجة (ساعات)', en: '90th percentile resolution (hours)' },
  first_contact_resolved: { ar: 'حُلّت من أول تواصل', en: 'Resolved at first contact' },
  first_contact_pct: { ar: 'الحل من أول تواصل ٪', en: 'First-contact resolution %' },
  reopened: { ar: 'أعيد فتحها', en: 'Reopened' },
  reopen_pct: { ar: 'إعادة الفتح ٪', en: 'Reopen rate %' },
  escalated: { ar: 'صُعّدت', en: 'Escalated' },
  escalation_pct: { ar: 'التصعيد ٪', en: 'Escalation rate %' },
  de_escalated: { ar: 'خُفّض مستواها', en: 'De-escalated' },
  de_escalation_pct: { ar: 'خفض المستوى ٪', en: 'De-escalation rate %' },
  merged_duplicates: { ar: 'مكررة مدمجة', en: 'Duplicates merged' },
  ratings: { ar: 'التقييمات', en: 'Ratings' },
  average: { ar: 'المتوسط', en: 'Average' },
  satisfied_pct: { ar: 'الراضون (4–5) ٪', en: 'Satisfied (4–5) %' },
  rated_1: { ar: 'تقييم 1', en: 'Rated 1' },
  rated_2: { ar: 'تقييم 2', en: 'Rated 2' },
  rated_3: { ar: 'تقييم 3', en: 'Rated 3' },
  rated_4: { ar: 'تقييم 4', en: 'Rated 4' },
  rated_5: { ar: 'تقييم 5', en: 'Rated 5' },
};

/** Every key the rows carry, first seen first, with its name in `lang`. */
export function exportColumns(
  rows: readonly Record<string, unknown>[],
  lang: Lang,
): { key: string; label: string }[] {
  const keys = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  return keys.map((key) => ({ key, label: COLUMN_NAMES[key]?.[lang] ?? key }));
}
