import type { Clock } from '#core/ports.ts';

/**
 * Wall-clock time. Local mode can move it forward (POST /_local/clock) so SLA deadlines pass in minutes
 * instead of days; in Lambda the offset stays 0.
 */
class AdjustableClock implements Clock {
  private offsetMs = 0;

  now() {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(minutes: number) {
    this.offsetMs += minutes * 60_000;
  }
}

export const clock = new AdjustableClock();
