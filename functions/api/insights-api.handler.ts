import * as z from 'zod/mini';
import {
  answerFigure,
  caseSummary,
  DRILL_DOWN,
  DRILL_DOWN_MAX_REFERENCES,
  DRILL_DOWN_PAGE_SIZE,
  drillDownParameters,
  FIGURE_NAMES,
  FIGURES,
  type FigureName,
  figureParameters,
  parseFigureQuery,
  parseQuestion,
} from '#core/analytics/figures.ts';
import { canSeeCase } from '#core/auth/policy.ts';
import type { Case } from '#core/case/case.ts';
import { NotFoundError } from '#core/errors.ts';
import { localDate } from '#core/sla/business-calendar.ts';
import { analyticsEngine } from '#shared/analytics.ts';
import { container } from '#shared/container.ts';
import { httpHandler } from '#shared/http.ts';
import { guarded } from '#shared/staff-routes.ts';
import { integerParam, msg, parseInput } from '#shared/validation.ts';

/**
 * The supervisors' and researchers' figures (docs/metrics.md) for the Analytics screen: each a query of
 * analytics/queries run by the analytics engine (Athena; DuckDB locally), cut by period, filters and
 * groupings (functions/core/analytics/figures.ts), and the cases behind a number.
 */

/** Now by the container's clock, and today's local day by the business calendar. */
function askedAt() {
  const c = container();
  const now = c.clock.now();
  return { now, utcOffsetMinutes: c.calendar.utcOffsetMinutes, today: localDate(now, c.calendar) };
}

const unknownFigure = () =>
  new NotFoundError({
    ar: `لا يوجد رقم بهذا الاسم؛ المتاح: ${FIGURE_NAMES.join('، ')}.`,
    en: `No such figure; the figures are ${FIGURE_NAMES.join(', ')}.`,
  });

const isFigure = (name: string | undefined): name is FigureName =>
  name !== undefined && (FIGURE_NAMES as string[]).includes(name);

const lastPageStart = DRILL_DOWN_MAX_REFERENCES - DRILL_DOWN_PAGE_SIZE;
const offsetMessage = {
  ar: `الإزاحة من مضاعفات ${DRILL_DOWN_PAGE_SIZE} بين 0 و${lastPageStart}.`,
  en: `offset is a multiple of ${DRILL_DOWN_PAGE_SIZE} from 0 to ${lastPageStart}.`,
};
/** Which page of the drill-down's references: a page boundary within the references kept. */
const drillDownPage = z.object({
  offset: z.optional(
    integerParam({ min: 0, max: lastPageStart, message: offsetMessage }).check(
      z.refine((n) => n % DRILL_DOWN_PAGE_SIZE === 0, msg(offsetMessage)),
    ),
  ),
});

export const handler = httpHandler({
  'GET /v1/insights/figures/{figure}': guarded(async (req) => {
    const figure = req.params.figure;
    if (!isFigure(figure)) throw unknownFigure();
    const c = container();
    const at = askedAt();
    const question = parseFigureQuery(figure, req.query, c.catalogue, at.today);
    const prices = c.config.analytics?.unitPrices;
    const rows = await analyticsEngine().run(
      FIGURES[figure].query,
      figureParameters(figure, question, at, prices),
    );
    return {
      status: 200,
      body: answerFigure(figure, question, rows, prices),
      headers: { 'cache-control': 'private, no-store' },
    };
  }),

  'GET /v1/insights/cases': guarded(async (req, staff) => {
    const c = container();
    const { figure, offset: rawOffset, ...rest } = req.query;
    if (figure !== undefined && figure !== '' && !isFigure(figure)) throw unknownFigure();
    const question = parseQuestion(DRILL_DOWN, rest, c.catalogue, askedAt().today);
    const { offset = 0 } = parseInput(drillDownPage, { offset: rawOffset });
    const rows = await analyticsEngine().run('cases_opened', drillDownParameters(question));
    const references = rows.slice(0, DRILL_DOWN_MAX_REFERENCES).map((r) => String(r.reference));
    // The lake says which cases; the table says what they are now (the lake may be a minute behind).
    const page = await Promise.all(
      references.slice(offset, offset + DRILL_DOWN_PAGE_SIZE).map((ref) => c.cases.get(ref)),
    );
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
        more: rows.length > DRILL_DOWN_MAX_REFERENCES,
        offset,
        items,
      },
      headers: { 'cache-control': 'private, no-store' },
    };
  }),
});
