/**
 * One hourly run of early warning (docs/decisions/0108): for the hour just closed, each detector's inputs
 * are read through the AnalyticsEngine (detect_*.sql: Athena in AWS, DuckDB locally), its findings become
 * alerts with deterministic ids, and only alerts not stored before are announced. A re-run of the same
 * hour therefore stores nothing twice and notifies nobody twice. A detector that fails does not stop the
 * others; the run reports it and fails at the end, so the schedule retries the hour.
 */
import type { AnalyticsEngine, AnalyticsRow } from '../analytics/engine.ts';
import { DEFAULT_SPIKE_SETTINGS, type SeasonalCalendar } from '../analytics/spikes.ts';
import { LOW_CONFIDENCE, type NaiveBayesModel } from '../classify/classifier.ts';
import { localDate, startOfLocalDay } from '../sla/business-calendar.ts';
import { type Alert, type AlertKind, type AlertStore, type Finding, toAlert } from './alert.ts';
import {
  DEFAULT_CALL_SETTINGS,
  type IvrNodeRow,
  ivrFindings,
  type QueueRow,
  queueFindings,
} from './call-weak-spots.ts';
import {
  type CategoryDayRow,
  type ContactCountRow,
  DEFAULT_RECURRING_SETTINGS,
  type RepeatRow,
  rateRiseFindings,
  repeatCitizenFindings,
  repeatPlaceFindings,
} from './recurring.ts';
import {
  type HourlyCountRow,
  type OpenedCaseRow,
  spikeFindings,
  spikeHistoryStart,
  spikeKeyOf,
} from './spike-alerts.ts';
import { DEFAULT_THEME_SETTINGS, knownToModel, themeFindings, type UnsureText } from './themes.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type DetectorDeps = {
  engine: AnalyticsEngine;
  alerts: AlertStore;
  calendar: SeasonalCalendar;
  /** The classifier's model: words it knows well cannot name a new theme. */
  model: NaiveBayesModel;
  /** The words of unsure cases, from the case table (the lake keeps no text). */
  unsureTexts: (
    rows: { reference: string; category_code: string; department_code: string }[],
  ) => Promise<UnsureText[]>;
  /** Tells supervisors of a new alert (SNS topic, e-mail subscribers). */
  announce: (alert: Alert) => Promise<void>;
};

export type DetectorRun = {
  hour: string;
  found: number;
  stored: Alert[];
  failed: { detector: string; error: string }[];
};

/** 'YYYY-MM-DD HH:MM:SS' (UTC): the timestamp form both engines cast to a timestamp. */
const sqlTime = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
const rows = <T>(r: AnalyticsRow[]) => r as unknown as T[];

/** A theme already raised within this many days is not raised again each day. */
const THEME_QUIET_DAYS = 7;

/**
 * The keys of alerts of these kinds found since a moment (a quiet period), leaving out those of the window
 * being detected (`to`): a re-run of the same hour finds its own alerts again and stores them once.
 */
function quietKeys(
  recent: readonly Alert[],
  kinds: readonly AlertKind[],
  sinceMs: number,
  to: string,
  keyOf: (alert: Alert) => string | undefined,
): Set<string> {
  const since = new Date(sinceMs).toISOString();
  const keys = recent
    .filter((a) => kinds.includes(a.kind) && a.detectedAt >= since && a.to !== to)
    .map(keyOf);
  return new Set(keys.filter((k) => k !== undefined));
}

export async function runDetectors(deps: DetectorDeps, now: Date): Promise<DetectorRun> {
  const endMs = Math.floor(now.getTime() / HOUR) * HOUR;
  const end = sqlTime(endMs);
  const day = (ms: number) => localDate(new Date(ms), deps.calendar);
  const endIso = new Date(endMs).toISOString();
  const todayStart = Date.parse(startOfLocalDay(new Date(endMs - 1), deps.calendar));
  const r = DEFAULT_RECURRING_SETTINGS;
  const c = DEFAULT_CALL_SETTINGS;
  const quiet = {
    spike: endMs - DEFAULT_SPIKE_SETTINGS.quietHours * HOUR,
    repeatPlace: endMs - r.quietHours * HOUR,
    theme: todayStart - THEME_QUIET_DAYS * DAY,
    // The call windows overlap: a menu or queue alerted within the window is not alerted again for it.
    calls: endMs - c.windowHours * HOUR,
  };
  // One read of the alerts store per run, for the longest quiet period; each detector keeps its own.
  let recentRead: Promise<Alert[]> | undefined;
  const recent = () => {
    recentRead ??= deps.alerts.recent(new Date(Math.min(...Object.values(quiet))).toISOString());
    return recentRead;
  };

  const detectors: Record<string, () => Promise<Finding[]>> = {
    spikes: async () => {
      const from = spikeHistoryStart(endMs);
      const windowFrom = endMs - DEFAULT_SPIKE_SETTINGS.windowHours * HOUR;
      const [counts, opened, alerted] = await Promise.all([
        deps.engine.run('detect_hourly_counts', [day(from - DAY), sqlTime(from), end]),
        deps.engine.run('detect_cases_opened', [day(windowFrom - DAY), sqlTime(windowFrom), end]),
        recent(),
      ]);
      // A place alerted within the quiet period is not alerted again for the same burst.
      const quietPlaces = quietKeys(alerted, ['spike'], quiet.spike, endIso, (a) => spikeKeyOf(a.place));
      return spikeFindings(
        rows<HourlyCountRow>(counts),
        rows<OpenedCaseRow>(opened),
        endMs,
        deps.calendar,
        DEFAULT_SPIKE_SETTINGS,
        quietPlaces,
      );
    },
    repeatPlaces: async () => {
      const from = endMs - r.repeatWindowHours * HOUR - r.repeatBaselineDays * DAY;
      const within = r.repeatWithinDays * DAY;
      const found = await deps.engine.run('detect_repeat_places', [
        day(from - within - DAY),
        sqlTime(from),
        end,
        within / 1000,
      ]);
      // One alert a day per place at most: a place alerted in the quiet period stays quiet.
      const key = (a: Pick<Alert, 'place'>) => `${a.place.categoryCode}|${a.place.wilayatCode}`;
      const quietPlaces = quietKeys(await recent(), ['repeat_place'], quiet.repeatPlace, endIso, key);
      return repeatPlaceFindings(rows<RepeatRow>(found), endMs).filter((f) => !quietPlaces.has(key(f)));
    },
    repeatCitizens: async () => {
      const from = endMs - HOUR;
      const found = await deps.engine.run('detect_repeat_contacts', [
        day(endMs - 90 * DAY),
        end,
        sqlTime(from),
        sqlTime(from),
        r.citizenContacts,
      ]);
      return repeatCitizenFindings(rows<ContactCountRow>(found), from, endMs);
    },
    rates: async () => {
      // Whole local days: every run of one day finds the same alert (one id), stored once.
      const today = day(endMs - 1);
      const first = day(todayStart - (r.rateRecentDays + r.rateBaselineDays) * DAY + HOUR);
      const found = await deps.engine.run('detect_category_rates', [first, day(todayStart - HOUR)]);
      return rateRiseFindings(rows<CategoryDayRow>(found), today, todayStart);
    },
    themes: async () => {
      const t = DEFAULT_THEME_SETTINGS;
      const first = day(todayStart - t.days * DAY + HOUR);
      const unsure = await deps.engine.run('detect_unsure_cases', [
        first,
        first,
        day(todayStart - HOUR),
        LOW_CONFIDENCE,
      ]);
      const texts = await deps.unsureTexts(rows(unsure));
      const span = {
        from: new Date(todayStart - t.days * DAY).toISOString(),
        to: new Date(todayStart).toISOString(),
      };
      // A theme already raised this week is not raised again each day.
      const raised = quietKeys(await recent(), ['theme'], quiet.theme, span.to, (a) => a.terms?.[0]);
      return themeFindings(texts, knownToModel(deps.model), span).filter(
        (f) => !raised.has(f.terms?.[0] ?? ''),
      );
    },
    calls: async () => {
      const windowFrom = quiet.calls;
      const baselineFrom = windowFrom - c.baselineDays * DAY;
      // A call's day is the local day it began: the day before the baseline's start covers every offset.
      const first = day(baselineFrom - DAY);
      const [ivr, queues, alerted] = await Promise.all([
        deps.engine.run('detect_ivr_nodes', [sqlTime(windowFrom), first, first, sqlTime(baselineFrom), end]),
        deps.engine.run('detect_queue_abandonment', [sqlTime(windowFrom), first, sqlTime(baselineFrom), end]),
        recent(),
      ]);
      const span = { from: new Date(windowFrom).toISOString(), to: endIso };
      const key = (a: Pick<Alert, 'kind' | 'place'>) =>
        `${a.kind}|${a.place.menuNode ?? ''}|${a.place.queue ?? ''}`;
      const kinds: AlertKind[] = ['ivr_dropoff', 'ivr_wrong_key', 'queue_abandonment'];
      const quietSpots = quietKeys(alerted, kinds, quiet.calls, span.to, key);
      return [
        ...ivrFindings(rows<IvrNodeRow>(ivr), span),
        ...queueFindings(rows<QueueRow>(queues), span),
      ].filter((f) => !quietSpots.has(key(f)));
    },
  };

  const run: DetectorRun = { hour: new Date(endMs).toISOString(), found: 0, stored: [], failed: [] };
  for (const [name, detect] of Object.entries(detectors)) {
    try {
      const findings = await detect();
      run.found += findings.length;
      for (const finding of findings) {
        const alert = toAlert(finding);
        if (await deps.alerts.add(alert)) run.stored.push(alert);
      }
    } catch (error) {
      run.failed.push({ detector: name, error: error instanceof Error ? error.message : String(error) });
    }
  }
  // Stored first, announced after: an alert whose announcement fails is still in the panel, and the
  // failure is reported with the run.
  for (const alert of run.stored) {
    try {
      await deps.announce(alert);
    } catch (error) {
      run.failed.push({
        detector: `announce ${alert.id}`,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return run;
}
