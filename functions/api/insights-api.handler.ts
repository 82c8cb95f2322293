import {
  answerFigure,
  caseSummary,
  DRILL_DOWN,
  drillDownParameters,
  FIGURE_NAMES,
  FIGURES,
  type FigureName,
  type FigureSpec,
  figureParameters,
  parseFigureQuery,
  parseQuestion,
} from '#core/analytics/figures.ts';
import { DEFAULT_UNIT_PRICES } from '#core/analytics/unit-prices.ts';
import { canSeeCase } from '#core/auth/policy.ts';
import type { Case } from '#core/case/case.ts';
import { invalidField, NotFoundError } from '#core/errors.ts';
import { localDate } from '#core/sla/business-calendar.ts';
import { toLatinDigits } from '#core/text/digits.ts';
import { analyticsEngine } from '#shared/analytics.ts';
import { container } from '#shared/container.ts';
import { httpHandler } from '#shared/http.ts';
import { guarded } from '#shared/staff-routes.ts';

/**
 * The supervisors' and researchers' figures (docs/metrics.md) for the Analytics screen: each a query of
 * analytics/queries run by the analytics engine (Athena; DuckDB locally), cut by period, filters and
 * groupings (functions/core/analytics/figures.ts), and the cases behind a number.
 */
/** The references a drill-down lists at most (the query returns one more, to say there are more). */
const MAX_REFERENCES = 500;
/** Cases whose summaries one page reads from the table. */
const PAGE = 50;

/** Local mode's clock and the business calendar: today's local day, and a local day's last instant in UTC. */
function days() {
  const c = container();
  const now = c.clock.now();
  const offsetMs = c.calendar.utcOffsetMinutes * 60_000;
  return {
    today: localDate(now, c.calendar),
    /** Backlog is a snapshot: at the end of the period's last day, or now while that day is not over. */
    momentOfEnd: (day: string) => {
      const end = Math.min(Date.parse(`${day}T23:59:59.000Z`) - offsetMs, now.getTime());
      return new Date(end).toISOString().slice(0, 19).replace('T', ' ');
    },
  };
}

const unknownFigure = () =>
  new NotFoundError({
    ar: `لا يوجد رقم بهذا الاسم؛ المتاح: ${FIGURE_NAMES.join('، ')}.`,
    en: `No such figure; the figures are ${FIGURE_NAMES.join(', ')}.`,
  });

const isFigure = (name: string | undefined): name is FigureName =>
  name !== undefined && (FIGURE_NAMES as string[]).includes(name);

export const handler = httpHandler({
  'GET /v1/insights/figures/{figure}': guarded(async (req) => {
    const figure = req.params.figure;
    if (!isFigure(figure)) throw unknownFigure();
    const c = container();
    const { today, momentOfEnd } = days();
    const question = parseFigureQuery(figure, req.query, c.catalogue, today);
    const prices = c.config.analytics?.unitPrices ?? DEFAULT_UNIT_PRICES;
    const rows = await analyticsEngine().run(
      FIGURES[figure].query,
      figureParameters(figure, question, momentOfEnd, prices),
    );
    const answer = answerFigure(figure, question, rows);
    const spec: FigureSpec = FIGURES[figure];
    return {
      status: 200,
      body: spec.extra === 'unitPrices' ? { ...answer, currency: prices.currency } : answer,
      headers: { 'cache-control': 'private, no-store' },
    };
  }),

  'GET /v1/insights/cases': guarded(async (req, staff) => {
    const c = container();
    const { figure, offset: rawOffset, ...rest } = req.query;
    if (figure !== undefined && figure !== '' && !isFigure(figure)) throw unknownFigure();
    const question = parseQuestion(DRILL_DOWN, rest, c.catalogue, days().today);
    const offset = Number(toLatinDigits(rawOffset ?? '0').trim() || '0');
    if (!Number.isInteger(offset) || offset < 0 || offset >= MAX_REFERENCES || offset % PAGE !== 0)
      throw invalidField('offset', {
        ar: `الإزاحة من مضاعفات ${PAGE} بين 0 و${MAX_REFERENCES - PAGE}.`,
        en: `offset is a multiple of ${PAGE} from 0 to ${MAX_REFERENCES - PAGE}.`,
      });
    const rows = await analyticsEngine().run('cases_opened', drillDownParameters(question));
    const references = rows.slice(0, MAX_REFERENCES).map((r) => String(r.reference));
    // The lake says which cases; the table says what they are now (the lake may be a minute behind).
    const page = await Promise.all(references.slice(offset, offset + PAGE).map((ref) => c.cases.get(ref)));
    const items = page.filter((x): x is Case => x !== undefined && canSeeCase(staff, x)).map(caseSummary);
    return {
      status: 200,
      body: {
        ...(isFigure(figure) ? { figure } : {}),
        basis: 'opened',
        from: question.from,
        to: question.to,
        filters: question.filters,
        references,
        more: rows.length > MAX_REFERENCES,
        offset,
        items,
      },
      headers: { 'cache-control': 'private, no-store' },
    };
  }),
});
