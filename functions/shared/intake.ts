import type { Language } from '#core/case/case.ts';
import type { Inbound } from '#core/intake/inbound.ts';
import type { Answer, IntakeDeps } from '#core/intake/receive-inbound.ts';
import { recordCitizenMessage } from '#core/lifecycle/lifecycle.ts';
import { container } from './container.ts';
import { countPublicLookup } from './status-limits.ts';
import { caseIntake, resumeDeps } from './workflows.ts';

/** Intake's dependencies for a channel handler; `answer` replies on that channel. */
export function intakeDeps(
  answer: (inbound: Inbound, answer: Answer, language: Language) => Promise<void>,
): IntakeDeps {
  return {
    ...container(),
    openCase: (input) => caseIntake().openCase(input),
    onCitizenMessage: (c, message) => recordCitizenMessage(c, message, resumeDeps()),
    // Status lookups about others' references, per channel and sender (docs/decisions/0085).
    countPublicLookup: (inbound) => countPublicLookup(inbound.channel, inbound.from.value),
    answer,
  };
}
