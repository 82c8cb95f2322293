import type { Location } from '../../../../functions/core/case/case.ts';
import type { Wilayat } from '../../../../functions/core/catalogue/types.ts';
import { Citizen, pick, useLang, useT } from '../i18n.tsx';

const WIDTH = 320;
const HEIGHT = 220;
const PAD = 28;

/**
 * An offline map: the wilayat centres from the catalogue, projected on a plain equirectangular grid
 * (fine over Muscat's ~100 km), and the case's point. No tiles, no network: it renders the same in
 * tests, in the agent workspace and on a tablet in the field.
 */
export function projection(wilayats: readonly Wilayat[], point?: { lat: number; lng: number }) {
  const lats = [...wilayats.map((w) => w.centre.lat), ...(point ? [point.lat] : [])];
  const lngs = [...wilayats.map((w) => w.centre.lng), ...(point ? [point.lng] : [])];
  const [minLat, maxLat, minLng, maxLng] = [
    Math.min(...lats),
    Math.max(...lats),
    Math.min(...lngs),
    Math.max(...lngs),
  ];
  // Same scale on both axes (degrees of longitude shortened by cos(latitude)), centred in the box.
  const cos = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLng - minLng) * cos, 0.01);
  const spanY = Math.max(maxLat - minLat, 0.01);
  const scale = Math.min((WIDTH - 2 * PAD) / spanX, (HEIGHT - 2 * PAD) / spanY);
  const offsetX = (WIDTH - spanX * scale) / 2;
  const offsetY = (HEIGHT - spanY * scale) / 2;
  return (p: { lat: number; lng: number }) => ({
    x: offsetX + (p.lng - minLng) * cos * scale,
    y: HEIGHT - (offsetY + (p.lat - minLat) * scale),
  });
}

/** Puts a name under its dot when, above it, it would cover the case's point or a neighbour's name. */
function placeLabels<T extends { c: { x: number; y: number } }>(
  items: T[],
  obstacles: { x: number; y: number }[],
): (T & { below: boolean })[] {
  const placed = [...obstacles];
  return items.map((item) => {
    const above = { x: item.c.x, y: item.c.y - 7 };
    const clash = placed.some((p) => Math.abs(p.x - above.x) < 45 && Math.abs(p.y - above.y) < 12);
    const at = clash ? { x: item.c.x, y: item.c.y + 15 } : above;
    placed.push(at);
    return { ...item, below: clash };
  });
}

export function WilayatMap({ wilayats, location }: { wilayats: readonly Wilayat[]; location?: Location }) {
  const lang = useLang();
  const t = useT();
  if (!location) return <p className="muted">{t('noLocation')}</p>;
  const project = projection(wilayats, location);
  const point = project(location);
  return (
    <figure className="map">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={t('location')}>
        <rect width={WIDTH} height={HEIGHT} rx="8" className="map-sea" />
        {/* Dots, then the case's point over them, then the names over both (with a halo): none is hidden. */}
        {wilayats.map((w) => {
          const c = project(w.centre);
          return <circle key={w.code} cx={c.x} cy={c.y} r="4" className="map-dot" />;
        })}
        <circle cx={point.x} cy={point.y} r="7" className="map-point" data-testid="case-point" />
        {placeLabels(
          wilayats.map((w) => ({ w, c: project(w.centre) })),
          [point],
        ).map(({ w, c, below }) => (
          <text
            key={w.code}
            x={c.x}
            y={below ? c.y + 15 : c.y - 7}
            textAnchor="middle"
            className={w.code === location.wilayatCode ? 'map-wilayat current' : 'map-wilayat'}
          >
            {pick(w.name, lang)}
          </text>
        ))}
      </svg>
      <figcaption>
        {location.address ? (
          <>
            <Citizen>{location.address}</Citizen>
            {' · '}
          </>
        ) : null}
        <bdi dir="ltr">
          {location.lat.toFixed(4)}, {location.lng.toFixed(4)}
        </bdi>
        <br />
        <small className="muted">{t('mapCaption')}</small>
      </figcaption>
    </figure>
  );
}
