/**
 * Test doubles for the case lifecycle's outside world (functions/core/lifecycle/lifecycle.ts): a contact
 * center and supervisor alerts that only remember what they were asked to do, and a case store that lets a
 * test slip another writer in between a use case's read and its write.
 */
import type { Case, CaseEvent } from '#core/case/case.ts';
import type { SupervisorAlerts } from '#core/lifecycle/lifecycle.ts';
import type { CallbackTask, ContactCenter, TierTask } from '#core/ports.ts';
import { InMemoryCaseStore } from './in-memory-stores.ts';

/** Remembers every task opened; answers with a contact id like Connect does. */
export class RecordingContactCenter implements ContactCenter {
  readonly tasks: TierTask[] = [];
  readonly callbacks: CallbackTask[] = [];

  async openTask(task: TierTask): Promise<string | undefined> {
    this.tasks.push(structuredClone(task));
    return `contact-${this.tasks.length}`;
  }

  readonly canCallBack = true;

  async requestCallback(task: CallbackTask): Promise<string> {
    this.callbacks.push(structuredClone(task));
    return `callback-${this.callbacks.length}`;
  }
}

export type SlaAlert = Parameters<SupervisorAlerts['slaBreached']>[0];

/** Remembers every SLA breach raised with the supervisors. */
export class RecordingSupervisorAlerts implements SupervisorAlerts {
  readonly alerts: SlaAlert[] = [];

  async slaBreached(alert: SlaAlert): Promise<void> {
    this.alerts.push(structuredClone(alert));
  }
}

/**
 * An in-memory case store where `beforeNextUpdate` runs once, just before the next `update` is applied:
 * another writer committing between the caller's read and its conditional write.
 */
export class InterleavingCaseStore extends InMemoryCaseStore {
  private pending: (() => Promise<void>) | undefined;

  beforeNextUpdate(write: () => Promise<void>): void {
    this.pending = write;
  }

  override async update(
    reference: string,
    expectedVersion: number,
    changes: Partial<Case>,
    events: CaseEvent[],
  ): Promise<Case> {
    const write = this.pending;
    this.pending = undefined;
    await write?.();
    return super.update(reference, expectedVersion, changes, events);
  }
}
