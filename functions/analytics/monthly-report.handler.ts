import * as z from 'zod/mini';
import { renderReportPdf } from '#adapters/pdf/report-pdf.ts';
import { monthBefore, reportMonth } from '#core/reports/monthly-figures.ts';
import { namesFrom, sendMonthlyReport } from '#core/reports/monthly-report.ts';
import { analyticsEngine } from '#shared/analytics.ts';
import { container } from '#shared/container.ts';
import { sendingDeps } from '#shared/messaging.ts';
import { pdfFonts } from '#shared/pdf-fonts.ts';
import { logger } from '#shared/powertools.ts';
import { taskHandler } from '#shared/task.ts';

/**
 * The schedule's payload: nothing (the month just ended, in Muscat time), or a month to send again
 * (`{"month": "2026-02"}`, from the console or local mode's route).
 */
const input = z.object({ month: z.optional(z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/))) });

/**
 * On the first of each month: the figures of the month just ended (Athena), an Arabic and an English PDF
 * and the XLSX of the figures, e-mailed to `analytics.reportRecipients` through the one outbound path
 * (docs/decisions/0112). Without recipients it logs and does nothing else.
 */
export const handler = taskHandler(input, async ({ month }) => {
  const c = container();
  const offset = c.config.calendar.utcOffsetMinutes;
  const recipients = c.config.analytics?.reportRecipients ?? [];
  const sending = sendingDeps();
  return sendMonthlyReport(month ? reportMonth(month, offset) : monthBefore(c.clock.now(), offset), {
    // Athena's client is made on the first query: a run without recipients makes none.
    engine: { run: (name, params) => analyticsEngine().run(name, params) },
    renderPdf: (document) => renderReportPdf(document, pdfFonts()),
    sending,
    recipients,
    municipality: c.config.municipality,
    names: namesFrom(c.catalogue),
    utcOffsetMinutes: offset,
    log: (message, details) => logger.info(message, details),
  });
});
