/**
 * Contact Lens in local mode. The simulator cannot analyse speech, so when a recorded, analysed call ends
 * with an agent, local mode writes a SYNTHETIC file in Contact Lens's output shape (Version 1.1.0, "Example
 * Contact Lens output files"): neutral sentiment, no categories, no transcript, the call's own duration.
 * It exists so the path (bucket → S3 event → contactAnalysis → case timeline and analytics record) runs
 * end to end offline; its figures say nothing about the call.
 */
import { ANALYSIS_PREFIX } from '../../functions/core/hotline/contact-analysis.ts';
import { LOCAL_CONNECT } from '../fake-aws/connect.ts';

/** The local stand-in for the instance's call-recordings bucket. */
export const CALL_RECORDINGS_BUCKET = 'nidaa-local-call-recordings';

/** Contact Lens's key: `Analysis/Voice/YYYY/MM/DD/<contact id>_analysis_<time>.json` (seconds, Z). */
export function analysisObjectKey(contactId: string, at: Date): string {
  const day = at.toISOString().slice(0, 10).replace(/-/g, '/');
  const stamp = `${at.toISOString().slice(0, 19)}Z`;
  return `${ANALYSIS_PREFIX}${day}/${contactId}_analysis_${stamp}.json`;
}

export function syntheticAnalysis(input: { language: string; startedAt: Date; endedAt: Date }) {
  const duration = Math.max(0, input.endedAt.getTime() - input.startedAt.getTime());
  const agent = Math.round(duration * 0.45);
  const customer = Math.round(duration * 0.4);
  return {
    Version: '1.1.0',
    AccountId: LOCAL_CONNECT.account,
    Channel: 'VOICE',
    ContentMetadata: { Output: 'Raw' },
    JobStatus: 'COMPLETED',
    LanguageCode: input.language,
    /** Not a Contact Lens field: says this file was made up by local mode. */
    NidaaSynthetic: 'local mode: no speech was analysed; figures are placeholders',
    Participants: [
      { ParticipantId: 'CUSTOMER', ParticipantRole: 'CUSTOMER' },
      { ParticipantId: 'AGENT', ParticipantRole: 'AGENT' },
    ],
    Categories: { MatchedCategories: [], MatchedDetails: {} },
    ConversationCharacteristics: {
      TotalConversationDurationMillis: duration,
      Sentiment: { OverallSentiment: { AGENT: 0, CUSTOMER: 0 } },
      Interruptions: { InterruptionsByInterrupter: {}, TotalCount: 0, TotalTimeMillis: 0 },
      NonTalkTime: { TotalTimeMillis: duration - agent - customer, Instances: [] },
      TalkTime: {
        TotalTimeMillis: agent + customer,
        DetailsByParticipant: { AGENT: { TotalTimeMillis: agent }, CUSTOMER: { TotalTimeMillis: customer } },
      },
    },
    CustomModels: [],
    Transcript: [],
  };
}
