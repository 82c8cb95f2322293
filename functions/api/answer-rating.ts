/**
 * One-tap rating of an agent's answer (issue 13): the portal's `/rate/<reference>#k=<token>` page posts
 * here with the tracking token of the link in our SMS or e-mail (docs/decisions/0086) as its proof. The
 * rating joins the case once per answer (functions/core/lifecycle/rate-answer.ts); rate-limited per
 * request and per address like the other tracking routes.
 */
import * as z from 'zod/mini';
import { ConflictError, NotFoundError } from '#core/errors.ts';
import { type Rating, rateAnswer } from '#core/lifecycle/rate-answer.ts';
import { container } from '#shared/container.ts';
import type { Route } from '#shared/http.ts';
import { integerParam, parseInput } from '#shared/validation.ts';
import { limited, limitedPerAddress, referenceParam, requireAccess } from './request-tracking.ts';

/** The rating of the case's latest answer: 1–5 as a number or a string, Arabic-Indic digits accepted. */
const body = z.object({
  rating: integerParam({
    min: 1,
    max: 5,
    message: { ar: 'التقييم رقم من 1 إلى 5.', en: 'The rating is a number from 1 to 5.' },
  }),
  channel: z.optional(z.enum(['sms', 'email'])),
});

export const RATING_ROUTES: Record<string, Route> = {
  'POST /v1/requests/{reference}/rating': async (req) => {
    const reference = referenceParam(req);
    await limitedPerAddress('publicLookups', req);
    await requireAccess(req, reference);
    const input = parseInput(body, req.body ?? {});
    await limited('updatesPerReference', reference);
    const outcome = await rateAnswer(
      reference,
      { rating: input.rating as Rating, channel: input.channel ?? 'web' },
      container(),
    );
    if (outcome.kind === 'not_found')
      throw new NotFoundError({ ar: 'لا يوجد بلاغ بهذا الرقم.', en: 'No request has this reference.' });
    if (outcome.kind === 'no_answer')
      throw new ConflictError({
        ar: 'لم يصل ردّ على هذا البلاغ بعد.',
        en: 'This request has not been answered yet.',
      });
    // A second tap is no error: the first rating of an answer stays, and the page thanks either way.
    return {
      status: outcome.kind === 'stored' ? 201 : 200,
      body: { reference, answer: outcome.answerId, stored: outcome.kind === 'stored' },
    };
  },
};
