/**
 * What the hotline says that depends on data (a case, a procedure, a menu read from the settings), in the
 * caller's language and shaped for the channel: on a call, references and numbers are spelled digit by
 * digit (the text-to-speech voice then reads "2 6 0…", never "two hundred sixty million…"); in chat they
 * stay as one number to copy.
 */
import { type Case, type CaseStatus, type Language, STATUS_LABELS } from '../case/case.ts';
import type { Bilingual } from '../errors.ts';
import type { Procedure } from '../knowledge/types.ts';

export type HotlineChannel = 'VOICE' | 'CHAT';
export type Audience = { language: Language; channel: HotlineChannel };

/** A reference or number as the channel should carry it: spaced digits on a call, as typed in chat. */
export const spell = (digits: string, channel: HotlineChannel) =>
  channel === 'VOICE' ? digits.split('').join(' ') : digits;

/** What happens next for a case in each status, told to the citizen. */
export const NEXT_STEPS: Record<CaseStatus, Bilingual> = {
  new: {
    ar: 'سيراجع الفريق المختص طلبكم قريباً، وسنبلغكم برسالة نصية عند أي تحديث.',
    en: 'The team will review it shortly; we will text you when anything changes.',
  },
  assigned: {
    ar: 'الطلب لدى الفريق المختص، وسنبلغكم برسالة نصية عند أي تحديث.',
    en: 'The team has it and we will text you when anything changes.',
  },
  in_progress: {
    ar: 'يعمل الفريق المختص على معالجته، وسنبلغكم عند الانتهاء.',
    en: 'The team is working on it and will tell you when it is done.',
  },
  waiting_citizen: {
    ar: 'ننتظر ردكم على رسالتنا الأخيرة حتى نكمل المعالجة.',
    en: 'We are waiting for your reply to our last message before we can continue.',
  },
  resolved: {
    ar: 'إذا لم تحل المشكلة فردوا على رسالتنا أو اتصلوا بنا لنعيد فتح الطلب.',
    en: 'If the problem is not solved, reply to our message or call us and we will reopen it.',
  },
  closed: {
    ar: 'الطلب مغلق. لمشكلة جديدة يمكنكم تقديم بلاغ جديد.',
    en: 'The request is closed. For a new problem, please file a new report.',
  },
};

const pick = (text: Bilingual, a: Audience) => text[a.language];

export function confirmReference(reference: string, a: Audience): string {
  const heard = spell(reference, a.channel);
  return a.language === 'ar'
    ? `أدخلتم الرقم ${heard}. للتأكيد اضغط واحد، ولإعادة الإدخال اضغط اثنين.`
    : `You entered ${heard}. To confirm, press 1. To enter it again, press 2.`;
}

export const invalidReference = (a: Audience) =>
  pick(
    {
      ar: 'رقم الطلب غير صحيح. تأكدوا من الرقم المكتوب في رسالتنا.',
      en: 'That request number is not valid. Please check the number in our message.',
    },
    a,
  );

export const referenceNotFound = (reference: string, a: Audience) =>
  a.language === 'ar'
    ? `لم نجد طلباً بالرقم ${spell(reference, a.channel)}.`
    : `We found no request with the number ${spell(reference, a.channel)}.`;

/** A caller who asked about too many requests that are not theirs (docs/decisions/0085). */
export const tooManyLookups = (a: Audience) =>
  a.language === 'ar'
    ? 'استعلمتم عن طلبات كثيرة في وقت قصير. حاولوا مرة أخرى بعد ساعة.'
    : 'You asked about many requests in a short time. Please try again in an hour.';

/** The status, the department and the next step of one case. */
export function caseStatus(c: Case, department: Bilingual | undefined, a: Audience): string {
  const ref = spell(c.reference, a.channel);
  const status = STATUS_LABELS[c.status][a.language];
  const dept = department?.[a.language];
  const next = NEXT_STEPS[c.status][a.language];
  return a.language === 'ar'
    ? `الطلب رقم ${ref}: ${status}.${dept ? ` الجهة المختصة: ${dept}.` : ''} ${next}`
    : `Request ${ref}: ${status}.${dept ? ` Handled by ${dept}.` : ''} ${next}`;
}

export function openCasesSummary(
  cases: readonly Pick<Case, 'reference' | 'status'>[],
  total: number,
  a: Audience,
): string {
  if (total === 0) {
    return pick(
      {
        ar: 'لا توجد طلبات مفتوحة مسجلة برقم هاتفكم.',
        en: 'There are no open requests registered to your phone number.',
      },
      a,
    );
  }
  const items = cases.map((c) =>
    a.language === 'ar'
      ? `الطلب رقم ${spell(c.reference, a.channel)}: ${STATUS_LABELS[c.status].ar}.`
      : `Request ${spell(c.reference, a.channel)}: ${STATUS_LABELS[c.status].en}.`,
  );
  return [openCount(total, a), ...items].join(' ');
}

/** "You have N open requests", with Arabic's number agreement (one, two, three to ten, eleven and more). */
function openCount(total: number, a: Audience): string {
  const count = spell(String(total), a.channel);
  if (a.language === 'en')
    return total === 1 ? 'You have 1 open request.' : `You have ${count} open requests.`;
  if (total === 1) return 'لديكم طلب مفتوح واحد.';
  if (total === 2) return 'لديكم طلبان مفتوحان.';
  return total <= 10 ? `لديكم ${count} طلبات مفتوحة.` : `لديكم ${count} طلباً مفتوحاً.`;
}

/** "For X press 1. For Y press 2." from a list of names, key 1 first. */
export function menu(names: readonly Bilingual[], a: Audience): string {
  return names
    .map((name, i) =>
      a.language === 'ar' ? `${name.ar}، اضغط ${i + 1}.` : `For ${name.en}, press ${i + 1}.`,
    )
    .join(' ');
}

/** A procedure read aloud: what it is, fees, documents, where to apply. Kept short for the ear. */
export function procedureSpeech(p: Procedure, a: Audience): string {
  const l = a.language;
  // Items are full phrases (some with commas of their own): a semicolon keeps them apart when read aloud.
  const documents = p.documents[l].join(l === 'ar' ? '؛ ' : '; ');
  return l === 'ar'
    ? `${p.title.ar}. ${p.summary.ar} الرسوم: ${p.fees.ar}. المستندات: ${documents}. مكان التقديم: ${p.whereToApply.ar}.`
    : `${p.title.en}. ${p.summary.en} Fees: ${p.fees.en}. Documents: ${documents}. Where to apply: ${p.whereToApply.en}.`;
}

/** The procedure as one SMS: title, summary and fees (the full text is on the portal). */
export const procedureSms = (p: Procedure, l: Language) =>
  l === 'ar'
    ? `${p.title.ar}: ${p.summary.ar} الرسوم: ${p.fees.ar}.`
    : `${p.title.en}: ${p.summary.en} Fees: ${p.fees.en}.`;

export const procedureSent = (a: Audience) =>
  pick(
    { ar: 'أرسلنا الإجراءات إليكم برسالة نصية.', en: 'We have sent the procedure to you by text message.' },
    a,
  );

export const procedureNotSent = (a: Audience) =>
  pick(
    {
      ar: 'لم نتمكن من إرسال رسالة نصية إلى هذا الرقم. تجدون الإجراءات على بوابة البلدية.',
      en: 'We could not send a text message to this number. The procedure is on the municipality portal.',
    },
    a,
  );

export function complaintCreated(reference: string, category: Bilingual, smsSent: boolean, a: Audience) {
  const ref = spell(reference, a.channel);
  return a.language === 'ar'
    ? `تم تسجيل بلاغكم عن ${category.ar}. رقم البلاغ هو ${ref}.${smsSent ? ' وسيصلكم الرقم برسالة نصية.' : ''}`
    : `Your report about ${category.en} is recorded. Your reference is ${ref}.${smsSent ? ' We will also text it to you.' : ''}`;
}

export const noChoice = (a: Audience) =>
  pick({ ar: 'هذا الاختيار غير متاح.', en: 'That choice is not available.' }, a);

export function queueStatus(position: number | undefined, waitSeconds: number | undefined, a: Audience) {
  const parts: string[] = [];
  if (position && position > 0) {
    const n = spell(String(position), a.channel);
    parts.push(a.language === 'ar' ? `ترتيبكم في الانتظار ${n}.` : `You are number ${n} in the queue.`);
  }
  if (waitSeconds !== undefined && waitSeconds >= 0) {
    const minutes = String(Math.max(1, Math.ceil(waitSeconds / 60)));
    const m = spell(minutes, a.channel);
    parts.push(
      a.language === 'ar'
        ? `مدة الانتظار المتوقعة نحو ${m} دقيقة.`
        : `The expected wait is about ${m} ${minutes === '1' ? 'minute' : 'minutes'}.`,
    );
  }
  return parts.join(' ');
}

export const surveyThanks = (a: Audience) =>
  pick({ ar: 'شكراً لتقييمكم. مع السلامة.', en: 'Thank you for your rating. Goodbye.' }, a);

/** The greeting with the municipality's name: Arabic by the Arabic voice, then English by the English one. */
export const welcome = (municipality: Bilingual): Bilingual => ({
  ar: `أهلاً بكم في ${municipality.ar}.`,
  en: `Welcome to ${municipality.en}. For English, press 2.`,
});
