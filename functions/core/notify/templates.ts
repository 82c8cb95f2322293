import type { Case, Channel, Language } from '../case/case.ts';
import { STATUS_LABELS } from '../case/case.ts';
import { displayReference } from '../case/reference.ts';
import type { Bilingual } from '../errors.ts';

/** Everything a template may mention; the case panel and notify pass what they know. */
export type TemplateContext = {
  municipality: Bilingual;
  referencePrefix: string;
  case?: Pick<Case, 'reference' | 'status' | 'departmentCode'>;
  departmentName?: Bilingual;
  answer?: string;
};

export type Rendered = { subject?: string; text: string };

// Left-to-right isolate: keeps a reference's digits in order inside Arabic text on every phone.
const ltr = (s: string) => `\u2066${s}\u2069`;

type Template = (ctx: TemplateContext, lang: Language, channel: Channel) => Rendered;

const ref = (ctx: TemplateContext, channel: Channel) => {
  const reference = ctx.case?.reference ?? '';
  // SMS is billed per segment: the bare digits are shortest and are what citizens type back.
  return ltr(channel === 'sms' ? reference : displayReference(reference, ctx.referencePrefix));
};

export const TEMPLATES = {
  acknowledge: (ctx, lang, channel) =>
    lang === 'ar'
      ? {
          subject: `${ctx.municipality.ar}: تم استلام بلاغكم رقم ${ref(ctx, channel)}`,
          text: `تم استلام بلاغكم برقم ${ref(ctx, channel)}. للاستعلام أرسلوا: رط ${ref(ctx, 'sms')}`,
        }
      : {
          subject: `${ctx.municipality.en}: we received your request ${ref(ctx, channel)}`,
          text: `We received your request, reference ${ref(ctx, channel)}. For its status send: ST ${ref(ctx, 'sms')}`,
        },
  status: (ctx, lang, channel) => {
    const status = ctx.case ? STATUS_LABELS[ctx.case.status][lang] : '';
    const department = ctx.departmentName?.[lang] ?? '';
    return lang === 'ar'
      ? { text: `بلاغ ${ref(ctx, channel)}: ${status}. الجهة المختصة: ${department}.` }
      : { text: `Request ${ref(ctx, channel)}: ${status}. Handled by: ${department}.` };
  },
  notFound: (_ctx, lang) =>
    lang === 'ar'
      ? { text: 'لم نجد بلاغاً بهذا الرقم مسجلاً برقمكم. تأكدوا من الرقم وأعيدوا المحاولة.' }
      : { text: 'We found no request with that number under your contact. Check the number and try again.' },
  reply: (ctx, lang, channel) =>
    lang === 'ar'
      ? {
          subject: `${ctx.municipality.ar}: بخصوص بلاغكم ${ref(ctx, channel)}`,
          text: `بخصوص بلاغكم ${ref(ctx, channel)}: ${ctx.answer ?? ''}`,
        }
      : {
          subject: `${ctx.municipality.en}: about your request ${ref(ctx, channel)}`,
          text: `About your request ${ref(ctx, channel)}: ${ctx.answer ?? ''}`,
        },
  help: (ctx, lang) =>
    lang === 'ar'
      ? { text: `${ctx.municipality.ar}: للاستعلام عن بلاغ أرسل رط ثم رقمه. لبلاغ جديد اكتب وصف المشكلة.` }
      : {
          text: `${ctx.municipality.en}: for a request's status send ST and its number. To report, describe the problem.`,
        },
  resolved: (ctx, lang, channel) =>
    lang === 'ar'
      ? {
          subject: `${ctx.municipality.ar}: تمت معالجة بلاغكم ${ref(ctx, channel)}`,
          text: `تمت معالجة بلاغكم ${ref(ctx, channel)}. ${ctx.answer ?? ''}`.trim(),
        }
      : {
          subject: `${ctx.municipality.en}: your request ${ref(ctx, channel)} is resolved`,
          text: `Your request ${ref(ctx, channel)} is resolved. ${ctx.answer ?? ''}`.trim(),
        },
} satisfies Record<string, Template>;

export type TemplateName = keyof typeof TEMPLATES;

export function render(name: TemplateName, ctx: TemplateContext, lang: Language, channel: Channel): Rendered {
  return TEMPLATES[name](ctx, lang, channel);
}
