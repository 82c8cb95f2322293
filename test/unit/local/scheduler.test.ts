import { describe, expect, it, vi } from 'vitest';
import { LocalScheduler } from '../../../local/scheduler.ts';
import type { LocalWorkflows } from '../../../local/workflows.ts';

describe('the local hourly schedule', () => {
  it('runs the next hours after one hour failed, in order', async () => {
    let now = new Date('2026-03-01T06:30:00Z');
    const scheduler = new LocalScheduler({} as LocalWorkflows, () => now);
    const ran: string[] = [];
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    scheduler.everyHour(async (at) => {
      ran.push(at.toISOString());
      if (ran.length === 1) throw new Error('the first hour fails');
    });
    now = new Date('2026-03-01T07:30:00Z');
    scheduler.fireDue();
    await scheduler.hourlyIdle();
    now = new Date('2026-03-01T08:30:00Z');
    scheduler.fireDue();
    await scheduler.hourlyIdle();
    expect(quiet).toHaveBeenCalledTimes(1);
    quiet.mockRestore();
    expect(ran).toEqual(['2026-03-01T07:05:00.000Z', '2026-03-01T08:05:00.000Z']);
  });
});
