/**
 * Where the problem is: a MapLibre map to place a pin on, with a search by place name. Loaded on demand
 * (MapLibre is ~220 KB gzip), never on the first screen. The style is Amazon Location Service's in AWS
 * (an API key restricted to the portal's domain, no third-party keys) and the offline sketch locally.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useId, useRef, useState } from 'react';
import { searchCategories } from '../../../../functions/core/catalogue/category-search.ts';
import type { PortalConfig } from '../api.ts';
import { pick, useLang, useT } from '../i18n.tsx';
import { MUSCAT_PLACES, type Place } from '../places/muscat-places.ts';
import { OFFLINE_STYLE } from './offline-style.ts';

maplibregl.setWorkerUrl(workerUrl);

export type Point = { lat: number; lng: number };
type Found = { key: string; label: string; lat: number; lng: number };

const MUSCAT_CENTRE: [number, number] = [58.42, 23.59];

function styleFor(config: PortalConfig): string | maplibregl.StyleSpecification {
  if (config.map.kind !== 'amazon-location') return OFFLINE_STYLE;
  const { region, style, apiKey } = config.map;
  return `https://maps.geo.${region}.amazonaws.com/v2/styles/${style}/descriptor?key=${encodeURIComponent(apiKey)}`;
}

/** Amazon Location's place search (geo-places SearchText), biased to Muscat, in the page's language. */
async function searchAmazonLocation(
  config: PortalConfig,
  query: string,
  lang: 'ar' | 'en',
): Promise<Found[]> {
  if (config.map.kind !== 'amazon-location') return [];
  const { region, apiKey } = config.map;
  const res = await fetch(
    `https://places.geo.${region}.amazonaws.com/v2/search-text?key=${encodeURIComponent(apiKey)}`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ QueryText: query, BiasPosition: MUSCAT_CENTRE, MaxResults: 5, Language: lang }),
    },
  );
  if (!res.ok) return [];
  const body = (await res.json()) as {
    ResultItems?: { PlaceId: string; Title: string; Position?: [number, number] }[];
  };
  return (body.ResultItems ?? [])
    .filter((r) => r.Position)
    .map((r) => ({
      key: r.PlaceId,
      label: r.Title,
      lng: (r.Position as [number, number])[0],
      lat: (r.Position as [number, number])[1],
    }));
}

export default function MapPicker({
  value,
  onChange,
  config,
}: {
  value: Point | undefined;
  onChange: (point: Point) => void;
  config: PortalConfig;
}) {
  const lang = useLang();
  const t = useT();
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<maplibregl.Map | null>(null);
  const pin = useRef<maplibregl.Marker | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Found[]>([]);
  const [searched, setSearched] = useState(false);
  const searchId = useId();

  // biome-ignore lint/correctness/useExhaustiveDependencies: built once per language and style; the pin follows `value` below.
  useEffect(() => {
    if (!container.current) return;
    const m = new maplibregl.Map({
      container: container.current,
      style: styleFor(config),
      center: value ? [value.lng, value.lat] : MUSCAT_CENTRE,
      zoom: value ? 14 : 10,
      minZoom: 8,
      maxBounds: [
        [57.6, 22.4],
        [59.6, 24.1],
      ],
      attributionControl: config.map.kind === 'amazon-location' ? {} : false,
    });
    m.addControl(new maplibregl.NavigationControl({ showCompass: false }));
    m.getCanvas().setAttribute('aria-label', t('mapLabel'));
    m.on('click', (e) => onChangeRef.current({ lat: e.lngLat.lat, lng: e.lngLat.lng }));
    // Names as HTML labels: the browser shapes Arabic, and the offline style needs no glyph server.
    if (config.map.kind !== 'amazon-location') {
      for (const p of MUSCAT_PLACES.filter((p) => p.kind !== 'landmark')) {
        const label = document.createElement('span');
        label.className = `map-label map-label-${p.kind}`;
        label.textContent = pick(p.name, lang);
        label.setAttribute('aria-hidden', 'true');
        new maplibregl.Marker({ element: label }).setLngLat([p.lng, p.lat]).addTo(m);
      }
    }
    // District names only once zoomed in enough for them not to pile up.
    const showDistricts = () => container.current?.classList.toggle('districts-shown', m.getZoom() >= 11.5);
    m.on('zoom', showDistricts);
    showDistricts();
    map.current = m;
    return () => {
      m.remove();
      map.current = null;
      pin.current = null;
    };
  }, [config, lang]);

  useEffect(() => {
    const m = map.current;
    if (!m) return;
    if (!value) {
      pin.current?.remove();
      pin.current = null;
      return;
    }
    if (!pin.current) {
      pin.current = new maplibregl.Marker({ color: '#b42318', draggable: true })
        .setLngLat([value.lng, value.lat])
        .addTo(m);
      pin.current.getElement().setAttribute('aria-label', t('pinnedAt'));
      pin.current.on('dragend', () => {
        const at = pin.current?.getLngLat();
        if (at) onChangeRef.current({ lat: at.lat, lng: at.lng });
      });
    } else {
      pin.current.setLngLat([value.lng, value.lat]);
    }
    // A pin from the phone's GPS or a photo may be off screen; one placed by a tap never is.
    if (!m.getBounds().contains([value.lng, value.lat])) {
      m.jumpTo({ center: [value.lng, value.lat], zoom: Math.max(m.getZoom(), 13) });
    }
  }, [value, t]);

  async function search() {
    const local: Found[] = searchCategories(query, MUSCAT_PLACES)
      .slice(0, 6)
      .map((p: Place) => ({ key: p.code, label: pick(p.name, lang), lat: p.lat, lng: p.lng }));
    setFound(local);
    setSearched(true);
    if (local.length === 0) setFound(await searchAmazonLocation(config, query, lang).catch(() => []));
  }

  function pinCentre() {
    const centre = map.current?.getCenter();
    if (centre) onChange({ lat: centre.lat, lng: centre.lng });
  }

  function choose(place: Found) {
    setFound([]);
    setSearched(false);
    setQuery(place.label);
    onChange({ lat: place.lat, lng: place.lng });
    map.current?.jumpTo({ center: [place.lng, place.lat], zoom: 13 });
  }

  return (
    <div className="map-picker">
      {/* Not a <form>: the picker sits inside the report's form, and Enter must search, not submit it. */}
      <div className="inline-form">
        <label htmlFor={searchId}>{t('placeSearch')}</label>
        <div className="row">
          <input
            id={searchId}
            type="search"
            value={query}
            placeholder={t('placeSearchHint')}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key !== 'Enter') return;
              e.preventDefault();
              void search();
            }}
            data-field="place-search"
          />
          <button type="button" onClick={() => void search()} data-action="place-search">
            {t('show')}
          </button>
        </div>
      </div>
      {found.length > 0 && (
        <ul className="choices" data-list="places">
          {found.map((p) => (
            <li key={p.key}>
              <button type="button" className="choice" onClick={() => choose(p)}>
                {p.label}
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="muted small" aria-live="polite">
        {searched && found.length === 0 ? t('noPlace') : ''}
      </p>
      <div ref={container} className="map" data-map="picker" />
      {/* Without a pointer: move the map with the arrow keys (or search), then pin its centre. */}
      <p>
        <button type="button" onClick={pinCentre} data-action="pin-centre">
          {t('pinCentre')}
        </button>
      </p>
    </div>
  );
}
