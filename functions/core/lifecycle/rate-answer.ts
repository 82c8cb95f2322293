/**
 * A citizen's one-tap rating of an agent's answer sent by SMS or e-mail (issue 13): a `survey` event on
 * the case that names the answer and the agent who gave it, and the case's `satisfaction`. Once per
 * answer: the first rating of an answer stays (a second tap, a re-sent SMS "5" or a retried request
 * changes nothing).
 */
import type { Case, CaseEvent, Channel } from '../case/case.ts';
import { retryOnConflict } from '../conflicts.ts';
import type { CaseStore, Clock } from '../ports.ts';

export type Rating = 1 | 2 | 3 | 4 | 5;

export type RateOutcome =
  | { kind: 'stored'; reference: string; answerId: string }
  | { kind: 'already'; reference: string; answerId: string }
  | { kind: 'no_answer' }
  | { kind: 'not_found' };

/** The latest answer an agent gave on the case: its resolution (status → resolved) or reply. */
export function latestAnswer(timeline: readonly CaseEvent[]): CaseEvent | undefined {
  return [...timeline]
    .filter(
      (e) =>
        e.actor !== 'citizen' &&
        e.actor !== 'system' &&
        ((e.kind === 'status' && e.data?.to === 'resolved') || e.kind === 'message_out'),
    )
    .sort((a, b) => (a.at === b.at ? a.id.localeCompare(b.id) : a.at.localeCompare(b.at)))
    .at(-1);
}

export const ratingEventId = (answerId: string) => `rating-${answerId}`;

/**
 * Stores `rating` for the case's latest answer. The event's
 * actor is the citizen; `data.agent` is who answered, so satisfaction can be read per agent.
 */
export async function rateAnswer(
  reference: string,
  input: { rating: Rating; channel: Channel },
  deps: { cases: CaseStore; clock: Clock },
): Promise<RateOutcome> {
  return retryOnConflict(async (): Promise<RateOutcome> => {
    const found = await deps.cases.getWithTimeline(reference);
    if (!found) return { kind: 'not_found' };
    const answer = latestAnswer(found.timeline);
    if (!answer || answer.actor === 'citizen' || answer.actor === 'system') return { kind: 'no_answer' };
    const eventId = ratingEventId(answer.id);
    if (found.timeline.some((e) => e.id === eventId))
      return { kind: 'already', reference, answerId: answer.id };
    const at = deps.clock.now().toISOString();
    const c: Case = found.case;
    await deps.cases.update(
      reference,
      c.version,
      {
        satisfaction: { rating: input.rating, at, channel: input.channel, contactId: c.contactId },
        updatedAt: at,
      },
      [
        {
          reference,
          id: eventId,
          at,
          kind: 'survey',
          actor: 'citizen',
          channel: input.channel,
          data: { rating: input.rating, answerId: answer.id, agent: answer.actor },
        },
      ],
    );
    return { kind: 'stored', reference, answerId: answer.id };
  });
}
