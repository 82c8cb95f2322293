import { createContext, type ReactNode, useCallback, useContext } from 'react';
import type { Bilingual, Lang } from '../../shared/bilingual.tsx';

export { type Bilingual, type Lang, Ltr, pick, When } from '../../shared/bilingual.tsx';

/** Every word the portal shows, in both languages. Arabic first: the portal starts right to left. */
const STRINGS = {
  appName: { ar: 'نداء · بوابة المواطن', en: 'Nidaa · Citizens’ portal' },
  brand: { ar: 'نداء', en: 'Nidaa' },
  brandTail: { ar: 'بلدية مسقط', en: 'Muscat Municipality' },
  switchLanguage: { ar: 'English', en: 'العربية' },
  switchLanguageLabel: { ar: 'English: التبديل إلى الإنجليزية', en: 'العربية: Switch to Arabic' },
  skipToContent: { ar: 'انتقل إلى المحتوى', en: 'Skip to content' },
  mainNav: { ar: 'القائمة الرئيسية', en: 'Main menu' },
  navHome: { ar: 'الرئيسية', en: 'Home' },
  navReport: { ar: 'بلاغ جديد', en: 'New report' },
  navTrack: { ar: 'متابعة بلاغ', en: 'Track' },
  navProcedures: { ar: 'الإجراءات', en: 'Procedures' },
  navContact: { ar: 'تواصل معنا', en: 'Contact us' },
  homeTitle: { ar: 'كيف نخدمك اليوم؟', en: 'How can we help today?' },
  homeIntro: {
    ar: 'بلّغ عن مشكلة في حيّك، أو قدّم شكوى أو اقتراحاً أو استفساراً، وتابع ردّ البلدية.',
    en: 'Report a problem in your neighbourhood, make a complaint, a suggestion or an inquiry, and follow the municipality’s answer.',
  },
  kindProblem: { ar: 'الإبلاغ عن مشكلة', en: 'Report a problem' },
  kindProblemHint: { ar: 'حفرة، إنارة، نفايات، تسرب…', en: 'Pothole, lighting, waste, leak…' },
  kindComplaint: { ar: 'تقديم شكوى', en: 'Make a complaint' },
  kindComplaintHint: { ar: 'عن خدمة أو معاملة', en: 'About a service or a transaction' },
  kindSuggestion: { ar: 'تقديم اقتراح', en: 'Make a suggestion' },
  kindSuggestionHint: { ar: 'فكرة لتحسين مدينتك', en: 'An idea to improve your city' },
  kindInquiry: { ar: 'استفسار', en: 'Ask a question' },
  kindInquiryHint: { ar: 'عن إجراء أو رسوم أو ترخيص', en: 'About a procedure, fee or permit' },
  trackTitle: { ar: 'متابعة بلاغ', en: 'Track a request' },
  trackHint: {
    ar: 'اكتب رقم البلاغ كما وصلك (تقبل الأرقام العربية والإنجليزية وأي فواصل).',
    en: 'Type the reference as you received it (Arabic or Western digits, any separators).',
  },
  reference: { ar: 'رقم البلاغ', en: 'Reference' },
  show: { ar: 'عرض', en: 'Show' },
  offlineBanner: {
    ar: 'أنت غير متصل. ستُرسل البلاغات المحفوظة تلقائياً عند عودة الاتصال.',
    en: 'You are offline. Saved reports are sent automatically when you are back online.',
  },
  queued: { ar: 'بلاغات بانتظار الإرسال', en: 'Reports waiting to be sent' },
  queueRefused: {
    ar: 'لم تقبل البلدية بلاغاً محفوظاً على هاتفك، فأعد كتابته:',
    en: 'The municipality did not accept a report saved on this phone; please write it again:',
  },
  sentFromQueue: { ar: 'أُرسل بلاغك المحفوظ، ورقمه', en: 'Your saved report was sent; its reference is' },
  loading: { ar: 'جارٍ التحميل…', en: 'Loading…' },
  error: { ar: 'خطأ', en: 'Error' },
  networkError: {
    ar: 'تعذر الاتصال بالبلدية. حاول مرة أخرى.',
    en: 'Could not reach the municipality. Please try again.',
  },
  notFound: { ar: 'الصفحة غير موجودة.', en: 'Page not found.' },
  back: { ar: 'رجوع', en: 'Back' },
  // Report
  reportTitle: { ar: 'بلاغ جديد', en: 'New report' },
  stepCategory: { ar: 'ما الموضوع؟', en: 'What is it about?' },
  categorySearch: { ar: 'ابحث عن الفئة', en: 'Search for a category' },
  categorySearchHint: {
    ar: 'مثل: حفرة، إنارة، حاوية، pothole',
    en: 'For example: pothole, street light, bin, حفرة',
  },
  notSure: { ar: 'لست متأكداً، صنّفوه لي', en: 'Not sure: let the municipality classify it' },
  noCategoryMatch: { ar: 'لا فئة تطابق بحثك.', en: 'No category matches your search.' },
  chosenCategory: { ar: 'الفئة المختارة', en: 'Chosen category' },
  change: { ar: 'تغيير', en: 'Change' },
  relatedProcedures: { ar: 'إجراءات ذات صلة', en: 'Related procedures' },
  description: { ar: 'الوصف', en: 'Description' },
  descriptionHint: {
    ar: 'صف ما رأيت في 10 أحرف على الأقل: ماذا، وأين بالتحديد.',
    en: 'Describe what you saw in at least 10 characters: what, and exactly where.',
  },
  photos: { ar: 'الصور', en: 'Photos' },
  addPhoto: { ar: 'إضافة صورة', en: 'Add a photo' },
  photosHint: {
    ar: 'حتى {n} صور. تُصغَّر على هاتفك قبل الرفع، وتُحذف بياناتها الوصفية في البلدية.',
    en: 'Up to {n} photos. They are made smaller on your phone before upload; their metadata is removed by the municipality.',
  },
  removePhoto: { ar: 'حذف الصورة', en: 'Remove photo' },
  photoGpsAsk: {
    ar: 'هذه الصورة تحمل موقع التقاطها. هل نستخدمه موقعاً للبلاغ؟',
    en: 'This photo carries the place it was taken. Use it as the report’s location?',
  },
  usePhotoGps: { ar: 'نعم، استخدم موقع الصورة', en: 'Yes, use the photo’s location' },
  readPhotoGps: {
    ar: 'اقرأ موقع التقاط الصور (إن وُجد) قبل رفعها',
    en: 'Read where my photos were taken (if they say) before upload',
  },
  no: { ar: 'لا', en: 'No' },
  location: { ar: 'الموقع', en: 'Location' },
  useMyLocation: { ar: 'استخدم موقعي الحالي', en: 'Use my current location' },
  locationConsent: {
    ar: 'سيطلب المتصفح إذنك. يُرسل الموقع مع البلاغ فقط.',
    en: 'Your browser will ask for permission. The location is sent with this report only.',
  },
  locating: { ar: 'جارٍ تحديد الموقع…', en: 'Finding your location…' },
  locationDenied: {
    ar: 'لم نتمكن من معرفة موقعك. ضع دبوساً على الخريطة بدلاً من ذلك.',
    en: 'We could not get your location. Put a pin on the map instead.',
  },
  pickOnMap: { ar: 'اختر على الخريطة', en: 'Pick on the map' },
  mapLabel: {
    ar: 'خريطة لتحديد موقع البلاغ: انقر لوضع الدبوس',
    en: 'Map to place the report: click to put the pin',
  },
  placeSearch: { ar: 'ابحث عن حي أو معلم', en: 'Search a district or landmark' },
  placeSearchHint: { ar: 'مثل: الخوير، جامع السلطان قابوس', en: 'For example: Al Khuwair, Grand Mosque' },
  noPlace: { ar: 'لا مكان بهذا الاسم.', en: 'No place by this name.' },
  pinCentre: {
    ar: 'ضع الدبوس في وسط الخريطة (حرّكها بالأسهم)',
    en: 'Put the pin at the map’s centre (move it with the arrow keys)',
  },
  pinnedAt: { ar: 'الموقع المحدد', en: 'Chosen location' },
  wilayat: { ar: 'الولاية', en: 'Wilayat' },
  clearLocation: { ar: 'إزالة الموقع', en: 'Remove location' },
  outsideArea: {
    ar: 'هذا الموقع خارج نطاق خدمة البلدية.',
    en: 'This location is outside the municipality’s service area.',
  },
  sameProblemTitle: { ar: 'هل هي المشكلة نفسها؟', en: 'Is this the same problem?' },
  sameProblemIntro: {
    ar: 'بلاغات مفتوحة قريبة في الفئة نفسها. إن كانت مشكلتك منها فتابعها بدلاً من بلاغ جديد.',
    en: 'Open reports nearby in the same category. If yours is one of them, follow it instead of filing again.',
  },
  metresAway: { ar: 'م', en: 'm away' },
  reportedOn: { ar: 'أُبلغ عنه', en: 'Reported' },
  follow: { ar: 'تابع هذا البلاغ', en: 'Follow this one' },
  contact: { ar: 'وسيلة التواصل', en: 'How to reach you' },
  phone: { ar: 'رقم الهاتف', en: 'Phone number' },
  email: { ar: 'البريد الإلكتروني', en: 'E-mail' },
  contactHint: {
    ar: 'أدخل أحدهما على الأقل. بلا رقم هاتف يصلك الرد بالبريد الإلكتروني.',
    en: 'Give at least one of them. Without a phone number, the answer comes by e-mail.',
  },
  replyChannel: { ar: 'كيف تفضّل أن نردّ عليك؟', en: 'How would you like our answer?' },
  replySms: { ar: 'رسالة نصية', en: 'SMS' },
  replyEmail: { ar: 'بريد إلكتروني', en: 'E-mail' },
  replyVoice: { ar: 'اتصال هاتفي', en: 'Call back' },
  submit: { ar: 'إرسال البلاغ', en: 'Send the report' },
  submitting: { ar: 'جارٍ الإرسال…', en: 'Sending…' },
  uploading: { ar: 'جارٍ رفع الصور…', en: 'Uploading photos…' },
  sentTitle: { ar: 'وصل بلاغك', en: 'Your report has arrived' },
  sentBody: {
    ar: 'احتفظ برقم البلاغ. ستصلك رسالة فيها رابط المتابعة.',
    en: 'Keep the reference. You will receive a message with the tracking link.',
  },
  queuedTitle: { ar: 'حُفظ بلاغك على هاتفك', en: 'Your report is saved on this phone' },
  queuedBody: {
    ar: 'لا يوجد اتصال الآن. سيُرسل تلقائياً مرة واحدة عند عودة الاتصال، حتى لو أغلقت الصفحة ثم عدت إليها.',
    en: 'There is no connection now. It will be sent once, automatically, when you are back online, even if you close the page and come back.',
  },
  trackIt: { ar: 'تابع البلاغ', en: 'Track it' },
  newReport: { ar: 'بلاغ آخر', en: 'Another report' },
  requiredField: { ar: '(مطلوب)', en: '(required)' },
  // Track
  status: { ar: 'الحالة', en: 'Status' },
  category: { ar: 'الفئة', en: 'Category' },
  department: { ar: 'الإدارة المختصة', en: 'Department' },
  created: { ar: 'تاريخ البلاغ', en: 'Reported on' },
  updated: { ar: 'آخر تحديث', en: 'Last update' },
  answer: { ar: 'رد البلدية', en: 'The municipality’s answer' },
  steps: { ar: 'مراحل البلاغ', en: 'Steps' },
  stepReceived: { ar: 'استُلم البلاغ', en: 'Request received' },
  stepStatus: { ar: 'تغيّرت الحالة', en: 'Status changed' },
  stepMessageSent: { ar: 'رسالة من البلدية', en: 'Message from the municipality' },
  stepCitizenWrote: { ar: 'رسالة منكم', en: 'Your message' },
  stepMerged: { ar: 'دُمج مع بلاغ آخر', en: 'Joined to another request' },
  departmentPhotos: { ar: 'صور من الإدارة', en: 'Photos from the department' },
  yourPhotos: { ar: 'صوركم', en: 'Your photos' },
  mergedInto: { ar: 'دُمج هذا البلاغ في البلاغ', en: 'This request was merged into' },
  privateHint: {
    ar: 'لرؤية الرد ومراحل البلاغ وإضافة معلومات، افتح الرابط الذي وصلك أو اطلب رمز تحقق.',
    en: 'To see the answer and the steps and to add information, open the link you received or ask for a code.',
  },
  sendCode: { ar: 'أرسل لي رمز تحقق', en: 'Send me a code' },
  codeSent: {
    ar: 'أرسلنا رمزاً إلى وسيلة التواصل المسجلة في البلاغ.',
    en: 'We sent a code to the contact registered with the request.',
  },
  code: { ar: 'رمز التحقق', en: 'Code' },
  verify: { ar: 'تحقق', en: 'Verify' },
  addInfo: { ar: 'إضافة معلومات أو صورة', en: 'Add information or a photo' },
  addInfoText: { ar: 'المعلومات الإضافية', en: 'More information' },
  addInfoDone: { ar: 'أُضيفت معلوماتك إلى البلاغ.', en: 'Your information was added.' },
  reopen: { ar: 'إعادة فتح البلاغ', en: 'Reopen the request' },
  reopenReason: { ar: 'لماذا تعيد فتحه؟', en: 'Why reopen it?' },
  reopenUntil: { ar: 'يمكن إعادة فتحه حتى', en: 'Can be reopened until' },
  reopenDone: { ar: 'أُعيد فتح البلاغ.', en: 'The request was reopened.' },
  send: { ar: 'إرسال', en: 'Send' },
  requestNotFound: { ar: 'لا يوجد بلاغ بهذا الرقم.', en: 'No request has this reference.' },
  // Procedures
  proceduresTitle: { ar: 'الإجراءات والخدمات', en: 'Procedures and services' },
  proceduresSearch: { ar: 'ابحث في الإجراءات', en: 'Search procedures' },
  noProcedures: { ar: 'لا إجراءات تطابق بحثك.', en: 'No procedure matches your search.' },
  requirements: { ar: 'الشروط', en: 'Requirements' },
  documents: { ar: 'المستندات المطلوبة', en: 'Documents' },
  fees: { ar: 'الرسوم', en: 'Fees' },
  expectedTime: { ar: 'المدة المتوقعة', en: 'Expected time' },
  procedureSteps: { ar: 'الخطوات', en: 'Steps' },
  whereToApply: { ar: 'أين تقدم الطلب', en: 'Where to apply' },
  askQuestion: { ar: 'اطرح سؤالاً عن هذا الإجراء', en: 'Ask a question about this procedure' },
  // Contact
  contactTitle: { ar: 'تواصل معنا', en: 'Contact us' },
  chatNow: { ar: 'ابدأ محادثة مباشرة', en: 'Start a live chat' },
  chatUnavailable: {
    ar: 'المحادثة المباشرة غير متاحة هنا. تواصل معنا عبر:',
    en: 'Live chat is not available here. Reach us by:',
  },
  hours: { ar: 'ساعات العمل', en: 'Opening hours' },
  hoursValue: {
    ar: 'من الأحد إلى الخميس، 7:30 صباحاً – 2:30 مساءً (بتوقيت مسقط)',
    en: 'Sunday to Thursday, 7:30 am – 2:30 pm (Muscat time)',
  },
  hotline: { ar: 'الخط الساخن', en: 'Hotline' },
  smsLine: { ar: 'الرسائل النصية', en: 'SMS' },
  emailLine: { ar: 'البريد الإلكتروني', en: 'E-mail' },
  // Rating an answer (/rate/<reference>#k=…)
  rateTitle: { ar: 'كيف كان ردّنا؟', en: 'How was our answer?' },
  rateHint: {
    ar: 'اختاروا من 1 (سيئ) إلى 5 (ممتاز) لتقييم الرد على بلاغكم',
    en: 'Choose from 1 (poor) to 5 (excellent) to rate the answer to your request',
  },
  rateOption: { ar: 'تقييم', en: 'Rating' },
  rateOutOf: { ar: 'من 5', en: 'out of 5' },
  rateThanks: { ar: 'شكراً لتقييمكم.', en: 'Thank you for your rating.' },
  rateAlready: {
    ar: 'شكراً لكم، وصلنا تقييمكم لهذا الرد من قبل.',
    en: 'Thank you: your rating of this answer had already reached us.',
  },
  rateNoLink: {
    ar: 'رابط التقييم غير مكتمل. افتحوا الرابط كما وصلكم في رسالتنا.',
    en: 'This rating link is incomplete. Open the link exactly as it came in our message.',
  },
} satisfies Record<string, Bilingual>;

export type StringKey = keyof typeof STRINGS;

export type LangState = { lang: Lang; setLang: (lang: Lang) => void };
export const LangContext = createContext<LangState>({ lang: 'ar', setLang: () => {} });

export const useLang = (): Lang => useContext(LangContext).lang;

/** The portal's words in the current language; `{n}` placeholders are filled from `vars`. */
export function useT() {
  const lang = useLang();
  // Stable per language: screens list `t` in their effects' dependencies.
  return useCallback(
    (key: StringKey, vars: Record<string, string | number> = {}) =>
      STRINGS[key][lang].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? '')),
    [lang],
  );
}

const LANG_KEY = 'nidaa.portal.lang';

/** Arabic unless the citizen chose English on this device before. */
export function rememberedLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'ar';
  } catch {
    return 'ar';
  }
}

export function rememberLang(lang: Lang) {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
  document.title = STRINGS.appName[lang];
}

/** Citizen (or staff) text: isolated, its direction taken from its own first strong letter. */
export function Quote({ children }: { children: ReactNode }) {
  return (
    <bdi dir="auto" className="quote">
      {children}
    </bdi>
  );
}

/** A moment on Muscat's wall clock, Western digits in both languages like references. */
export function formatDate(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'ar' ? 'ar-OM-u-nu-latn' : 'en-GB', {
    timeZone: 'Asia/Muscat',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));
}
