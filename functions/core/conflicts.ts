import { StaleVersionError } from './errors.ts';

/**
 * Runs `step` again when it loses an optimistic-lock race (StaleVersionError), after a short random pause.
 * Each run must re-read what it decides on: `attempt` is 1 for the first run. Used where the other writer
 * is our own workflow (a citizen's reply or a Connect event meeting the lifecycle's own update), so the
 * caller should not see the race at all.
 */
export async function retryOnConflict<T>(step: (attempt: number) => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step(attempt);
    } catch (error) {
      if (!(error instanceof StaleVersionError) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80));
    }
  }
}
