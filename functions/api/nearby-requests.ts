import * as z from 'zod/mini';
import { STATUS_LABELS } from '#core/case/case.ts';
import { NEARBY_WINDOW_DAYS, nearbyOpenRequests } from '#core/case/nearby.ts';
import { checkServiceArea, locateWilayat } from '#core/catalogue/geo.ts';
import { routeCase } from '#core/catalogue/route.ts';
import { invalidField } from '#core/errors.ts';
import { toLatinDigits } from '#core/text/digits.ts';
import { container } from '#shared/container.ts';
import type { Route } from '#shared/http.ts';
import { msg, parseInput } from '#shared/validation.ts';

/** A coordinate as a query string carries it, Arabic-Indic digits accepted. */
const coordinate = (ar: string, en: string) =>
  z.pipe(
    z.pipe(
      z.string(msg({ ar, en })),
      z.transform((s) => Number(toLatinDigits(s.trim()))),
    ),
    z.number(msg({ ar, en })).check(z.refine(Number.isFinite, msg({ ar, en }))),
  );

const nearbyQuery = z.object({
  category: z.string(msg({ ar: 'الفئة مطلوبة.', en: 'A category is required.' })),
  lat: coordinate('خط العرض غير صحيح.', 'lat must be a number.'),
  lng: coordinate('خط الطول غير صحيح.', 'lng must be a number.'),
});

/**
 * `GET /v1/nearby-requests?category=&lat=&lng=`: open requests of a category near a point, for the
 * portal's "is this the same problem?" (docs/decisions/0097). Public, so it answers only what anyone may
 * know: reference, category, status, rounded distance and date — no text, contact or location.
 */
export const NEARBY_ROUTES: Record<string, Route> = {
  'GET /v1/nearby-requests': async (req) => {
    const c = container();
    const { category, lat, lng } = parseInput(nearbyQuery, req.query);
    const known = c.catalogue.categories.find((cat) => cat.code === category);
    if (!known)
      throw invalidField('category', { ar: 'الفئة غير معروفة.', en: `Unknown category "${category}".` });
    const at = { lat, lng };
    if (checkServiceArea(at, c.catalogue.serviceArea, c.catalogue.wilayats) !== 'inside') {
      throw invalidField('location', {
        ar: 'الموقع خارج نطاق خدمة البلدية.',
        en: 'The location is outside the municipality’s service area.',
      });
    }
    // The department a new report here would go to is the one whose recent cases can be its duplicates.
    const wilayatCode = locateWilayat(at, c.catalogue.wilayats)?.wilayat.code;
    const department = routeCase(
      { categoryCode: category, ...(wilayatCode ? { wilayatCode } : {}) },
      c.catalogue,
    );
    const since = new Date(c.clock.now().getTime() - NEARBY_WINDOW_DAYS * 24 * 3600_000).toISOString();
    const recent = await c.cases.listByDepartmentSince(department, since, 200);
    const requests = nearbyOpenRequests(at, category, recent).map((r) => ({
      ...r,
      statusLabel: STATUS_LABELS[r.status],
      category: known.name,
    }));
    return { status: 200, body: { requests }, headers: { 'cache-control': 'no-store' } };
  },
};
