import type { Channel } from '../case/case.ts';
import { isOmaniMobile } from '../contact/phone.ts';
import type { Identity } from '../intake/inbound.ts';

/** Where a message goes: a text (SMS, e-mail, fax through the gateway) or a call back (`voice`, a Connect task). */
export type TextDestination = { channel: 'sms' | 'email' | 'fax'; to: string };
export type Destination = TextDestination | { channel: 'voice'; to: string };

export type ChooseOptions = {
  /**
   * The message is an answer (an agent's reply, the resolution) and the contact center can call back.
   * Notices (acknowledgements, status, merges) are never worth an agent's call: they go by text or not at all.
   */
  callBack: boolean;
};

/**
 * Where to answer: the preferred channel when the citizen has an identity for it, else a fallback they
 * have. A citizen who wrote by fax is answered by fax on their fax number (a phone that is not a mobile).
 * A citizen who asked to be called back gets answers by phone (a landline will do); one who left only a
 * landline is called back too. Otherwise voice, app, web and chat fall back to SMS (mobiles only), then
 * e-mail. Undefined when the citizen left no way to reach them.
 */
export function chooseDestination(
  preferred: Channel,
  identities: readonly Identity[],
  { callBack }: ChooseOptions = { callBack: false },
): Destination | undefined {
  const mobile = identities.find((i) => i.kind === 'phone' && isOmaniMobile(i.value));
  const phone = mobile ?? identities.find((i) => i.kind === 'phone');
  const email = identities.find((i) => i.kind === 'email');
  const sms = mobile ? ({ channel: 'sms', to: mobile.value } as const) : undefined;
  const mail = email ? ({ channel: 'email', to: email.value } as const) : undefined;
  const call = callBack && phone ? ({ channel: 'voice', to: phone.value } as const) : undefined;
  if (preferred === 'voice') return call ?? sms ?? mail;
  if (preferred === 'fax') {
    const fax = identities.find((i) => i.kind === 'phone' && !isOmaniMobile(i.value));
    return fax ? { channel: 'fax', to: fax.value } : (mail ?? sms ?? call);
  }
  if (preferred === 'email') return mail ?? sms ?? call;
  return sms ?? mail ?? call;
}
