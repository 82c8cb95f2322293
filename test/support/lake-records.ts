import { caseEventRow, caseRow } from '../../functions/core/analytics/records.ts';
import type { Case, CaseEvent } from '../../functions/core/case/case.ts';
import type { BusinessCalendar } from '../../functions/core/sla/business-calendar.ts';
import type { LocalLake } from '../../local/analytics/lake.ts';
import { aCase } from './builders.ts';

/** Muscat's calendar as the records' local days need it (UTC+4, Sunday–Thursday). */
export const MUSCAT_CALENDAR: BusinessCalendar = {
  utcOffsetMinutes: 240,
  workingDays: [0, 1, 2, 3, 4],
  dayStart: '07:30',
  dayEnd: '14:30',
  holidays: [],
};

/** Stands in for the HMAC: one-way enough for a test, and never the contact id itself. */
export const testCitizenKey = (contactId: string) => `citizen-key-${[...contactId].reverse().join('')}`;

/**
 * Writes a case into the lake as the stream would: each change a new version (the first entry is the case,
 * the others what changed), and its timeline events with the newest version's dimensions.
 */
export function recordCase(
  lake: LocalLake,
  versions: Partial<Case>[],
  events: Omit<CaseEvent, 'reference'>[] = [],
): Case {
  let current = aCase(versions[0]);
  const rows = [caseRow(current, testCitizenKey, MUSCAT_CALENDAR)];
  for (const change of versions.slice(1)) {
    current = { ...current, ...change, version: current.version + 1 };
    rows.push(caseRow(current, testCitizenKey, MUSCAT_CALENDAR));
  }
  lake.append('cases', rows);
  if (events.length > 0) {
    lake.append(
      'case_events',
      events.map((e) => caseEventRow({ ...e, reference: current.reference }, current, MUSCAT_CALENDAR)),
    );
  }
  return current;
}
