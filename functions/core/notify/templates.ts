import type { Case, Channel, Language } from '../case/case.ts';
import { STATUS_LABELS } from '../case/case.ts';
import { displayReference } from '../case/reference.ts';
import type { Bilingual } from '../errors.ts';
import { ACCESS_CODE_TTL_SECONDS } from '../status/access-code.ts';

const CODE_MINUTES = ACCESS_CODE_TTL_SECONDS / 60;

/** Everything a template may mention; the case panel and notify pass what they know. */
export type TemplateContext = {
  municipality: Bilingual;
  referencePrefix: string;
  /** The SMS short code that answers status commands. */
  shortCode?: string;
  case?: Pick<Case, 'reference' | 'status' | 'departmentCode' | 'mergedInto'>;
  departmentName?: Bilingual;
  answer?: string;
  /**
   * The case's tracking link (`<portal>/track/<ref>#k=<token>`, docs/decisions/0086), given only for messages
   * that go to the case's own citizen: acknowledgements, and status answers to their own phone or mailbox.
   */
  trackingLink?: string;
  /** The citizen has a mobile number on the case: `رط <ref>` by SMS gives them their own status. */
  textsUs?: boolean;
  /** The hotline, which reads any request's public status to callers. */
  hotline?: string;
  /** A one-time access code (template accessCode). */
  accessCode?: string;
  /**
   * How the citizen may rate an agent's answer (template resolved; the notifier decides which, by the
   * channel): by SMS, a digit 1–5 sent back (docs/decisions/0114)…
   */
  rateByReply?: boolean;
  /** …or by e-mail, the one-tap rating page (`<portal>/rate/<ref>#k=<token>`). */
  ratingLink?: string;
};

export type Rendered = { subject?: string; text: string };

// Left-to-right isolate: keeps a reference's digits in order inside Arabic text on every phone. English
// needs none, and the isolates would force a whole English SMS into UCS-2 (70 instead of 160 characters).
const isolate = (s: string, lang: Language) => (lang === 'ar' ? `\u2066${s}\u2069` : s);

type Template = (ctx: TemplateContext, lang: Language, channel: Channel) => Rendered;

const ref = (
  ctx: TemplateContext,
  channel: Channel,
  lang: Language,
  reference = ctx.case?.reference ?? '',
) => {
  // SMS is billed per segment: the bare digits are shortest and are what citizens type back.
  return isolate(channel === 'sms' ? reference : displayReference(reference, ctx.referencePrefix), lang);
};

/**
 * Off SMS, say where the status command goes. On SMS the citizen is already writing to the short code,
 * and the Arabic acknowledgement must stay within one 70-character segment.
 */
const toShortCode = (ctx: TemplateContext, lang: Language, channel: Channel) =>
  channel === 'sms' || !ctx.shortCode
    ? ''
    : lang === 'ar'
      ? ` إلى ${isolate(ctx.shortCode, lang)}`
      : ` by SMS to ${ctx.shortCode}`;

/**
 * How this citizen can follow their request, naming only ways that work for them (docs/decisions/0085):
 * the tracking link, last and alone on its line so phones make it a link; `رط` by SMS when they have a
 * mobile on the case (on SMS, only when there is no link: one SMS holds one of them); else the hotline.
 */
function howToFollow(ctx: TemplateContext, lang: Language, channel: Channel): string {
  const byText = ctx.textsUs;
  const command =
    lang === 'ar'
      ? `للاستعلام أرسلوا: رط ${ref(ctx, 'sms', lang)}${toShortCode(ctx, lang, channel)}`
      : `For its status send: ST ${ref(ctx, 'sms', lang)}${toShortCode(ctx, lang, channel)}`;
  if (ctx.trackingLink) {
    if (channel === 'sms') return `${lang === 'ar' ? 'تابعوه على' : 'Follow it at'} ${ctx.trackingLink}`;
    const alsoByText = byText
      ? lang === 'ar'
        ? ` أو ${command}.`
        : ` Or ${command.replace(/^F/, 'f')}.`
      : '';
    return lang === 'ar'
      ? `تابعوه وأضيفوا إليه معلومات أو صوراً على الرابط التالي${alsoByText}\n${ctx.trackingLink}`
      : `Follow it, and add information or photos, at the link below.${alsoByText}\n${ctx.trackingLink}`;
  }
  if (byText) return command;
  if (ctx.hotline) {
    return lang === 'ar'
      ? `احتفظوا بهذا الرقم؛ للاستعلام اتصلوا على ${isolate(ctx.hotline, lang)}.`
      : `Keep this reference; for its status call ${ctx.hotline}.`;
  }
  return lang === 'ar'
    ? 'احتفظوا بهذا الرقم للاستعلام عن بلاغكم.'
    : 'Keep this reference to ask about your request.';
}

/** A status answer to the case's own citizen ends with their link: the answer and timeline are there. */
const detailsLink = (ctx: TemplateContext, lang: Language) =>
  ctx.trackingLink
    ? lang === 'ar'
      ? ` التفاصيل: ${ctx.trackingLink}`
      : ` Details: ${ctx.trackingLink}`
    : '';

export const TEMPLATES = {
  acknowledge: (ctx, lang, channel) =>
    lang === 'ar'
      ? {
          subject: `${ctx.municipality.ar}: تم استلام بلاغكم رقم ${ref(ctx, channel, lang)}`,
          text: `تم استلام بلاغكم برقم ${ref(ctx, channel, lang)}. ${howToFollow(ctx, lang, channel)}`,
        }
      : {
          subject: `${ctx.municipality.en}: we received your request ${ref(ctx, channel, lang)}`,
          text: `We received your request, reference ${ref(ctx, channel, lang)}. ${howToFollow(ctx, lang, channel)}`,
        },
  status: (ctx, lang, channel) => {
    const status = ctx.case ? STATUS_LABELS[ctx.case.status][lang] : '';
    const department = ctx.departmentName?.[lang] ?? '';
    const into = ctx.case?.mergedInto;
    if (into)
      return lang === 'ar'
        ? {
            text: `بلاغ ${ref(ctx, channel, lang)} ضُمّ إلى البلاغ ${ref(ctx, channel, lang, into)}؛ استعلموا عنه.`,
          }
        : {
            text: `Request ${ref(ctx, channel, lang)} was merged into ${ref(ctx, channel, lang, into)}; ask for that one.`,
          };
    // On SMS the link stands in for the department (it shows it): both would take three parts.
    const handledBy =
      ctx.trackingLink && channel === 'sms'
        ? ''
        : lang === 'ar'
          ? ` الجهة المختصة: ${department}.`
          : ` Handled by: ${department}.`;
    return lang === 'ar'
      ? { text: `بلاغ ${ref(ctx, channel, lang)}: ${status}.${handledBy}${detailsLink(ctx, lang)}` }
      : { text: `Request ${ref(ctx, channel, lang)}: ${status}.${handledBy}${detailsLink(ctx, lang)}` };
  },
  notFound: (_ctx, lang) =>
    lang === 'ar'
      ? { text: 'لم نجد بلاغاً بهذا الرقم. تأكدوا من الرقم وأعيدوا المحاولة.' }
      : { text: 'We found no request with that number. Check the number and try again.' },
  // Status lookups past the limit of one sender (docs/decisions/0085).
  tooManyLookups: (_ctx, lang) =>
    lang === 'ar'
      ? { text: 'استعلامات كثيرة في وقت قصير. حاولوا مرة أخرى بعد ساعة.' }
      : { text: 'Too many lookups in a short time. Please try again in an hour.' },
  // The one-time code a citizen asked for on the portal; it goes only to the case's own phone or e-mail.
  accessCode: (ctx, lang, channel) =>
    lang === 'ar'
      ? {
          subject: `${ctx.municipality.ar}: رمز متابعة البلاغ ${ref(ctx, channel, lang)}`,
          text: `رمز متابعة بلاغكم ${ref(ctx, channel, lang)}: ${isolate(ctx.accessCode ?? '', lang)}. صالح ${CODE_MINUTES} دقائق، لا تشاركوه.`,
        }
      : {
          subject: `${ctx.municipality.en}: code to follow request ${ref(ctx, channel, lang)}`,
          text: `Your code to follow request ${ref(ctx, channel, lang)}: ${ctx.accessCode ?? ''}. Valid ${CODE_MINUTES} minutes; do not share it.`,
        },
  reply: (ctx, lang, channel) =>
    lang === 'ar'
      ? {
          subject: `${ctx.municipality.ar}: بخصوص بلاغكم ${ref(ctx, channel, lang)}`,
          text: `بخصوص بلاغكم ${ref(ctx, channel, lang)}: ${ctx.answer ?? ''}`,
        }
      : {
          subject: `${ctx.municipality.en}: about your request ${ref(ctx, channel, lang)}`,
          text: `About your request ${ref(ctx, channel, lang)}: ${ctx.answer ?? ''}`,
        },
  // On SMS, help also names the short code's own commands: the vehicle lookup and STOP (docs/decisions/0042).
  help: (ctx, lang, channel) =>
    lang === 'ar'
      ? {
          text: `${ctx.municipality.ar}: للاستعلام عن بلاغ أرسل رط ثم رقمه${channel === 'sms' ? '، وعن مركبة ام ثم اللوحة والرمز' : ''}. لبلاغ جديد اكتب وصف المشكلة.${channel === 'sms' ? ' للإيقاف: إيقاف' : ''}`,
        }
      : {
          text: `${ctx.municipality.en}: for a request's status send ST and its number${channel === 'sms' ? '; for a vehicle, VH, plate and code' : ''}. To report, describe the problem.${channel === 'sms' ? ' To stop SMS, send STOP.' : ''}`,
        },
  resolved: (ctx, lang, channel) => {
    const rate = ctx.rateByReply
      ? lang === 'ar'
        ? '\nللتقييم أرسلوا رقماً من 1 إلى 5'
        : '\nRate this answer: reply 1 to 5'
      : ctx.ratingLink
        ? lang === 'ar'
          ? `\n\nقيّموا الرد بنقرة واحدة:\n${ctx.ratingLink}`
          : `\n\nRate this answer in one tap:\n${ctx.ratingLink}`
        : '';
    return lang === 'ar'
      ? {
          subject: `${ctx.municipality.ar}: تمت معالجة بلاغكم ${ref(ctx, channel, lang)}`,
          text: `${`تمت معالجة بلاغكم ${ref(ctx, channel, lang)}. ${ctx.answer ?? ''}`.trim()}${rate}`,
        }
      : {
          subject: `${ctx.municipality.en}: your request ${ref(ctx, channel, lang)} is resolved`,
          text: `${`Your request ${ref(ctx, channel, lang)} is resolved. ${ctx.answer ?? ''}`.trim()}${rate}`,
        };
  },
  ratingThanks: (_ctx, lang) =>
    lang === 'ar' ? { text: 'شكراً لتقييمكم.' } : { text: 'Thank you for your rating.' },
  // A duplicate closed into another request: the citizen now follows that one's answer.
  merged: (ctx, lang, channel) => {
    const into = ref(ctx, channel, lang, ctx.case?.mergedInto ?? '');
    return lang === 'ar'
      ? {
          subject: `${ctx.municipality.ar}: ضُمّ بلاغكم ${ref(ctx, channel, lang)} إلى ${into}`,
          text: `ضُمّ بلاغكم ${ref(ctx, channel, lang)} إلى البلاغ ${into} عن المشكلة نفسها. سنبلغكم عند معالجته.`,
        }
      : {
          subject: `${ctx.municipality.en}: your request ${ref(ctx, channel, lang)} was merged into ${into}`,
          text: `Your request ${ref(ctx, channel, lang)} was merged into ${into}, about the same problem. We will tell you when it is resolved.`,
        };
  },
} satisfies Record<string, Template>;

export type TemplateName = keyof typeof TEMPLATES;

export function render(name: TemplateName, ctx: TemplateContext, lang: Language, channel: Channel): Rendered {
  return TEMPLATES[name](ctx, lang, channel);
}
