/**
 * Early warning on local mode's demo year (a year of real 311 reports on Muscat's week): the detector must
 * catch injected clusters by the close of the hour holding their last report, and raise fewer than one
 * alert a week per department on the year as it was. The same run `npm run bench` reports.
 */
import { describe, expect, it } from 'vitest';
import { measureSpikeDetection } from '../../bench/spikes.ts';

describe('spike detection on a year of reports', () => {
  it('alerts every injected cluster within an hour of its last report, with under one false alarm a week per department', () => {
    const result = measureSpikeDetection();
    expect(result.reports).toBeGreaterThan(19_000);
    expect(result.injected).toHaveLength(30);
    for (const spike of result.injected) expect(spike.alertedAfterHours).toBeLessThanOrEqual(2);
    for (const department of result.falseAlarms) expect(department.perWeek).toBeLessThan(1);
  }, 60_000);
});
