import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  type SchedulerClient,
} from '@aws-sdk/client-scheduler';
import type { TimerOutcome, Timers } from '#core/ports.ts';

/**
 * One-shot EventBridge Scheduler schedules whose universal target calls Step Functions directly
 * (SendTaskFailure for an SLA breach, SendTaskSuccess to close): no Lambda in between, and the schedule
 * deletes itself after it fires.
 */
export class SchedulerTimers implements Timers {
  constructor(
    private readonly scheduler: SchedulerClient,
    private readonly settings: { groupName: string; roleArn: string },
  ) {}

  async schedule(name: string, at: Date, taskToken: string, outcome: TimerOutcome): Promise<void> {
    const target =
      outcome.kind === 'fail'
        ? {
            Arn: 'arn:aws:scheduler:::aws-sdk:sfn:sendTaskFailure',
            Input: { TaskToken: taskToken, Error: outcome.error, Cause: outcome.cause },
          }
        : {
            Arn: 'arn:aws:scheduler:::aws-sdk:sfn:sendTaskSuccess',
            Input: { TaskToken: taskToken, Output: JSON.stringify(outcome.output) },
          };
    try {
      await this.scheduler.send(
        new CreateScheduleCommand({
          Name: name,
          GroupName: this.settings.groupName,
          // at() takes a UTC wall time without zone or milliseconds.
          ScheduleExpression: `at(${at.toISOString().slice(0, 19)})`,
          ScheduleExpressionTimezone: 'UTC',
          FlexibleTimeWindow: { Mode: 'OFF' },
          ActionAfterCompletion: 'DELETE',
          Target: {
            Arn: target.Arn,
            RoleArn: this.settings.roleArn,
            Input: JSON.stringify(target.Input),
            RetryPolicy: { MaximumRetryAttempts: 10 },
          },
        }),
      );
    } catch (error) {
      // A retried step finds its own schedule already there: names are unique per case version.
      if (!(error instanceof ConflictException)) throw error;
    }
  }

  async cancel(name: string): Promise<void> {
    try {
      await this.scheduler.send(
        new DeleteScheduleCommand({ Name: name, GroupName: this.settings.groupName }),
      );
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
  }
}
