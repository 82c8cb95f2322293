import type { Location } from '../../../../functions/core/case/case.ts';
import type { Wilayat } from '../../../../functions/core/catalogue/types.ts';
import { pick, useLang, useT } from '../i18n.tsx';

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
        {wilayats.map((w) => {
          const c = project(w.centre);
          return (
            <g
              key={w.code}
              className={w.code === location.wilayatCode ? 'map-wilayat current' : 'map-wilayat'}
            >
              <circle cx={c.x} cy={c.y} r="4" />
              <text x={c.x} y={c.y - 7} textAnchor="middle">
                {pick(w.name, lang)}
              </text>
            </g>
          );
        })}
        <circle cx={point.x} cy={point.y} r="7" className="map-point" data-testid="case-point" />
      </svg>
      <figcaption>
        {location.address ? <span>{location.address} · </span> : null}
        <bdi dir="ltr">
          {location.lat.toFixed(4)}, {location.lng.toFixed(4)}
        </bdi>
        <br />
        <small className="muted">{t('mapCaption')}</small>
      </figcaption>
    </figure>
  );
}
