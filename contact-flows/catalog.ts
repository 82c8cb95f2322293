/**
 * Every Amazon Connect flow Nidaa deploys, declared once: the CDK contact-center stack creates one
 * CfnContactFlow per entry; the local simulator runs the same files.
 */
export type ContactFlowSpec = {
  /** Flow-language JSON, relative to the repository root. */
  file: string;
  /** The Connect flow type (AWS::Connect::ContactFlow Type). */
  type:
    | 'CONTACT_FLOW'
    | 'CUSTOMER_QUEUE'
    | 'CUSTOMER_HOLD'
    | 'CUSTOMER_WHISPER'
    | 'AGENT_WHISPER'
    | 'OUTBOUND_WHISPER';
  description: string;
};

export const CONTACT_FLOWS: Record<string, ContactFlowSpec> = {};
