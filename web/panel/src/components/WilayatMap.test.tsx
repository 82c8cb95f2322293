// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { WILAYATS } from '../../../../functions/core/catalogue/seed.ts';
import { render } from '../test/render.tsx';
import { projection, WilayatMap } from './WilayatMap.tsx';

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

describe('WilayatMap (offline)', () => {
  it('projects every wilayat centre inside the drawing, north up and east right', () => {
    const project = projection(WILAYATS);
    for (const w of WILAYATS) {
      const p = project(w.centre);
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.x).toBeLessThanOrEqual(320);
      expect(p.y).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeLessThanOrEqual(220);
    }
    const north = project({ lat: 23.7, lng: 58.4 });
    const south = project({ lat: 23.5, lng: 58.4 });
    const east = project({ lat: 23.6, lng: 58.6 });
    expect(north.y).toBeLessThan(south.y);
    expect(east.x).toBeGreaterThan(north.x);
  });

  it('draws the wilayats with Arabic names, marks the case’s wilayat and point, and works without any network', async () => {
    const bawshar = WILAYATS.find((w) => w.code === 'bawshar');
    const view = await render(
      <WilayatMap wilayats={WILAYATS} location={{ lat: 23.58, lng: 58.4, wilayatCode: 'bawshar' }} />,
    );
    unmount = view.unmount;
    expect(view.container.querySelectorAll('.map-dot')).toHaveLength(WILAYATS.length);
    expect(view.container.querySelector('text.map-wilayat.current')?.textContent).toBe(bawshar?.name.ar);
    const point = view.container.querySelector('[data-testid="case-point"]');
    const centre = projection(WILAYATS, { lat: 23.58, lng: 58.4 })({ lat: 23.58, lng: 58.4 });
    expect(Number(point?.getAttribute('cx'))).toBeCloseTo(centre.x);
    expect(view.container.querySelector('figcaption bdi')?.textContent).toBe('23.5800, 58.4000');
    expect(view.container.querySelector('image, [href^="http"]')).toBeNull();
  });

  it('says so when the citizen gave no location', async () => {
    const view = await render(<WilayatMap wilayats={WILAYATS} />, 'en');
    unmount = view.unmount;
    expect(view.container.textContent).toBe('The citizen gave no location.');
  });
});
