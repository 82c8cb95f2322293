import type { Language } from '../case/case.ts';
import type { Bilingual } from '../errors.ts';
import type { Rendered } from '../notify/templates.ts';
import { formatRials, PERMIT_KINDS, type Plate, type VehicleLookup } from '../vehicles/vehicle.ts';

/**
 * Replies to the commands only SMS has. Each is written to fit its segment budget (test/unit/core/notify/
 * sms-budget.test.ts): Arabic is UCS-2, 70 characters in one SMS and 67 per part.
 */
export type SmsReplyContext = { municipality: Bilingual };

// Left-to-right isolate, so a plate's digits and letters keep their order inside an Arabic sentence.
const isolate = (s: string) => `\u2066${s}\u2069`;
const plateText = (plate: Plate) => `${plate.number} ${plate.code}`;

/** Usage, in both languages at once: we cannot tell which one a garbled command was meant in. */
export const usageReply = (): Rendered => ({
  text: 'للاستعلام: رط رقم البلاغ. مركبة: ام اللوحة الرمز\nStatus: ST ref. Vehicle: VH plate code. Opt out: STOP',
});

/** The last SMS the number gets until it sends START; it names both keywords to undo it. */
export const optedOutReply = (ctx: SmsReplyContext, lang: Language): Rendered =>
  lang === 'ar'
    ? { text: `${ctx.municipality.ar}: أوقفنا رسائلنا لرقمكم. لإعادتها أرسلوا بدء أو START` }
    : { text: `${ctx.municipality.en}: you will get no more SMS from us. To get them again, send START.` };

export const optedInReply = (ctx: SmsReplyContext, lang: Language): Rendered =>
  lang === 'ar'
    ? { text: `${ctx.municipality.ar}: أعدنا تفعيل رسائلنا لرقمكم. للإيقاف أرسلوا إيقاف أو STOP` }
    : { text: `${ctx.municipality.en}: SMS from us are on again. To stop them, send STOP.` };

function permitsText(lookup: Extract<VehicleLookup, { kind: 'found' }>, lang: Language): string {
  const [first, ...more] = [...lookup.record.permits].sort((a, b) =>
    a.validUntil.localeCompare(b.validUntil),
  );
  if (!first) return lang === 'ar' ? 'لا تصاريح بلدية.' : 'No municipal permits.';
  const kind = PERMIT_KINDS[first.kind][lang];
  const others =
    more.length > 0 ? (lang === 'ar' ? ` و${more.length} غيره` : ` and ${more.length} more`) : '';
  return lang === 'ar'
    ? `تصريح ${kind} حتى ${isolate(first.validUntil)}${others}.`
    : `${kind[0]?.toUpperCase()}${kind.slice(1)} permit until ${first.validUntil}${others}.`;
}

function finesText(lookup: Extract<VehicleLookup, { kind: 'found' }>, lang: Language): string {
  const { count, totalBaisa } = lookup.record.outstandingFines;
  if (count === 0) return lang === 'ar' ? 'لا مخالفات بلدية غير مدفوعة.' : 'No unpaid municipal fines.';
  return lang === 'ar'
    ? `مخالفات بلدية غير مدفوعة: ${count} بمبلغ ${formatRials(totalBaisa)} ر.ع.`
    : `Unpaid municipal fines: ${count}, OMR ${formatRials(totalBaisa)}.`;
}

/** The answer to `ام <plate> <code>`: unpaid municipal fines and permits, or why there is none. */
export function vehicleReply(lookup: VehicleLookup, lang: Language): Rendered {
  const plate = plateText(lookup.kind === 'found' ? lookup.record.plate : lookup.plate);
  switch (lookup.kind) {
    case 'found':
      return lang === 'ar'
        ? { text: `المركبة ${isolate(plate)}: ${finesText(lookup, lang)} ${permitsText(lookup, lang)}` }
        : { text: `Vehicle ${plate}: ${finesText(lookup, lang)} ${permitsText(lookup, lang)}` };
    case 'not_found':
      return lang === 'ar'
        ? { text: `لا سجل لدى البلدية للمركبة ${isolate(plate)}. تأكدوا من الرقم والرمز.` }
        : { text: `The municipality has no record of vehicle ${plate}. Check the number and code.` };
    default:
      // In both languages: the citizen should understand why no answer came, whatever they wrote in.
      return {
        text: 'تعذر الاستعلام عن المركبة الآن، حاولوا لاحقاً.\nVehicle lookup is unavailable now; try later.',
      };
  }
}
