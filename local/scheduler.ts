import type { LocalWorkflows } from './workflows.ts';

type Schedule = { at: Date; target: string; input: Record<string, string> };

const HOUR = 3_600_000;
/** After a long jump of the local clock, only this many of the hours passed are run (the newest). */
const MAX_HOURS_CAUGHT_UP = 48;

/**
 * EventBridge Scheduler's one-shot `at()` schedules, run against the local clock: a schedule fires once
 * the clock reaches it (checked every second and whenever POST /_local/clock moves time), calling the
 * same Step Functions action its universal target names, then deletes itself.
 */
export class LocalScheduler {
  private readonly schedules = new Map<string, Schedule>();
  private ticker: NodeJS.Timeout | undefined;
  private hourly?: { run: (at: Date) => Promise<void>; last: number; queue: Promise<void> };

  constructor(
    private readonly workflows: LocalWorkflows,
    private readonly now: () => Date,
  ) {}

  /** CreateSchedule's request body, as the SDK sends it. */
  create(name: string, body: { ScheduleExpression: string; Target: { Arn: string; Input: string } }) {
    if (this.schedules.has(name)) return false;
    const at = /^at\((.+)\)$/.exec(body.ScheduleExpression)?.[1];
    if (!at) throw new Error(`Only at() schedules are used: ${body.ScheduleExpression}`);
    this.schedules.set(name, {
      at: new Date(`${at}Z`),
      target: body.Target.Arn,
      input: JSON.parse(body.Target.Input),
    });
    return true;
  }

  delete(name: string) {
    return this.schedules.delete(name);
  }

  /**
   * EventBridge Scheduler's recurring hourly schedule (the `hourlySchedule` trigger): `run` gets each
   * local hour as it closes, one at a time and in order, with the schedule's time a few minutes past it.
   */
  everyHour(run: (at: Date) => Promise<void>) {
    this.hourly = { run, last: Math.floor(this.now().getTime() / HOUR), queue: Promise.resolve() };
  }

  /** Resolves once every hourly run started so far has ended. */
  hourlyIdle(): Promise<void> {
    return this.hourly?.queue ?? Promise.resolve();
  }

  /** Fires every schedule whose time has come. */
  fireDue() {
    const now = this.now();
    const hourly = this.hourly;
    const hour = Math.floor(now.getTime() / HOUR);
    if (hourly && hour > hourly.last) {
      for (let h = Math.max(hourly.last + 1, hour - MAX_HOURS_CAUGHT_UP + 1); h <= hour; h++) {
        const at = new Date(h * HOUR + 5 * 60_000);
        // A failed hour is reported and the next still runs (AWS would retry it, then its dead-letter queue).
        hourly.queue = hourly.queue
          .then(() => hourly.run(at))
          .catch((error: unknown) => console.error(`hourly run at ${at.toISOString()} failed:`, error));
      }
      hourly.last = hour;
    }
    for (const [name, schedule] of this.schedules) {
      if (schedule.at > now) continue;
      this.schedules.delete(name);
      // The universal target's input is the Step Functions API request itself.
      const input = schedule.input;
      if (schedule.target.endsWith(':sfn:sendTaskFailure')) {
        this.workflows.sendTaskFailure(input.TaskToken ?? '', input.Error ?? '', input.Cause ?? '');
      } else if (schedule.target.endsWith(':sfn:sendTaskSuccess')) {
        this.workflows.sendTaskSuccess(input.TaskToken ?? '', JSON.parse(input.Output ?? '{}'));
      }
    }
  }

  start() {
    this.ticker = setInterval(() => this.fireDue(), 1000);
    this.ticker.unref();
  }

  stop() {
    clearInterval(this.ticker);
  }
}
