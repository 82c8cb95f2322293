import type { Clock } from '#core/ports.ts';

/**
 * Wall-clock time. Local mode can move it forward (POST /_local/clock) so SLA deadlines pass in minutes
 * instead of days, or set it to a moment (a replay follows its rows' own times); in Lambda the offset
 * stays 0. It never goes backwards: timers already fired and records already written keep their order.
 */
class AdjustableClock implements Clock {
  private offsetMs = 0;
  /** While held (a replay's step), time stands at this instant: the step's writes carry its own time. */
  private heldAt: number | undefined;

  now() {
    return new Date(this.heldAt ?? Date.now() + this.offsetMs);
  }

  /** Stops time at its current instant until `release` (which lets it run on from there). */
  hold() {
    this.heldAt ??= Date.now() + this.offsetMs;
  }

  release() {
    if (this.heldAt === undefined) return;
    this.offsetMs = this.heldAt - Date.now();
    this.heldAt = undefined;
  }

  advance(minutes: number) {
    this.offsetMs += minutes * 60_000;
    if (this.heldAt !== undefined) this.heldAt += minutes * 60_000;
  }

  /**
   * Local mode's start at another moment (NIDAA_CLOCK), before anything has happened: the one move that
   * may go back, to replay a history older than today into a fresh data dir.
   */
  startAt(at: Date) {
    this.offsetMs = at.getTime() - Date.now();
    this.heldAt = undefined;
  }

  /** Moves the clock to `at`; false (and no change) when `at` is in the clock's past. */
  setTo(at: Date): boolean {
    const ahead = at.getTime() - this.now().getTime();
    if (!Number.isFinite(ahead) || ahead < 0) return false;
    this.offsetMs += ahead;
    if (this.heldAt !== undefined) this.heldAt += ahead;
    return true;
  }
}

export const clock = new AdjustableClock();
