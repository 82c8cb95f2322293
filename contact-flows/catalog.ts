/**
 * Every Amazon Connect flow Nidaa deploys, declared once: the CDK contact-center stack creates one
 * CfnContactFlow per entry; the local simulator runs the same files.
 */
import type { Channel, FlowType } from './flow-language.ts';

export type ContactFlowSpec = {
  /** Flow-language JSON, relative to the repository root. */
  file: string;
  /** The Connect flow type (AWS::Connect::ContactFlow Type). */
  type: FlowType;
  /** The channels whose contacts run this flow: the validator follows each one's path through it. */
  channels: readonly Channel[];
  description: string;
};

export const CONTACT_FLOWS: Record<string, ContactFlowSpec> = {
  'hotline-inbound': {
    file: 'contact-flows/hotline-inbound.json',
    type: 'CONTACT_FLOW',
    channels: ['VOICE', 'CHAT'],
    description:
      'Hotline and chat entry: Arabic/English, request status, service procedures, new complaint, agent, call back',
  },
  'customer-queue': {
    file: 'contact-flows/customer-queue.json',
    type: 'CUSTOMER_QUEUE',
    channels: ['VOICE', 'CHAT'],
    description:
      'While a caller waits: position, expected wait, and a queued call back when the wait is long',
  },
  'post-call-survey': {
    file: 'contact-flows/post-call-survey.json',
    type: 'CONTACT_FLOW',
    channels: ['VOICE', 'CHAT'],
    description:
      'Post-call survey (1–5), stored on the case; also the disconnect flow after an agent hangs up',
  },
  'tier-task': {
    file: 'contact-flows/tier-task.json',
    type: 'CONTACT_FLOW',
    channels: ['TASK'],
    description: 'Tier tasks: set the working queue from the task attributes and transfer, tier 1 on failure',
  },
};
