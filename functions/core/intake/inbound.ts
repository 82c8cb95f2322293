import type { Channel, Language, Location } from '../case/case.ts';

/** How a citizen is identified on a channel. Phones are E.164, e-mails lower-case. */
export type IdentityKind = 'phone' | 'email' | 'device';
export type Identity = { kind: IdentityKind; value: string };

/**
 * One message from a citizen on any channel, normalized by the channel's adapter. `externalId` is the
 * channel's own message id (SES message id, SMS provider id, web Idempotency-Key, Connect contact id):
 * intake is idempotent on (channel, externalId).
 */
export type Inbound = {
  channel: Channel;
  externalId: string;
  from: Identity;
  /** Other ways the citizen gave to reach them (a web form with phone and e-mail); linked to the contact. */
  alsoFrom?: Identity[];
  receivedAt: string;
  text: string;
  subject?: string;
  language?: Language;
  location?: Location;
  /** The category the citizen picked (web form, IVR menu), if any; the classifier fills it otherwise. */
  categoryCode?: string;
  /**
   * `status`: where does my case stand (SMS "رط 123", chat); `help`: what can I send; `new_case`: an agent
   * opens a case for the caller on purpose (never a follow-up of their latest case); else a message.
   */
  intent?: 'status' | 'help' | 'message' | 'new_case';
  /** A reference the channel already recognised (e-mail thread, SMS command). */
  reference?: string;
  attachmentKeys?: string[];
};

export const inboundKey = (i: Pick<Inbound, 'channel' | 'externalId'>) => `${i.channel}#${i.externalId}`;
