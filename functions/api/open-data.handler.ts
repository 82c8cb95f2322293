import { MAX_PERIOD_DAYS, parseDay } from '#core/analytics/figures.ts';
import { SEED_CATALOGUE } from '#core/catalogue/seed.ts';
import { ValidationError } from '#core/errors.ts';
import { CSV_MEDIA_TYPE, csvText } from '#core/exports/csv.ts';
import { OPEN_DATA_COLUMNS, openDataRecords } from '#core/exports/open-data.ts';
import { analyticsEngine } from '#shared/analytics.ts';
import { runtimeConfig } from '#shared/container.ts';
import { type HttpResponse, httpHandler } from '#shared/http.ts';
import { guarded } from '#shared/staff-routes.ts';

const DAY_MS = 86_400_000;

/** Both days required (YYYY-MM-DD, Arabic-Indic digits accepted), in order, a year at most (MAX_PERIOD_DAYS):
 * one answer must stay within Lambda's 6 MB response and API Gateway's 30 s. */
function period(query: Record<string, string>): { from: string; to: string } {
  const from = parseDay('from', query.from);
  const to = parseDay('to', query.to);
  if (!from || !to) {
    throw new ValidationError({
      ar: 'حددوا الفترة بتاريخين from و to بالصيغة YYYY-MM-DD (بتوقيت مسقط).',
      en: 'Give the period as from and to, dates as YYYY-MM-DD (Muscat days).',
    });
  }
  const days = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
  if (days < 1 || days > MAX_PERIOD_DAYS) {
    throw new ValidationError({
      ar: `يجب ألا يسبق to التاريخ from، وألا تزيد الفترة على ${MAX_PERIOD_DAYS} يوماً.`,
      en: `to must not come before from, and the period must be at most ${MAX_PERIOD_DAYS} days.`,
    });
  }
  return { from, to };
}

/**
 * The open-data export of cases for researchers (docs/exports.md, docs/decisions/0113): administrators
 * download an anonymized period as CSV (UTF-8 with BOM) or JSON, Open311 field names, names in the
 * request's language, the position coarsened to the wilayat's centre. The SQL selects no personal data.
 */
export const handler = httpHandler({
  'GET /v1/admin/open-data/cases': guarded(async (req): Promise<HttpResponse> => {
    const { from, to } = period(req.query);
    const format = req.query.format ?? 'json';
    if (format !== 'json' && format !== 'csv') {
      throw new ValidationError({ ar: 'format يجب أن يكون csv أو json.', en: 'format must be csv or json.' });
    }
    const rows = await analyticsEngine().run('open_data_cases', [from, to]);
    const records = openDataRecords(rows, SEED_CATALOGUE, {
      language: req.language,
      utcOffsetMinutes: runtimeConfig().calendar.utcOffsetMinutes,
    });
    const name = `nidaa-open-data-cases-${from}-${to}`;
    if (format === 'json') {
      return {
        status: 200,
        body: { from, to, count: records.length, requests: records },
        headers: { 'content-disposition': `attachment; filename="${name}.json"` },
      };
    }
    return {
      status: 200,
      // Text, not JSON: the byte-order mark keeps Excel from misreading Arabic names.
      raw: `\ufeff${csvText({ columns: OPEN_DATA_COLUMNS, rows: records })}`,
      headers: {
        'content-type': CSV_MEDIA_TYPE,
        'content-disposition': `attachment; filename="${name}.csv"`,
      },
    };
  }),
});
