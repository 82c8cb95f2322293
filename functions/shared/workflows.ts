import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SFNClient } from '@aws-sdk/client-sfn';
import { caseDataRegion } from '#adapters/resource-regions.ts';
import { CaseIntakeStarter } from '#adapters/workflow/case-intake-starter.ts';
import { SchedulerTimers } from '#adapters/workflow/scheduler-timers.ts';
import { SfnSignals } from '#adapters/workflow/sfn-signals.ts';
import { container, once } from './container.ts';
import { ENV, requireEnv } from './env.ts';

/** Step Functions and EventBridge Scheduler clients for handlers that start or resume workflows. */
export const caseIntake = once(() => CaseIntakeStarter.create(requireEnv(ENV.caseIntakeArn)));

export const signals = once(() => new SfnSignals(new SFNClient(caseDataRegion())));

export const timers = once(
  () =>
    new SchedulerTimers(new SchedulerClient(caseDataRegion()), {
      groupName: requireEnv(ENV.scheduleGroup),
      roleArn: requireEnv(ENV.schedulerRoleArn),
    }),
);

/** What resuming a waiting case-lifecycle needs (agent actions, citizen replies). */
export const resumeDeps = () => ({ ...container(), timers: timers(), signals: signals() });
