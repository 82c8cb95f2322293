import type { Channel } from '../case/case.ts';
import { isOmaniMobile } from '../contact/phone.ts';
import type { Identity } from '../intake/inbound.ts';

export type Destination = { channel: 'sms' | 'email' | 'fax'; to: string };

/**
 * Where to answer: the preferred channel when the citizen has an identity for it, else a fallback they
 * have. Voice, app and web have no outbound text of their own, so they fall back to SMS (mobiles only),
 * then e-mail. A citizen who wrote by fax is answered by fax on their fax number (a phone that is not a
 * mobile), else by e-mail or SMS. Undefined when the citizen left no way to reach them.
 */
export function chooseDestination(
  preferred: Channel,
  identities: readonly Identity[],
): Destination | undefined {
  const mobile = identities.find((i) => i.kind === 'phone' && isOmaniMobile(i.value));
  const email = identities.find((i) => i.kind === 'email');
  const sms = mobile ? ({ channel: 'sms', to: mobile.value } as const) : undefined;
  const mail = email ? ({ channel: 'email', to: email.value } as const) : undefined;
  if (preferred === 'fax') {
    const fax = identities.find((i) => i.kind === 'phone' && !isOmaniMobile(i.value));
    return fax ? { channel: 'fax', to: fax.value } : (mail ?? sms);
  }
  if (preferred === 'email') return mail ?? sms;
  return sms ?? mail;
}
