import type { Case, Channel, Language } from '../case/case.ts';
import { STATUS_LABELS } from '../case/case.ts';
import { displayReference } from '../case/reference.ts';
import type { Bilingual } from '../errors.ts';

/** Everything a template may mention; the case panel and notify pass what they know. */
export type TemplateContext = {
  municipality: Bilingual;
  referencePrefix: string;
  /** The SMS short code that answers status commands. */
  shortCode?: string;
  case?: Pick<Case, 'reference' | 'status' | 'departmentCode' | 'mergedInto'>;
  departmentName?: Bilingual;
  answer?: string;
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

export const TEMPLATES = {
  acknowledge: (ctx, lang, channel) =>
    lang === 'ar'
      ? {
          subject: `${ctx.municipality.ar}: تم استلام بلاغكم رقم ${ref(ctx, channel, lang)}`,
          text: `تم استلام بلاغكم برقم ${ref(ctx, channel, lang)}. للاستعلام أرسلوا: رط ${ref(ctx, 'sms', lang)}${toShortCode(ctx, lang, channel)}`,
        }
      : {
          subject: `${ctx.municipality.en}: we received your request ${ref(ctx, channel, lang)}`,
          text: `We received your request, reference ${ref(ctx, channel, lang)}. For its status send: ST ${ref(ctx, 'sms', lang)}${toShortCode(ctx, lang, channel)}`,
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
    return lang === 'ar'
      ? { text: `بلاغ ${ref(ctx, channel, lang)}: ${status}. الجهة المختصة: ${department}.` }
      : { text: `Request ${ref(ctx, channel, lang)}: ${status}. Handled by: ${department}.` };
  },
  notFound: (_ctx, lang) =>
    lang === 'ar'
      ? { text: 'لم نجد بلاغاً بهذا الرقم مسجلاً برقمكم. تأكدوا من الرقم وأعيدوا المحاولة.' }
      : { text: 'We found no request with that number under your contact. Check the number and try again.' },
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
  resolved: (ctx, lang, channel) =>
    lang === 'ar'
      ? {
          subject: `${ctx.municipality.ar}: تمت معالجة بلاغكم ${ref(ctx, channel, lang)}`,
          text: `تمت معالجة بلاغكم ${ref(ctx, channel, lang)}. ${ctx.answer ?? ''}`.trim(),
        }
      : {
          subject: `${ctx.municipality.en}: your request ${ref(ctx, channel, lang)} is resolved`,
          text: `Your request ${ref(ctx, channel, lang)} is resolved. ${ctx.answer ?? ''}`.trim(),
        },
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
