/**
 * The contact record (CTR) Amazon Connect writes when a contact ends, for a simulated call or chat: the
 * fields of Connect's data model that functions/core/analytics/contact-records.ts reads, with the IVR path
 * in the attributes the flows themselves set (`nidaaPath`, `nidaaWaiting`: docs/decisions/0104, 0118).
 */
import { LOCAL_CONNECT, localInstanceArn } from '../fake-aws/connect.ts';
import type { SimulatedContact } from './simulator.ts';

const seconds = (from: string | undefined, to: string | undefined) =>
  from && to ? Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000)) : 0;

/** Connect writes timestamps without milliseconds. */
const connectTime = (iso: string | undefined) => (iso ? iso.replace(/\.\d{3}Z$/, 'Z') : null);

export function contactRecordOf(contact: SimulatedContact) {
  const { started, enqueued, answered, ended } = contact.times;
  const instance = localInstanceArn();
  const attributes = Object.fromEntries(
    Object.entries(contact.attributes).filter(([k]) => !k.startsWith('p_')),
  );
  const queue = contact.queue
    ? {
        ARN: `${instance}/queue/local-${contact.queue}`,
        Name: contact.queue,
        EnqueueTimestamp: connectTime(enqueued),
        DequeueTimestamp: connectTime(answered ?? ended),
        Duration: seconds(enqueued, answered ?? ended),
      }
    : null;
  return {
    AWSAccountId: LOCAL_CONNECT.account,
    AWSContactTraceRecordFormatVersion: '2017-03-10',
    InstanceARN: instance,
    ContactId: contact.contactId,
    InitialContactId: null,
    Channel: contact.options.channel,
    InitiationMethod: contact.options.channel === 'CHAT' ? 'API' : 'INBOUND',
    InitiationTimestamp: connectTime(started),
    ConnectedToSystemTimestamp: connectTime(started),
    DisconnectTimestamp: connectTime(ended),
    DisconnectReason: contact.disconnectReason ?? 'CONTACT_FLOW_DISCONNECT',
    LastUpdateTimestamp: connectTime(ended),
    CustomerEndpoint: contact.options.from
      ? { Address: contact.options.from, Type: 'TELEPHONE_NUMBER' }
      : null,
    SystemEndpoint: { Address: contact.options.dialed, Type: 'TELEPHONE_NUMBER' },
    Queue: enqueued ? queue : null,
    Agent: answered
      ? {
          ARN: `${instance}/agent/local-agent`,
          ConnectedToAgentTimestamp: connectTime(answered),
          AgentInteractionDuration: seconds(answered, ended),
          CustomerHoldDuration: 0,
          AfterContactWorkDuration: 0,
          NumberOfHolds: 0,
        }
      : null,
    Attributes: attributes,
  };
}
