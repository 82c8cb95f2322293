import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case, CaseEvent } from '../../functions/core/case/case.ts';
import { type LocalStack, startLocalStack } from '../../local/local-stack.ts';
import type { OutboxEntry } from '../../local/outbox.ts';
import { eventually, localClient, referenceIn } from '../support/local-client.ts';

let stack: LocalStack;
const { post, get, outbox, as } = localClient(() => stack);

beforeAll(async () => {
  stack = await startLocalStack({ fastRetries: true });
});
afterAll(() => stack.stop());

async function caseOf(reference: string) {
  const res = await get(`/v1/cases/${reference}`, await as('supervisor'));
  expect(res.status).toBe(200);
  return (await res.json()) as { case: Case; timeline: CaseEvent[] };
}

/** The Connect tasks opened for a case, oldest first. */
const tasksOf = async (reference: string) =>
  (await outbox()).filter((e) => e.channel === 'task' && e.reference === reference) as (OutboxEntry & {
    contactId: string;
    tier: string;
  })[];

type Delivery = { delivered: boolean; result?: { outcome: string; reason: string } };

/** What an agent does to a task in the Connect agent workspace, as the contact event AWS would publish. */
async function connectEvent(body: Record<string, unknown>) {
  const res = await post('/_local/connect-event', body);
  expect(res.status).toBe(202);
  return (await res.json()) as Delivery;
}

/**
 * Delivers an event once the lifecycle is parked on that task (AwaitAgent remembers the task just after
 * Connect opened it): Connect would only let an agent act on a task after that, and events may repeat.
 */
const once = (body: Record<string, unknown>, outcome: string) =>
  eventually(async () => {
    const delivery = await connectEvent(body);
    expect(delivery.result?.outcome).toBe(outcome);
    return delivery;
  });

describe('Connect contact events keep the case in step with the agent workspace', () => {
  it('a pick-up starts work, a task closed without a decision comes back, a transfer moves the tier', async () => {
    // A citizen reports by SMS: the case waits in tier 1 with a Connect task in the t1 queue.
    const phone = '+96893000101';
    await post('/_local/sms', { from: phone, text: 'حفرة كبيرة في الشارع أمام المدرسة في العامرات' });
    const ref = referenceIn(
      (await outbox()).find((e) => e.channel === 'sms' && e.to === phone)?.text,
    ) as string;
    expect(ref).toBeDefined();
    const first = await eventually(async () => {
      const tasks = await tasksOf(ref);
      expect(tasks).toHaveLength(1);
      return tasks[0];
    });
    expect(first).toMatchObject({ to: 't1', tier: '1', contactId: expect.any(String) });
    const task1 = first?.contactId as string;
    expect((await caseOf(ref)).case.status).toBe('assigned');

    // An agent accepts the task in Connect: the case is in progress, and the pick-up is on its timeline.
    await once({ contactId: task1, eventType: 'CONNECTED_TO_AGENT' }, 'picked_up');
    const picked = await caseOf(ref);
    expect(picked.case.status).toBe('in_progress');
    expect(picked.timeline).toContainEqual(
      expect.objectContaining({ kind: 'assignment', id: `connect-${task1}-connected_to_agent` }),
    );

    // The agent closes the task without resolving or escalating in Nidaa: a fresh tier-1 task appears.
    expect((await connectEvent({ contactId: task1, eventType: 'DISCONNECTED' })).result?.outcome).toBe(
      'ignored',
    );
    expect((await connectEvent({ contactId: task1, eventType: 'COMPLETED' })).result?.outcome).toBe(
      'task_reopened',
    );
    const second = await eventually(async () => {
      const tasks = await tasksOf(ref);
      expect(tasks).toHaveLength(2);
      return tasks[1];
    });
    expect(second).toMatchObject({ to: 't1', tier: '1' });
    expect(second?.contactId).not.toBe(task1);
    const reopened = await caseOf(ref);
    expect(reopened.case).toMatchObject({ tier: 1, status: 'in_progress', dueAt: picked.case.dueAt });
    expect(reopened.timeline).toContainEqual(
      expect.objectContaining({ kind: 'note', id: `connect-${task1}-completed` }),
    );

    // The same COMPLETED again (events repeat) changes nothing.
    expect((await connectEvent({ contactId: task1, eventType: 'COMPLETED' })).result?.outcome).toBe(
      'ignored',
    );

    // An agent transfers the new task to the tier-2 queue with a quick connect: the case moves to tier 2
    // and waits there with a task of its own.
    const task2 = second?.contactId as string;
    await once({ contactId: task2, eventType: 'QUEUED', queue: 't2' }, 'transferred');
    const tier2 = await eventually(async () => {
      const tasks = await tasksOf(ref);
      expect(tasks.at(-1)).toMatchObject({ to: 't2', tier: '2' });
      return (await caseOf(ref)).case;
    });
    expect(tier2).toMatchObject({ tier: 2, status: 'assigned' });
    expect(Date.parse(tier2.dueAt)).toBeGreaterThan(Date.parse(picked.case.dueAt));
    expect((await caseOf(ref)).timeline).toContainEqual(
      expect.objectContaining({
        kind: 'tier',
        data: expect.objectContaining({ to: 2, cause: 'connect_transfer' }),
      }),
    );
  });

  it('lets through only what the deployed rule would, and answers bad input in both languages', async () => {
    const initiated = await connectEvent({ contactId: 'unknown-task', eventType: 'INITIATED' });
    expect(initiated).toMatchObject({ delivered: false });
    const unknown = await connectEvent({ contactId: 'unknown-task', eventType: 'CONNECTED_TO_AGENT' });
    expect(unknown).toMatchObject({ delivered: true, result: { outcome: 'ignored' } });

    for (const body of [
      { eventType: 'COMPLETED' },
      { contactId: 'x', eventType: 'NOT_A_TYPE' },
      { contactId: 'x', eventType: 'QUEUED', queue: 't9' },
    ]) {
      const res = await post('/_local/connect-event', body);
      expect(res.status).toBe(400);
      const problem = (await res.json()) as { messages: { ar: string; en: string } };
      expect(problem.messages.ar).toMatch(/[\u0600-\u06FF]/);
      expect(problem.messages.en).toMatch(/[a-z]/);
    }
  });
});
