/**
 * Early warning's alerts measured on local mode's demo year (the year bench/spikes.ts uses): every hour,
 * the spike detector over each dimension the alerts are cut by (category × wilayat, department, channel,
 * functions/core/insights/spike-alerts.ts) and the detector of problems that come back after a resolution
 * (recurring.ts), with their quiet periods, as insightsDetector runs them. Every alert on the year as the
 * city reported it is counted as a false alarm (some are real bursts). Prints a Markdown section.
 *
 * Run: `npx tsx bench/early-warning.ts` (or as part of `npm run bench`).
 */
import {
  DEFAULT_SPIKE_SETTINGS,
  detectSpikes,
  type HourlySeries,
} from '../functions/core/analytics/spikes.ts';
import {
  DEFAULT_RECURRING_SETTINGS,
  type RepeatRow,
  repeatPlaceFindings,
} from '../functions/core/insights/recurring.ts';
import { spikeKeys } from '../functions/core/insights/spike-alerts.ts';
import { readDemoYear } from '../local/demo/demo-year.ts';
import { CALENDAR, departmentOf, HOURS, START_MS } from './spikes.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WARM_UP = DEFAULT_SPIKE_SETTINGS.lookbackDays * 24;

export type EarlyWarningBench = {
  weeks: number;
  /** Alerts on the un-spiked year per kind and department (channel spikes under `channel:<name>`). */
  rows: { kind: string; department: string; alerts: number; perWeek: number }[];
  seconds: number;
};

export function measureEarlyWarning(): EarlyWarningBench {
  const started = performance.now();
  const year = readDemoYear().filter((r) => {
    const at = Date.parse(r.createdAt);
    return at >= START_MS && at < START_MS + HOURS * HOUR;
  });
  const counts = new Map<string, Int32Array>();
  for (const r of year) {
    const index = Math.floor((Date.parse(r.createdAt) - START_MS) / HOUR);
    const dimensions = {
      category_code: r.categoryCode,
      wilayat_code: r.wilayatCode,
      department_code: departmentOf(r.categoryCode),
      channel: r.channel,
    };
    for (const key of spikeKeys(dimensions)) {
      const series = counts.get(key) ?? new Int32Array(HOURS);
      series[index] = (series[index] ?? 0) + 1;
      counts.set(key, series);
    }
  }
  const series: HourlySeries = { startMs: START_MS, hours: HOURS, counts };
  const tally = new Map<string, number>();
  const count = (kind: string, department: string) =>
    tally.set(`${kind}|${department}`, (tally.get(`${kind}|${department}`) ?? 0) + 1);

  // Spikes on all three dimensions, one alert per key per quiet period.
  const lastSpike = new Map<string, number>();
  for (let end = WARM_UP; end <= HOURS; end++) {
    const quiet = new Set(
      [...lastSpike].filter(([, at]) => end - at < DEFAULT_SPIKE_SETTINGS.quietHours).map(([k]) => k),
    );
    for (const spike of detectSpikes(series, end, CALENDAR, DEFAULT_SPIKE_SETTINGS, quiet)) {
      lastSpike.set(spike.key, end);
      const [dimension, a] = spike.key.split('|');
      if (dimension === 'place') count('spike (category × wilayat)', departmentOf(a ?? ''));
      else if (dimension === 'department') count('spike (department)', a ?? '');
      else count('spike (channel)', `channel:${a}`);
    }
  }

  // Problems back after a resolution: each report within the window after one in its place was resolved.
  const r = DEFAULT_RECURRING_SETTINGS;
  const resolvedByPlace = new Map<string, number[]>();
  for (const c of year) {
    const resolvedAt = Date.parse(c.resolvedAt ?? '');
    // A few of the source's closing times do not parse: those cases count as unresolved.
    if (Number.isNaN(resolvedAt)) continue;
    const key = `${c.categoryCode}|${c.wilayatCode}`;
    const list = resolvedByPlace.get(key) ?? [];
    list.push(resolvedAt);
    resolvedByPlace.set(key, list);
  }
  for (const list of resolvedByPlace.values()) list.sort((x, y) => x - y);
  const repeats: RepeatRow[] = [];
  year.forEach((c, i) => {
    const at = Date.parse(c.createdAt);
    const resolved = resolvedByPlace.get(`${c.categoryCode}|${c.wilayatCode}`) ?? [];
    // The last resolution before the report (binary search): a repeat if it was within the window.
    let lo = 0;
    let hi = resolved.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((resolved[mid] as number) < at) lo = mid + 1;
      else hi = mid;
    }
    const last = resolved[lo - 1];
    if (last !== undefined && at - last <= r.repeatWithinDays * DAY)
      repeats.push({
        reference: String(i),
        created_at: c.createdAt,
        category_code: c.categoryCode,
        wilayat_code: c.wilayatCode,
        department_code: departmentOf(c.categoryCode),
        after_reference: '',
      });
  });
  repeats.sort((a, b) => a.created_at.localeCompare(b.created_at));
  const times = repeats.map((x) => Date.parse(x.created_at));
  const lastRepeat = new Map<string, number>();
  let from = 0;
  let to = 0;
  for (let end = WARM_UP; end <= HOURS; end++) {
    const endMs = START_MS + end * HOUR;
    const startMs = endMs - r.repeatWindowHours * HOUR - r.repeatBaselineDays * DAY;
    while (from < times.length && (times[from] as number) < startMs) from++;
    while (to < times.length && (times[to] as number) < endMs) to++;
    for (const f of repeatPlaceFindings(repeats.slice(from, to), endMs)) {
      const key = `${f.place.categoryCode}|${f.place.wilayatCode}`;
      if (end - (lastRepeat.get(key) ?? -Infinity) < DEFAULT_RECURRING_SETTINGS.quietHours) continue;
      lastRepeat.set(key, end);
      count('repeat_place', f.place.departmentCode ?? '');
    }
  }

  const weeks = (HOURS - WARM_UP) / (7 * 24);
  const rows = [...tally]
    .map(([key, alerts]) => {
      const [kind, department] = key.split('|') as [string, string];
      return { kind, department, alerts, perWeek: Math.round((alerts / weeks) * 100) / 100 };
    })
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.department.localeCompare(b.department));
  return {
    weeks: Math.round(weeks * 10) / 10,
    rows,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}

export function renderEarlyWarningBench(b: EarlyWarningBench): string {
  const r = DEFAULT_RECURRING_SETTINGS;
  return `## Early-warning alerts on the demo year

Every hour of the demo year's ${b.weeks} weeks after the warm-up (${b.seconds} s), as insightsDetector runs them
(docs/decisions/0108): spikes on each dimension alerts are cut by, and problems back after a resolution (a report
within ${r.repeatWithinDays} days of a resolution in the same category × wilayat; at least ${r.minRepeats} in ${r.repeatWindowHours} h, ${r.minRepeatRatio}× the place's own
rate, Poisson p < ${r.alpha}; one alert a day per place). Every alert counts as false (the year was not spiked; some are
real bursts). Kinds or departments with no alert are not listed.

| kind | department | alerts | per week |
| --- | --- | ---: | ---: |
${b.rows.map((x) => `| ${x.kind} | ${x.department} | ${x.alerts} | ${x.perWeek} |`).join('\n')}
`;
}

if (import.meta.url === `file://${process.argv[1]}`)
  console.log(renderEarlyWarningBench(measureEarlyWarning()));
