import type { Clock } from '#core/ports.ts';

/**
 * Wall-clock time. Local mode can move it forward (POST /_local/clock) so SLA deadlines pass in minutes
 * instead of days, or set it to a moment (a replay follows its rows' own times); in Lambda the offset
 * stays 0. It never goes backwards: timers already fired and records already written keep their order.
 */
class AdjustableClock implements Clock {
  private offsetMs = 0;

  now() {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(minutes: number) {
    this.offsetMs += minutes * 60_000;
  }

  /**
   * Local mode's start at another moment (NIDAA_CLOCK), before anything has happened: the one move that
   * may go back, to replay a history older than today into a fresh data dir.
   */
  startAt(at: Date) {
    this.offsetMs = at.getTime() - Date.now();
  }

  /** Moves the clock to `at`; false (and no change) when `at` is in the clock's past. */
  setTo(at: Date): boolean {
    const ahead = at.getTime() - this.now().getTime();
    if (!Number.isFinite(ahead) || ahead < 0) return false;
    this.offsetMs += ahead;
    return true;
  }
}

export const clock = new AdjustableClock();
