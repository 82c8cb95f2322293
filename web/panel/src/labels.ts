import type { CaseStatus, Channel, Priority } from '../../../functions/core/case/case.ts';
import type { Bilingual } from '../../../functions/core/errors.ts';
import { TIER_NAMES } from '../../../functions/core/lifecycle/tiers.ts';

/** How staff name a status (the citizen-facing labels in core speak to the citizen). */
export const STATUS: Record<CaseStatus, Bilingual> = {
  new: { ar: 'جديد', en: 'New' },
  assigned: { ar: 'في الطابور', en: 'Queued' },
  in_progress: { ar: 'قيد المعالجة', en: 'In progress' },
  waiting_citizen: { ar: 'بانتظار المواطن', en: 'Waiting for citizen' },
  resolved: { ar: 'تمت المعالجة', en: 'Resolved' },
  closed: { ar: 'مغلق', en: 'Closed' },
};

export const CHANNEL: Record<Channel, Bilingual> = {
  voice: { ar: 'مكالمة', en: 'Call' },
  sms: { ar: 'رسالة نصية', en: 'SMS' },
  email: { ar: 'بريد إلكتروني', en: 'E-mail' },
  web: { ar: 'الموقع', en: 'Web' },
  app: { ar: 'التطبيق', en: 'App' },
  fax: { ar: 'فاكس', en: 'Fax' },
  chat: { ar: 'محادثة', en: 'Chat' },
};

export const PRIORITY: Record<Priority, Bilingual> = {
  low: { ar: 'منخفضة', en: 'Low' },
  normal: { ar: 'عادية', en: 'Normal' },
  high: { ar: 'عالية', en: 'High' },
  urgent: { ar: 'عاجلة', en: 'Urgent' },
};

export const TIER: Record<1 | 2 | 3, Bilingual> = TIER_NAMES;

export const EVENT: Record<string, Bilingual> = {
  created: { ar: 'أُنشئ البلاغ', en: 'Case created' },
  message_in: { ar: 'رسالة من المواطن', en: 'From the citizen' },
  message_out: { ar: 'رسالة إلى المواطن', en: 'To the citizen' },
  note: { ar: 'ملاحظة داخلية', en: 'Internal note' },
  status: { ar: 'تغيير الحالة', en: 'Status change' },
  assignment: { ar: 'إسناد', en: 'Assignment' },
  tier: { ar: 'تغيير المستوى', en: 'Tier change' },
  category: { ar: 'تغيير الفئة', en: 'Category change' },
  merge: { ar: 'دمج', en: 'Merge' },
  attachment: { ar: 'مرفق', en: 'Attachment' },
  survey: { ar: 'تقييم الخدمة', en: 'Survey rating' },
  transcript: { ar: 'محادثة', en: 'Chat transcript' },
  delivery: { ar: 'حالة التسليم', en: 'Delivery report' },
  contact_analysis: { ar: 'تحليل المكالمة (Contact Lens)', en: 'Call analysis (Contact Lens)' },
};

export const DELIVERY: Record<string, Bilingual> = {
  sent: { ar: 'أُرسلت', en: 'Sent' },
  delivered: { ar: 'وصلت', en: 'Delivered' },
  failed: { ar: 'فشل الإرسال', en: 'Failed' },
  bounced: { ar: 'ارتدت', en: 'Bounced' },
  soft_bounced: { ar: 'تأخر التسليم', en: 'Delivery delayed' },
  complained: { ar: 'أبلغ عنها كرسالة مزعجة', en: 'Marked as spam' },
  callback_queued: { ar: 'معاودة اتصال في الطابور', en: 'Call back queued' },
};

export const INTENT: Record<string, Bilingual> = {
  status: { ar: 'استعلام عن بلاغ', en: 'Asking about a case' },
  procedure: { ar: 'استفسار عن إجراء', en: 'Asking about a procedure' },
  complaint: { ar: 'بلاغ جديد', en: 'Reporting a problem' },
  menu: { ar: 'القائمة الرئيسية', en: 'Main menu' },
};
