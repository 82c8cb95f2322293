import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SFNClient } from '@aws-sdk/client-sfn';
import { CaseIntakeStarter } from '#adapters/workflow/case-intake-starter.ts';
import { SchedulerTimers } from '#adapters/workflow/scheduler-timers.ts';
import { SfnSignals } from '#adapters/workflow/sfn-signals.ts';
import { container, once, requireEnv } from './container.ts';

/** Step Functions and EventBridge Scheduler clients for handlers that start or resume workflows. */
export const caseIntake = once(() => CaseIntakeStarter.create(requireEnv('CASE_INTAKE_ARN')));

export const signals = once(() => new SfnSignals(new SFNClient({})));

export const timers = once(
  () =>
    new SchedulerTimers(new SchedulerClient({}), {
      groupName: requireEnv('SCHEDULE_GROUP'),
      roleArn: requireEnv('SCHEDULER_ROLE_ARN'),
    }),
);

/** What resuming a waiting case-lifecycle needs (agent actions, citizen replies). */
export const resumeDeps = () => ({ ...container(), timers: timers(), signals: signals() });
