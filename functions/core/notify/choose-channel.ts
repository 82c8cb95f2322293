import type { Channel } from '../case/case.ts';
import { isOmaniMobile } from '../contact/phone.ts';
import type { Identity } from '../intake/inbound.ts';

export type Destination = { channel: 'sms' | 'email'; to: string };

/**
 * Where to answer: the preferred channel when the citizen has an identity for it, else a fallback they
 * have. Voice, app and web have no outbound text of their own, so they fall back to SMS (mobiles only),
 * then e-mail. Undefined when the citizen left no way to reach them.
 */
export function chooseDestination(
  preferred: Channel,
  identities: readonly Identity[],
): Destination | undefined {
  const mobile = identities.find((i) => i.kind === 'phone' && isOmaniMobile(i.value));
  const email = identities.find((i) => i.kind === 'email');
  const sms = mobile ? ({ channel: 'sms', to: mobile.value } as const) : undefined;
  const mail = email ? ({ channel: 'email', to: email.value } as const) : undefined;
  if (preferred === 'email' || preferred === 'fax') return mail ?? sms;
  return sms ?? mail;
}
