/** What the analytics tests share: Muscat's business calendar and a lake in a temporary folder. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { BusinessCalendar } from '../../functions/core/sla/business-calendar.ts';
import { LocalLake } from '../../local/analytics/lake.ts';

export const MUSCAT: BusinessCalendar = {
  utcOffsetMinutes: 240,
  workingDays: [0, 1, 2, 3, 4],
  dayStart: '07:30',
  dayEnd: '14:30',
  holidays: [],
};

/** Stands in for the HMAC: one-way enough for a test, and never the id itself. */
export const testKey = (id: string) => `key-${[...id].reverse().join('')}`;

/** A lake of its own for a test file; `remove` closes DuckDB and deletes the folder. */
export function temporaryLake(name: string) {
  const dir = mkdtempSync(path.join(tmpdir(), `nidaa-${name}-`));
  const lake = new LocalLake(dir);
  return {
    lake,
    remove: async () => {
      await lake.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
