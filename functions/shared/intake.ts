import type { Language } from '#core/case/case.ts';
import type { Inbound } from '#core/intake/inbound.ts';
import type { Answer, IntakeDeps } from '#core/intake/receive-inbound.ts';
import { recordCitizenMessage } from '#core/lifecycle/lifecycle.ts';
import { rateAnswer } from '#core/lifecycle/rate-answer.ts';
import { container } from './container.ts';
import { countPublicLookup } from './status-limits.ts';
import { caseIntake, resumeDeps } from './workflows.ts';

type AnswerOn = (inbound: Inbound, answer: Answer, language: Language) => Promise<void>;

/** Intake's dependencies for a channel handler; `answer` replies on that channel. */
export function intakeDeps(answer: AnswerOn): IntakeDeps {
  return {
    ...newCaseIntakeDeps(answer),
    onCitizenMessage: (c, message) => recordCitizenMessage(c, message, resumeDeps()),
  };
}

/**
 * For a function that only opens cases (the hotline, next to Connect, where the lifecycle's timers are not
 * bound): a follow-up would need resumeDeps, whose variables it does not have, so it is refused plainly.
 */
export function newCaseIntakeDeps(answer: AnswerOn): IntakeDeps {
  return {
    ...container(),
    openCase: (input) => caseIntake().openCase(input),
    onCitizenMessage: () => Promise.reject(new Error('This function opens new cases only')),
    // Status lookups about others' references, per channel and sender (docs/decisions/0085).
    countPublicLookup: (inbound) => countPublicLookup(inbound.channel, inbound.from.value),
    // "Reply 1–5" to a resolution SMS rates that answer (docs/decisions/0114).
    rateAnswer: (reference, rating, channel) => rateAnswer(reference, { rating, channel }, container()),
    answer,
  };
}
