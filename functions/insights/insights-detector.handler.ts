import { trainClassifier } from '#core/classify/classifier.ts';
import { TRAINING_EXAMPLES } from '#core/classify/training-examples.ts';
import { runDetectors } from '#core/insights/run-detectors.ts';
import type { UnsureText } from '#core/insights/themes.ts';
import { alertNotices } from '#shared/alerts.ts';
import { analyticsEngine } from '#shared/analytics.ts';
import { container } from '#shared/container.ts';
import { alertStore } from '#shared/insights.ts';
import { logger } from '#shared/powertools.ts';

/** At most this many unsure texts are read from the case table per run (themes of a fortnight). */
const MAX_TEXTS = 500;
/** Case reads in flight at once. */
const READS_AT_ONCE = 25;

let model: ReturnType<typeof trainClassifier> | undefined;

/**
 * Every hour (EventBridge Scheduler, Asia/Muscat), for the hour just closed: the early-warning detectors
 * over the analytics store, new alerts stored and announced to supervisors (docs/decisions/0108). The
 * schedule passes `<aws.scheduler.scheduled-time>` as `scheduledTime`, so a retried or late run still
 * works on its own hour; without it, the hour just closed now.
 */
export async function handler(event: { scheduledTime?: string; time?: string } | undefined) {
  const { config, cases, catalogue } = container();
  const at = event?.scheduledTime ?? event?.time;
  const now = at && !Number.isNaN(Date.parse(at)) ? new Date(at) : container().clock.now();
  model ??= trainClassifier(TRAINING_EXAMPLES, catalogue);
  const unsureTexts = async (
    rows: { reference: string; category_code: string; department_code: string }[],
  ) => {
    const texts: UnsureText[] = [];
    const wanted = rows.slice(-MAX_TEXTS);
    // A few reads at a time: up to MAX_TEXTS one by one is slow, all at once would burst the table.
    for (let i = 0; i < wanted.length; i += READS_AT_ONCE) {
      const found = await Promise.all(
        wanted.slice(i, i + READS_AT_ONCE).map((row) => cases.get(row.reference)),
      );
      for (const c of found) {
        if (c)
          texts.push({
            reference: c.reference,
            text: [c.subject, c.description].filter(Boolean).join(' '),
            categoryCode: c.categoryCode,
            departmentCode: c.departmentCode,
          });
      }
    }
    return texts;
  };
  const run = await runDetectors(
    {
      engine: analyticsEngine(),
      alerts: alertStore(),
      calendar: config.calendar,
      model,
      unsureTexts,
      announce: (alert) => alertNotices().announce(alert),
    },
    now,
  );
  // Quiet hours are the rule: only a run that found or failed something is worth a log line.
  const summary = { hour: run.hour, found: run.found, stored: run.stored.length, failed: run.failed };
  if (run.found || run.failed.length) logger.info('early warning', summary);
  else logger.debug('early warning', summary);
  // A failed detector fails the run, so the schedule retries the hour (stored alerts are not stored again).
  if (run.failed.length)
    throw new Error(`Detectors failed: ${run.failed.map((f) => `${f.detector}: ${f.error}`).join('; ')}`);
  return { hour: run.hour, found: run.found, stored: run.stored.map((a) => a.id) };
}
