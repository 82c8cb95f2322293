/**
 * Every fixed prompt the hotline's flows speak (voice) or send (chat), in both languages, in one place so
 * they are reviewed together. The flow generator (contact-flows/build) sets the caller's language's texts
 * as contact attributes `p_<key>` once the language is chosen; blocks then speak `$.Attributes.p_<key>`,
 * so one menu tree serves both languages (docs/decisions/0020). Dynamic answers (a case's status, a
 * procedure) come from the hotline Lambda in the caller's language (speech.ts).
 *
 * Written to be heard: short sentences, one choice per sentence, digits as words where a caller presses them.
 */
import type { Bilingual } from '../errors.ts';

export const PROMPTS = {
  /** Spoken before the language is known, when the caller lookup failed and the municipality is unknown. */
  welcome: { ar: 'أهلاً بكم في الخط الساخن للبلدية.', en: 'Welcome to the municipality hotline.' },
  /** The English half of the language choice, spoken by the English voice after the Arabic welcome. */
  languageChoice: {
    ar: 'للمتابعة بالعربية انتظر أو اضغط واحد.',
    en: 'For English, press 2.',
  },
  main: {
    ar: 'لمعرفة حالة طلب اضغط واحد. لإجراءات الخدمات اضغط اثنين. لتقديم شكوى أو بلاغ جديد اضغط ثلاثة. للتحدث مع موظف اضغط صفر.',
    en: 'To check a request, press 1. For service procedures, press 2. To file a new complaint or report, press 3. To speak to an agent, press 0.',
  },
  statusMenu: {
    ar: 'لإدخال رقم الطلب اضغط واحد. لسماع جميع طلباتكم المفتوحة المسجلة برقم هاتفكم اضغط اثنين.',
    en: 'To enter a request number, press 1. To hear all open requests registered to your phone number, press 2.',
  },
  enterReference: {
    ar: 'أدخل رقم الطلب ثم اضغط علامة المربع.',
    en: 'Enter the request number, then press the pound key.',
  },
  invalid: { ar: 'عذراً، لم نتعرف على اختياركم.', en: 'Sorry, we did not recognise that choice.' },
  tooManyTries: {
    ar: 'سنحولكم إلى أحد الموظفين لمساعدتكم.',
    en: 'We will put you through to an agent who can help.',
  },
  after: {
    ar: 'للعودة إلى القائمة الرئيسية اضغط واحد. للتحدث مع موظف اضغط صفر. لإنهاء المكالمة اضغط تسعة.',
    en: 'To return to the main menu, press 1. To speak to an agent, press 0. To finish, press 9.',
  },
  offerSms: {
    ar: 'لإرسال هذه الإجراءات إليكم برسالة نصية اضغط واحد، وإلا اضغط اثنين.',
    en: 'To receive this procedure by text message, press 1. Otherwise, press 2.',
  },
  closed: {
    ar: 'مركز الاتصال مغلق الآن. لنتصل بكم في أول وقت العمل اضغط واحد. للعودة إلى القائمة الرئيسية اضغط اثنين.',
    en: 'The contact center is closed now. For a call back when we open, press 1. To return to the main menu, press 2.',
  },
  closedChat: {
    ar: 'الموظفون غير متاحين الآن. يمكنكم تقديم البلاغ عبر البوابة الإلكترونية أو برسالة نصية وسنتابعه معكم.',
    en: 'No agents are available now. You can report it on our web portal or by SMS, and we will follow it up.',
  },
  chatWelcome: {
    ar: 'أهلاً بكم. سيرد عليكم أحد موظفينا بعد قليل؛ اكتبوا ما تودون إبلاغنا به.',
    en: 'Welcome. One of our agents will be with you shortly; please write what you would like to tell us.',
  },
  callbackOk: {
    ar: 'تم تسجيل طلب الاتصال. سيتصل بكم أحد الموظفين على هذا الرقم. مع السلامة.',
    en: 'Your call back is booked. An agent will call you on this number. Goodbye.',
  },
  callbackFailed: {
    ar: 'عذراً، تعذر تسجيل طلب الاتصال.',
    en: 'Sorry, we could not book the call back.',
  },
  queueFull: {
    ar: 'جميع الموظفين مشغولون الآن.',
    en: 'All our agents are busy right now.',
  },
  transferring: { ar: 'جارٍ تحويلكم إلى موظف.', en: 'Putting you through to an agent.' },
  offerCallback: {
    ar: 'لنتصل بكم بدلاً من الانتظار، دون أن تفقدوا دوركم، اضغط واحد. للاستمرار في الانتظار اضغط اثنين.',
    en: 'To get a call back instead of waiting, without losing your place, press 1. To keep waiting, press 2.',
  },
  stillWaiting: {
    ar: 'شكراً لانتظاركم، سيرد عليكم أول موظف متاح.',
    en: 'Thank you for waiting. The next available agent will answer you.',
  },
  error: {
    ar: 'عذراً، حدث خلل ولم نتمكن من إكمال طلبكم.',
    en: 'Sorry, something went wrong and we could not complete your request.',
  },
  survey: {
    ar: 'لتقييم خدمتنا اليوم اضغط رقماً من واحد إلى خمسة، حيث خمسة هي الأفضل.',
    en: 'To rate our service today, press a number from 1 to 5, where 5 is best.',
  },
  bye: { ar: 'شكراً لاتصالكم. مع السلامة.', en: 'Thank you for calling. Goodbye.' },
} as const satisfies Record<string, Bilingual>;

export type PromptKey = keyof typeof PROMPTS;

/** The contact attribute a prompt is kept in once the caller's language is known. */
export const promptAttribute = (key: PromptKey) => `p_${key}`;
