import { createContext, useContext } from 'react';
import type { Bilingual, Lang } from '../../shared/bilingual.tsx';

export { type Bilingual, type Lang, Ltr, pick, When } from '../../shared/bilingual.tsx';

/** Every word the panel shows, in both languages. Arabic first: the panel starts right to left. */
const STRINGS = {
  appName: { ar: 'نداء · لوحة البلاغات', en: 'Nidaa · Case panel' },
  brand: { ar: 'نداء', en: 'Nidaa' },
  brandTail: { ar: ' · لوحة البلاغات', en: ' · Case panel' },
  switchLanguage: { ar: 'English', en: 'العربية' },
  switchLanguageLabel: { ar: 'التبديل إلى الإنجليزية', en: 'Switch to Arabic' },
  signIn: { ar: 'تسجيل الدخول', en: 'Sign in' },
  signOut: { ar: 'تسجيل الخروج', en: 'Sign out' },
  signInAs: { ar: 'الدخول باسم مستخدم تجريبي', en: 'Sign in as a demo user' },
  signInLocalHint: {
    ar: 'الوضع المحلي: اختر مستخدماً تجريبياً (رمز من المُصدِر المحلي بدلاً من Cognito).',
    en: 'Local mode: pick a demo user (a token from the local issuer instead of Cognito).',
  },
  signInCognito: { ar: 'الدخول بحساب البلدية', en: 'Sign in with your municipality account' },
  navQueues: { ar: 'الطوابير', en: 'Queues' },
  navContact: { ar: 'الاتصال الحالي', en: 'Current contact' },
  navSupervisor: { ar: 'لوحة المشرف', en: 'Supervisor' },
  openByReference: { ar: 'فتح بلاغ برقمه', en: 'Open a case by reference' },
  open: { ar: 'فتح', en: 'Open' },
  queueMine: { ar: 'بلاغاتي', en: 'My cases' },
  queueTier: { ar: 'مستواي', en: 'My tier' },
  queueDepartments: { ar: 'إداراتي', en: 'My departments' },
  queueAtRisk: { ar: 'مهددة بتجاوز المهلة', en: 'SLA at risk' },
  queueBreached: { ar: 'تجاوزت المهلة', en: 'SLA breached' },
  queueEmpty: { ar: 'لا توجد بلاغات هنا.', en: 'No cases here.' },
  loading: { ar: 'جارٍ التحميل…', en: 'Loading…' },
  reference: { ar: 'رقم البلاغ', en: 'Reference' },
  status: { ar: 'الحالة', en: 'Status' },
  tier: { ar: 'المستوى', en: 'Tier' },
  priority: { ar: 'الأولوية', en: 'Priority' },
  category: { ar: 'الفئة', en: 'Category' },
  department: { ar: 'الإدارة', en: 'Department' },
  assignee: { ar: 'المسؤول', en: 'Assignee' },
  unassigned: { ar: 'غير مسند', en: 'Unassigned' },
  sla: { ar: 'المهلة', en: 'SLA' },
  slaDue: { ar: 'موعد الاستحقاق', en: 'Due' },
  originChannel: { ar: 'قناة الورود', en: 'Came in by' },
  replyChannel: { ar: 'قناة الرد المفضلة', en: 'Preferred reply channel' },
  created: { ar: 'أُنشئ', en: 'Created' },
  description: { ar: 'الوصف', en: 'Description' },
  location: { ar: 'الموقع', en: 'Location' },
  noLocation: { ar: 'لم يحدد المواطن موقعاً.', en: 'The citizen gave no location.' },
  timeline: { ar: 'السجل الكامل', en: 'Timeline' },
  actions: { ar: 'الإجراءات', en: 'Actions' },
  duplicateOf: { ar: 'قد يكون مكرراً للبلاغ', en: 'Possible duplicate of' },
  compareAndMerge: { ar: 'مقارنة ودمج', en: 'Compare and merge' },
  notFound: { ar: 'البلاغ غير موجود أو ليس من صلاحياتك.', en: 'Case not found, or not yours to see.' },
  back: { ar: 'رجوع', en: 'Back' },
  refresh: { ar: 'تحديث', en: 'Refresh' },
  send: { ar: 'إرسال', en: 'Send' },
  cancel: { ar: 'إلغاء', en: 'Cancel' },
  reasonRequired: { ar: 'السبب (3 أحرف على الأقل)', en: 'Reason (at least 3 characters)' },
  actReply: { ar: 'رد على المواطن', en: 'Reply to citizen' },
  actNote: { ar: 'ملاحظة داخلية', en: 'Internal note' },
  actClaim: { ar: 'استلام البلاغ', en: 'Claim' },
  actEscalate: { ar: 'تصعيد', en: 'Escalate' },
  actDeescalate: { ar: 'إرجاع لمستوى أدنى', en: 'De-escalate' },
  actResolve: { ar: 'إنهاء مع الرد', en: 'Resolve with answer' },
  actReopen: { ar: 'إعادة فتح', en: 'Reopen' },
  actRecategorize: { ar: 'تغيير الفئة', en: 'Recategorize' },
  actMerge: { ar: 'دمج مع بلاغ أصلي', en: 'Merge into a primary case' },
  replyOn: { ar: 'يُرسل عبر', en: 'Sent by' },
  replyText: { ar: 'نص الرد', en: 'Reply text' },
  awaitAnswer: { ar: 'انتظار رد المواطن', en: 'Wait for the citizen’s answer' },
  noteText: { ar: 'نص الملاحظة (لا يراها المواطن)', en: 'Note text (the citizen never sees it)' },
  answerText: { ar: 'الرد الذي سيصل المواطن', en: 'The answer the citizen will receive' },
  newCategory: { ar: 'الفئة الجديدة', en: 'New category' },
  primaryReference: { ar: 'رقم البلاغ الأصلي', en: 'Primary case reference' },
  shortcuts: {
    ar: 'اختصارات: Alt+R رد، Alt+N ملاحظة، Alt+E تصعيد',
    en: 'Shortcuts: Alt+R reply, Alt+N note, Alt+E escalate',
  },
  done: { ar: 'تم.', en: 'Done.' },
  merge: { ar: 'دمج', en: 'Merge' },
  mergeExplain: {
    ar: 'يُغلق البلاغ المكرر (يمين) مدمجاً في الأصلي (يسار)، ويتلقى مواطنه رد البلاغ الأصلي.',
    en: 'The duplicate (first column) is closed as merged into the primary (second column); its citizen gets the primary’s answer.',
  },
  duplicate: { ar: 'البلاغ المكرر', en: 'Duplicate' },
  primary: { ar: 'البلاغ الأصلي', en: 'Primary' },
  contactTitle: { ar: 'الاتصال الحالي', en: 'Current contact' },
  contactNone: { ar: 'لا يوجد اتصال الآن.', en: 'No contact right now.' },
  contactSimulate: {
    ar: 'محاكاة اتصال وارد (بديل مساحة عمل Amazon Connect)',
    en: 'Simulate an incoming contact (stand-in for the Amazon Connect agent workspace)',
  },
  contactSimulateHint: {
    ar: 'خارج مساحة عمل الموظف في Amazon Connect تملأ هذه الخانات ما تضعه تدفقات الاتصال في سمات الاتصال.',
    en: 'Outside the Amazon Connect agent workspace, these fields stand in for the attributes the contact flows set.',
  },
  contactChannel: { ar: 'نوع الاتصال', en: 'Contact type' },
  callerPhone: { ar: 'رقم المتصل', en: 'Caller’s phone' },
  openCasesAttr: { ar: 'بلاغات مفتوحة (مفصولة بفواصل)', en: 'Open cases (comma-separated)' },
  languageAttr: { ar: 'لغة المتصل', en: 'Caller’s language' },
  intentAttr: { ar: 'ما كان يفعله المتصل', en: 'What the caller was doing' },
  simulate: { ar: 'وصول الاتصال', en: 'Contact arrives' },
  endContact: { ar: 'إنهاء الاتصال', en: 'End contact' },
  callerCases: { ar: 'بلاغات المتصل', en: 'The caller’s cases' },
  newCaseForCaller: { ar: 'بلاغ جديد للمتصل', en: 'New case for this caller' },
  newCaseText: {
    ar: 'ما يبلغ عنه المتصل (10 أحرف على الأقل)',
    en: 'What the caller reports (at least 10 characters)',
  },
  categoryAuto: { ar: 'يحددها المصنف', en: 'Let the classifier decide' },
  create: { ar: 'إنشاء البلاغ', en: 'Create the case' },
  workspace: { ar: 'داخل مساحة عمل Amazon Connect', en: 'Inside the Amazon Connect agent workspace' },
  supervisorTitle: { ar: 'لوحة المشرف', en: 'Supervisor view' },
  openCases: { ar: 'البلاغات المفتوحة', en: 'Open cases' },
  byTierAndDepartment: { ar: 'حسب المستوى والإدارة', en: 'By tier and department' },
  atRisk: { ar: 'مهددة', en: 'At risk' },
  // Deadlines that passed today (GET /v1/stats counts each breach as it happens; docs/decisions/0114).
  breached: { ar: 'تجاوزات المهلة اليوم', en: 'SLA breaches today' },
  today: { ar: 'اليوم', en: 'Today' },
  todayByChannel: { ar: 'بلاغات اليوم حسب القناة', en: 'Today by channel' },
  todayByCategory: { ar: 'بلاغات اليوم حسب الفئة', en: 'Today by category' },
  total: { ar: 'المجموع', en: 'Total' },
  updatedAt: { ar: 'آخر تحديث', en: 'Updated' },
  liveRefresh: { ar: 'يتحدث تلقائياً كل 30 ثانية', en: 'Refreshes every 30 seconds' },
  satisfaction: { ar: 'رضا المتصلين (7 أيام)', en: 'Caller satisfaction (7 days)' },
  ratings: { ar: 'تقييم', en: 'ratings' },
  noRatings: { ar: 'لا تقييمات بعد', en: 'No ratings yet' },
  attachment: { ar: 'مرفق', en: 'Attachment' },
  subject: { ar: 'الموضوع', en: 'Subject' },
  transcript: { ar: 'نص المحادثة', en: 'Chat transcript' },
  roleCitizen: { ar: 'المواطن', en: 'Citizen' },
  roleAgent: { ar: 'الموظف', en: 'Agent' },
  roleSystem: { ar: 'النظام', en: 'System' },
  delivery: { ar: 'حالة التسليم', en: 'Delivery' },
  callAnalysis: { ar: 'تحليل المكالمة', en: 'Call analysis' },
  callerSentiment: { ar: 'انطباع المتصل', en: 'Caller sentiment' },
  agentSentiment: { ar: 'انطباع الموظف', en: 'Agent sentiment' },
  sentimentNegative: { ar: 'سلبي', en: 'negative' },
  sentimentNeutral: { ar: 'محايد', en: 'neutral' },
  sentimentPositive: { ar: 'إيجابي', en: 'positive' },
  callCategories: { ar: 'الفئات المطابقة', en: 'Matched categories' },
  callDuration: { ar: 'مدة المكالمة', en: 'Call length' },
  talkTime: { ar: 'وقت الحديث', en: 'Talk time' },
  nonTalkTime: { ar: 'وقت الصمت', en: 'Silence' },
  interruptions: { ar: 'المقاطعات', en: 'Interruptions' },
  mapCaption: {
    ar: 'مراكز الولايات (خريطة بلا إنترنت) والنقطة الحمراء موقع البلاغ',
    en: 'Wilayat centres (offline map); the red point is the case',
  },
  skipToContent: { ar: 'انتقل إلى المحتوى', en: 'Skip to content' },
  error: { ar: 'خطأ', en: 'Error' },
  navAnalytics: { ar: 'التحليلات', en: 'Analytics' },
  analyticsTitle: { ar: 'التحليلات والإحصاءات', en: 'Analytics' },
  analyticsIntro: {
    ar: 'أرقام دقيقة من مخزن التحليلات (أيام بتوقيت مسقط). اضغط أي رقم لعرض البلاغات التي وراءه.',
    en: 'Exact figures from the analytics store (Muscat days). Select any number to see the cases behind it.',
  },
  period: { ar: 'الفترة', en: 'Period' },
  presetWeek: { ar: 'هذا الأسبوع', en: 'This week' },
  presetMonth: { ar: 'هذا الشهر', en: 'This month' },
  presetLast30: { ar: 'آخر 30 يوماً', en: 'Last 30 days' },
  dateFrom: { ar: 'من', en: 'From' },
  dateTo: { ar: 'إلى', en: 'To' },
  filters: { ar: 'التصفية', en: 'Filters' },
  all: { ar: 'الكل', en: 'All' },
  wilayat: { ar: 'الولاية', en: 'Wilayat' },
  channel: { ar: 'القناة', en: 'Channel' },
  language: { ar: 'اللغة', en: 'Language' },
  langAr: { ar: 'العربية', en: 'Arabic' },
  langEn: { ar: 'الإنجليزية', en: 'English' },
  unknownPlace: { ar: 'بلا موقع', en: 'No location' },
  casesOpened: { ar: 'بلاغات وردت', en: 'Cases opened' },
  openNow: { ar: 'مفتوحة في نهاية الفترة', en: 'Open at the end' },
  slaCompliance: { ar: 'الالتزام بالمهلة', en: 'SLA compliance' },
  firstContact: { ar: 'الحل من أول تواصل', en: 'First-contact resolution' },
  satisfactionAvg: { ar: 'متوسط الرضا', en: 'Average satisfaction' },
  volumeOverTime: { ar: 'البلاغات الواردة عبر الزمن', en: 'Cases opened over time' },
  byChannel: { ar: 'حسب القناة', en: 'By channel' },
  hotspots: { ar: 'النقاط الساخنة: الولاية × الفئة', en: 'Hotspots: wilayat × category' },
  hotspotsMapCaption: {
    ar: 'مناطق تقريبية: كل جزء من اليابسة ينسب لأقرب مركز ولاية (ليست حدوداً رسمية). خريطة بلا إنترنت.',
    en: 'Schematic areas: each part of the land belongs to the nearest wilayat centre (not official boundaries). Offline map.',
  },
  mapCategory: { ar: 'الفئة على الخريطة', en: 'Category on the map' },
  slaByDepartment: { ar: 'الالتزام بالمهلة حسب الإدارة', en: 'SLA compliance by department' },
  backlogAgeing: { ar: 'المفتوحة وأعمارها حسب الإدارة', en: 'Open cases by age and department' },
  responseTimes: {
    ar: 'زمن الرد الأول وزمن المعالجة (ساعات)',
    en: 'Time to first response and to resolution (hours)',
  },
  outcomes: { ar: 'نتائج البلاغات', en: 'Case outcomes' },
  callsAndIvr: { ar: 'المكالمات والرد الآلي', en: 'Calls and IVR' },
  callsOffered: { ar: 'مكالمات إلى الطوابير', en: 'Calls offered' },
  answeredShare: { ar: 'المُجابة', en: 'Answered' },
  abandonedShare: { ar: 'المتروكة', en: 'Abandoned' },
  speedOfAnswer: { ar: 'متوسط سرعة الرد', en: 'Average speed of answer' },
  serviceLevel: { ar: 'مستوى الخدمة', en: 'Service level' },
  serviceLevelNote: { ar: 'أُجيبت خلال 60 ثانية', en: 'answered within 60 s' },
  handleTime: { ar: 'متوسط مدة المعالجة', en: 'Average handle time' },
  containment: { ar: 'الخدمة الذاتية', en: 'IVR containment' },
  callsByChannel: { ar: 'المكالمات والمحادثات حسب القناة', en: 'Calls and chats by channel' },
  ivrDropOff: { ar: 'الانقطاع في قوائم الرد الآلي', en: 'Drop-off per IVR menu' },
  ivrMenu: { ar: 'القائمة', en: 'Menu' },
  menuVisits: { ar: 'الإجابات', en: 'Answers' },
  drops: { ar: 'انقطعوا', en: 'Dropped' },
  dropOff: { ar: 'الانقطاع', en: 'Drop-off' },
  wrongKey: { ar: 'مفتاح خاطئ', en: 'Wrong key' },
  silence: { ar: 'صمت', en: 'Silence' },
  callbacksKept: { ar: 'معاودات الاتصال المنفّذة', en: 'Call backs kept' },
  callbacksDue: { ar: 'معاودات مستحقة', en: 'Call backs due' },
  kept: { ar: 'نُفّذت', en: 'Kept' },
  messagesSection: { ar: 'الرسائل', en: 'Messages' },
  deliveryFailures: { ar: 'إخفاق التسليم حسب القناة', en: 'Delivery failures by channel' },
  attempts: { ar: 'محاولات الإرسال', en: 'Attempts' },
  failedSends: { ar: 'رُفضت', en: 'Failed' },
  bounced: { ar: 'ارتدّت', en: 'Bounced' },
  failureShare: { ar: 'الإخفاق', en: 'Failure rate' },
  costPerChannel: { ar: 'التكلفة حسب القناة', en: 'Cost per channel' },
  units: { ar: 'الوحدات', en: 'Units' },
  cost: { ar: 'التكلفة', en: 'Cost' },
  seconds: { ar: 'ث', en: 's' },
  queue: { ar: 'الطابور', en: 'Queue' },
  source: { ar: 'المصدر', en: 'Source' },
  median: { ar: 'الوسيط', en: 'Median' },
  p90: { ar: 'المئين 90', en: '90th percentile' },
  firstResponse: { ar: 'الرد الأول', en: 'First response' },
  resolution: { ar: 'المعالجة', en: 'Resolution' },
  resolvedCount: { ar: 'عولجت', en: 'Resolved' },
  withinSla: { ar: 'ضمن المهلة', en: 'Within SLA' },
  reopenRate: { ar: 'إعادة الفتح', en: 'Reopened' },
  escalationRate: { ar: 'التصعيد', en: 'Escalated' },
  deEscalationRate: { ar: 'خفض المستوى', en: 'De-escalated' },
  mergedDuplicates: { ar: 'مكررة مدمجة', en: 'Merged duplicates' },
  ageUnder1: { ar: 'أقل من يوم', en: '< 1 day' },
  age1to3: { ar: '1–3 أيام', en: '1–3 days' },
  age3to7: { ar: '3–7 أيام', en: '3–7 days' },
  age7to30: { ar: '7–30 يوماً', en: '7–30 days' },
  ageOver30: { ar: '30 يوماً فأكثر', en: '30 days or more' },
  noData: { ar: 'لا بيانات في هذه الفترة.', en: 'No data in this period.' },
  notFilteredBy: { ar: 'لا يُصفّى هذا الرقم حسب', en: 'This figure is not filtered by' },
  drillTitle: { ar: 'البلاغات وراء الرقم', en: 'The cases behind the number' },
  drillBasis: {
    ar: 'البلاغات التي وردت في الفترة وتطابق التصفية، الأحدث أولاً.',
    en: 'Cases opened in the period that match the filters, newest first.',
  },
  drillMore: {
    ar: 'تُعرض أول 500 فقط؛ ضيّق التصفية.',
    en: 'Only the first 500 are listed; narrow the filters.',
  },
  close: { ar: 'إغلاق', en: 'Close' },
  nextPage: { ar: 'الصفحة التالية', en: 'Next page' },
  previousPage: { ar: 'الصفحة السابقة', en: 'Previous page' },
  showCases: { ar: 'عرض البلاغات', en: 'Show the cases' },
  casesWord: { ar: 'بلاغ', en: 'cases' },
} satisfies Record<string, Bilingual>;

export type StringKey = keyof typeof STRINGS;

export const LangContext = createContext<Lang>('ar');

export function useLang(): Lang {
  return useContext(LangContext);
}

/** The panel's words in the current language. */
export function useT() {
  const lang = useLang();
  return (key: StringKey) => STRINGS[key][lang];
}
/**
 * A string a citizen wrote, or that came from outside (text, subject, name, address, file name, chat
 * line): an isolate whose direction comes from its own first strong letter. Whatever it holds, bidi
 * controls such as U+202E included, cannot reorder the references, digits and labels around it.
 */
export function Citizen({ children }: { children: string | undefined }) {
  return (
    <bdi dir="auto" className="citizen">
      {children}
    </bdi>
  );
}

/**
 * A citizen's text as its own block (description, message): each line takes its own direction
 * (`unicode-bidi: plaintext`), and nothing else is in the block, so nothing of ours can be reordered by it.
 */
export function CitizenBlock({ children, className }: { children: string | undefined; className: string }) {
  return (
    <p className={`${className} citizen-block`} dir="auto">
      {children}
    </p>
  );
}
