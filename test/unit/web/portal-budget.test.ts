import { beforeAll, describe, expect, it } from 'vitest';
import { measurePortal, PORTAL_INITIAL_JS_BUDGET, type PortalBundle } from '../../../bench/portal-bundle.ts';
import { ensurePortalBuilt } from '../../../local/panel-assets.ts';

let bundle: PortalBundle;
beforeAll(async () => {
  await ensurePortalBuilt();
  bundle = measurePortal();
}, 120_000);

describe('the portal’s first screen on a slow phone', () => {
  it('loads at most 100 KB of JavaScript (gzip)', () => {
    expect(bundle.initialGzipBytes).toBeGreaterThan(10_000);
    expect(bundle.initialGzipBytes).toBeLessThanOrEqual(PORTAL_INITIAL_JS_BUDGET);
  });

  it('leaves the map, the photo metadata reader and the other screens to load on demand', () => {
    const initial = bundle.initial.map((c) => c.file).join(' ');
    for (const lazy of ['MapPicker', 'ReportScreen', 'TrackScreen', 'ProceduresScreen', 'full.esm']) {
      expect(initial).not.toContain(lazy);
      expect(
        bundle.lazy.some((c) => c.file.includes(lazy)),
        lazy,
      ).toBe(true);
    }
  });
});
