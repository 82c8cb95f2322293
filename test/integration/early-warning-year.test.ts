/**
 * Early warning's alerts on local mode's demo year (the year as the city reported it): each kind the demo
 * year feeds raises fewer than one alert a week per department, as bench/RESULTS.md reports.
 */
import { describe, expect, it } from 'vitest';
import { measureEarlyWarning } from '../../bench/early-warning.ts';

describe('early-warning alerts on a year of reports', () => {
  it('raise under one false alarm a week per department and kind', () => {
    const result = measureEarlyWarning();
    expect(result.weeks).toBeGreaterThan(40);
    expect(result.rows.length).toBeGreaterThan(0);
    for (const row of result.rows) expect(row.perWeek, `${row.kind} ${row.department}`).toBeLessThan(1);
  }, 300_000);
});
