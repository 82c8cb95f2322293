import type { Channel, Language, Location } from '../case/case.ts';
import type { SmsOnlyCommand } from '../channels/sms-command.ts';

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
  /** How the citizen asked to be answered (a form's choice, the IVR's "call me back"); else the channel's default. */
  replyChannel?: Channel;
  /** The category the citizen picked (web form, IVR menu), if any; the classifier fills it otherwise. */
  categoryCode?: string;
  /**
   * `status`: where does my case stand (SMS "رط 123", chat); `help`: what can I send; `command`: a
   * channel's own command (SMS vehicle lookup, STOP/START), run by IntakeDeps.runCommand; `new_case`: the
   * citizen chose "new complaint" (IVR, an agent's new case), so it is never taken as a follow-up; else a
   * message.
   */
  intent?: 'status' | 'help' | 'command' | 'message' | 'new_case';
  command?: SmsOnlyCommand;
  /** A reference the channel already recognised (e-mail thread, SMS command). */
  reference?: string;
  attachmentKeys?: string[];
  /** The names the citizen's files had (e-mail attachments), by attachment key; sanitized. */
  attachmentNames?: Record<string, string>;
  /**
   * A hash of what the sender sent under `externalId` (the web's canonical JSON body): a second delivery
   * under the same id must carry the same payload, else it is a reused key, not a retry.
   */
  fingerprint?: string;
  /** The message's own id in its channel's threading (an e-mail's Message-ID): our answers reply to it. */
  threadId?: string;
};

/**
 * What a message_in event keeps besides the text, on a new case and on a follow-up alike: the subject
 * (e-mail, fax), the files and their names.
 */
export function messageInData(i: Inbound): Record<string, unknown> | undefined {
  const data = {
    ...(i.subject ? { subject: i.subject } : {}),
    ...(i.attachmentKeys?.length ? { attachments: i.attachmentKeys } : {}),
    ...(i.attachmentKeys?.length && i.attachmentNames ? { attachmentNames: i.attachmentNames } : {}),
  };
  return Object.keys(data).length > 0 ? data : undefined;
}

export const inboundKey = (i: Pick<Inbound, 'channel' | 'externalId'>) => `${i.channel}#${i.externalId}`;
