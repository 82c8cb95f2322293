import type { LocalWorkflows } from './workflows.ts';

type Schedule = { at: Date; target: string; input: Record<string, string> };

/**
 * EventBridge Scheduler's one-shot `at()` schedules, run against the local clock: a schedule fires once
 * the clock reaches it (checked every second and whenever POST /_local/clock moves time), calling the
 * same Step Functions action its universal target names, then deletes itself.
 */
export class LocalScheduler {
  private readonly schedules = new Map<string, Schedule>();
  private ticker: NodeJS.Timeout | undefined;

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

  /** Fires every schedule whose time has come. */
  fireDue() {
    const now = this.now();
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
