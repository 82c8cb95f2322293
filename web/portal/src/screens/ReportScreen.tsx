import { lazy, Suspense, useEffect, useId, useMemo, useState } from 'react';
import { MAX_ATTACHMENTS } from '../../../../functions/core/attachments/policy.ts';
import { searchCategories } from '../../../../functions/core/catalogue/category-search.ts';
import { checkServiceArea, locateWilayat } from '../../../../functions/core/catalogue/geo.ts';
import { MUSCAT_SERVICE_AREA, WILAYATS } from '../../../../functions/core/catalogue/seed.ts';
import {
  ApiError,
  api,
  type Category,
  type NearbyRequest,
  type NewRequest,
  OfflineError,
  type PortalConfig,
  type ProcedureSummary,
  uploadFile,
} from '../api.ts';
import { formatDate, Ltr, pick, useLang, useT, When } from '../i18n.tsx';
import { enqueue } from '../offline-queue.ts';
import { downscale, photoLocation } from '../photos.ts';
import { onLinkClick, type ReportKind, type Route } from '../router.ts';

const MapPicker = lazy(() => import('../map/MapPicker.tsx'));

type Point = { lat: number; lng: number };
type Photo = { id: string; blob: Blob; preview: string; gps?: Point };

/** Which catalogue case types each entry of the home page offers first. */
const TYPES_OF: Record<ReportKind, readonly string[]> = {
  problem: ['report'],
  complaint: ['complaint'],
  suggestion: ['suggestion', 'compliment'],
  inquiry: ['inquiry', 'information_request'],
};
const TITLE_OF = {
  problem: 'kindProblem',
  complaint: 'kindComplaint',
  suggestion: 'kindSuggestion',
  inquiry: 'kindInquiry',
} as const;

type Outcome = { kind: 'sent'; reference: string } | { kind: 'queued' };

export default function ReportScreen({
  route,
  config,
}: {
  route: Extract<Route, { page: 'report' }>;
  config: PortalConfig;
}) {
  const t = useT();
  const lang = useLang();
  const ids = {
    search: useId(),
    text: useId(),
    photos: useId(),
    phone: useId(),
    email: useId(),
    gps: useId(),
  };
  const [categories, setCategories] = useState<Category[]>([]);
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState<Category | 'not_sure' | undefined>();
  const [procedures, setProcedures] = useState<ProcedureSummary[]>([]);
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [readGps, setReadGps] = useState(false);
  const [photoGps, setPhotoGps] = useState<Point | undefined>();
  const [location, setLocation] = useState<Point | undefined>();
  const [showMap, setShowMap] = useState(false);
  const [locating, setLocating] = useState<'idle' | 'busy' | 'failed'>('idle');
  const [nearby, setNearby] = useState<NearbyRequest[]>([]);
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [replyChannel, setReplyChannel] = useState<'sms' | 'email' | 'voice'>('sms');
  const [busy, setBusy] = useState<'' | 'uploading' | 'submitting'>('');
  const [error, setError] = useState('');
  const [outcome, setOutcome] = useState<Outcome | undefined>();

  // biome-ignore lint/correctness/useExhaustiveDependencies: categories load once per language.
  useEffect(() => {
    api.categories(lang).then(
      (r) => {
        setCategories(r.categories);
        const preset = r.categories.find((c) => c.code === route.category);
        if (preset) setCategory(preset);
      },
      () => setError(t('networkError')),
    );
  }, [lang]);

  // "Ask a question" from a procedure: the inquiry starts with the procedure's title.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per procedure, not per language switch.
  useEffect(() => {
    if (!route.procedure) return;
    api.procedure(lang, route.procedure).then(
      (p) => setText((s) => s || `${pick(p.title, lang)}: `),
      () => {},
    );
  }, [route.procedure]);

  const chosen = category && category !== 'not_sure' ? category : undefined;
  useEffect(() => {
    setProcedures([]);
    if (chosen)
      api.procedures(lang, '', chosen.code).then(
        (r) => setProcedures(r.procedures),
        () => {},
      );
  }, [chosen, lang]);

  // "Is this the same problem?": open reports nearby in the same category, before a duplicate is filed.
  useEffect(() => {
    setNearby([]);
    if (chosen && location)
      api.nearby(lang, chosen.code, location).then(
        (r) => setNearby(r.requests),
        () => {},
      );
  }, [chosen, location, lang]);

  const shown = useMemo(() => {
    if (query.trim()) return searchCategories(query, categories).slice(0, 8);
    return categories.filter((c) => TYPES_OF[route.kind].includes(c.type));
  }, [query, categories, route.kind]);

  const area = location ? checkServiceArea(location, MUSCAT_SERVICE_AREA, WILAYATS) : undefined;
  const wilayat = location && area === 'inside' ? locateWilayat(location, WILAYATS)?.wilayat : undefined;

  async function addPhotos(files: FileList | null) {
    for (const file of [...(files ?? [])].slice(0, MAX_ATTACHMENTS - photos.length)) {
      const gps = readGps ? await photoLocation(file) : undefined;
      const blob = await downscale(file).catch(() => undefined);
      if (!blob) continue;
      const photo: Photo = {
        id: crypto.randomUUID(),
        blob,
        preview: URL.createObjectURL(blob),
        ...(gps ? { gps } : {}),
      };
      setPhotos((p) => [...p, photo]);
      if (gps && !location) setPhotoGps(gps);
    }
  }

  function locateMe() {
    if (!navigator.geolocation) return setLocating('failed');
    setLocating('busy');
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocation({ lat: pos.coords.latitude, lng: pos.coords.longitude });
        setLocating('idle');
      },
      () => setLocating('failed'),
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setError('');
    const request: NewRequest = {
      text: text.trim(),
      language: lang,
      contact: {
        ...(phone.trim() ? { phone: phone.trim() } : {}),
        ...(email.trim() ? { email: email.trim() } : {}),
      },
      // SMS and call back need a phone: with only an e-mail, the answer goes there.
      replyChannel: !phone.trim() && email.trim() ? 'email' : replyChannel,
      ...(chosen ? { categoryCode: chosen.code } : {}),
      ...(location ? { location } : {}),
    };
    // One key per report, kept with it if it has to wait: a resend is the same report, never a second one.
    const key = crypto.randomUUID();
    const queue = async () => {
      await enqueue({
        key,
        request,
        photos: photos.map((p) => p.blob),
        uploaded: [],
        queuedAt: new Date().toISOString(),
      });
      window.dispatchEvent(new Event('nidaa:queued'));
      setOutcome({ kind: 'queued' });
    };
    if (!navigator.onLine) return queue();
    try {
      setBusy('uploading');
      const uploadIds: string[] = [];
      for (const photo of photos) uploadIds.push(await uploadFile(lang, photo.blob));
      setBusy('submitting');
      let answer = await api.submit(
        lang,
        { ...request, ...(uploadIds.length ? { attachments: uploadIds } : {}) },
        key,
      );
      for (let i = 0; !answer.reference && i < 3; i += 1) {
        await new Promise((r) => setTimeout(r, 2000));
        answer = await api.submit(lang, { ...request, attachments: uploadIds }, key);
      }
      if (answer.reference) setOutcome({ kind: 'sent', reference: answer.reference });
    } catch (err) {
      if (err instanceof OfflineError) await queue();
      else setError(err instanceof ApiError ? err.messages[lang] : t('networkError'));
    } finally {
      setBusy('');
    }
  }

  if (outcome) {
    return (
      <section className="card done" aria-labelledby="outcome-title">
        <h1 id="outcome-title" tabIndex={-1} ref={(h) => h?.focus()}>
          {outcome.kind === 'sent' ? t('sentTitle') : t('queuedTitle')}
        </h1>
        {outcome.kind === 'sent' ? (
          <>
            <p>
              {t('reference')}:{' '}
              <strong className="reference" data-field="new-reference">
                <Ltr>{outcome.reference}</Ltr>
              </strong>
            </p>
            <p>{t('sentBody')}</p>
            <p className="actions">
              <a className="button primary" href={`/track/${outcome.reference}`} onClick={onLinkClick}>
                {t('trackIt')}
              </a>
              <a className="button" href="/" onClick={onLinkClick}>
                {t('navHome')}
              </a>
            </p>
          </>
        ) : (
          <p data-field="queued">{t('queuedBody')}</p>
        )}
      </section>
    );
  }

  return (
    <form onSubmit={submit} className="report" noValidate>
      <h1>{t(TITLE_OF[route.kind])}</h1>

      <fieldset className="card">
        <legend>{t('stepCategory')}</legend>
        {chosen || category === 'not_sure' ? (
          <div className="chosen">
            <p>
              {t('chosenCategory')}:{' '}
              <strong data-field="category">{chosen ? pick(chosen.name, lang) : t('notSure')}</strong>
            </p>
            <button type="button" onClick={() => setCategory(undefined)}>
              {t('change')}
            </button>
            {procedures.length > 0 && (
              <div className="related">
                <h2 className="small-heading">{t('relatedProcedures')}</h2>
                <ul>
                  {procedures.map((p) => (
                    <li key={p.code}>
                      <a href={`/procedures/${p.code}`} onClick={onLinkClick}>
                        {pick(p.title, lang)}
                      </a>
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </div>
        ) : (
          <>
            <label htmlFor={ids.search}>{t('categorySearch')}</label>
            <input
              id={ids.search}
              type="search"
              value={query}
              placeholder={t('categorySearchHint')}
              onChange={(e) => setQuery(e.target.value)}
              data-field="category-search"
              autoComplete="off"
            />
            <ul className="choices" data-list="categories" aria-live="polite">
              {shown.map((c) => (
                <li key={c.code}>
                  <button
                    type="button"
                    className="choice"
                    data-category={c.code}
                    onClick={() => setCategory(c)}
                  >
                    {pick(c.name, lang)}
                  </button>
                </li>
              ))}
              {query.trim() && shown.length === 0 && <li className="muted">{t('noCategoryMatch')}</li>}
            </ul>
            <button
              type="button"
              className="link-button"
              onClick={() => setCategory('not_sure')}
              data-category="not_sure"
            >
              {t('notSure')}
            </button>
          </>
        )}
      </fieldset>

      <fieldset className="card">
        <legend>{t('description')}</legend>
        <label htmlFor={ids.text}>
          {t('description')} <span className="muted">{t('requiredField')}</span>
        </label>
        <p className="muted small" id={`${ids.text}-hint`}>
          {t('descriptionHint')}
        </p>
        <textarea
          id={ids.text}
          dir="auto"
          rows={4}
          required
          minLength={10}
          maxLength={2000}
          aria-describedby={`${ids.text}-hint`}
          value={text}
          onChange={(e) => setText(e.target.value)}
          data-field="text"
        />
      </fieldset>

      <fieldset className="card">
        <legend>{t('photos')}</legend>
        <p className="muted small" id={`${ids.photos}-hint`}>
          {t('photosHint', { n: MAX_ATTACHMENTS })}
        </p>
        <p className="check">
          <input
            id={ids.gps}
            type="checkbox"
            checked={readGps}
            onChange={(e) => setReadGps(e.target.checked)}
          />
          <label htmlFor={ids.gps}>{t('readPhotoGps')}</label>
        </p>
        {photos.length < MAX_ATTACHMENTS && (
          <p>
            <label htmlFor={ids.photos} className="button">
              {t('addPhoto')}
            </label>
            <input
              id={ids.photos}
              className="file-input"
              type="file"
              accept="image/jpeg,image/png,image/webp"
              multiple
              aria-describedby={`${ids.photos}-hint`}
              onChange={(e) => {
                void addPhotos(e.target.files);
                e.target.value = '';
              }}
              data-field="photos"
            />
          </p>
        )}
        {photos.length > 0 && (
          <ul className="thumbs">
            {photos.map((p, i) => (
              <li key={p.id}>
                <img src={p.preview} alt={`${t('photos')} ${i + 1}`} />
                <button
                  type="button"
                  aria-label={`${t('removePhoto')} ${i + 1}`}
                  onClick={() => setPhotos((all) => all.filter((x) => x.id !== p.id))}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        {photoGps && !location && (
          <fieldset className="prompt">
            <legend>{t('photoGpsAsk')}</legend>
            <button
              type="button"
              className="primary"
              onClick={() => {
                setLocation(photoGps);
                setPhotoGps(undefined);
              }}
              data-action="use-photo-gps"
            >
              {t('usePhotoGps')}
            </button>{' '}
            <button type="button" onClick={() => setPhotoGps(undefined)}>
              {t('no')}
            </button>
          </fieldset>
        )}
      </fieldset>

      <fieldset className="card">
        <legend>{t('location')}</legend>
        <p className="muted small">{t('locationConsent')}</p>
        <p className="actions">
          <button type="button" onClick={locateMe} data-action="gps">
            {t('useMyLocation')}
          </button>
          <button
            type="button"
            onClick={() => setShowMap(true)}
            aria-expanded={showMap}
            data-action="show-map"
          >
            {t('pickOnMap')}
          </button>
        </p>
        <div aria-live="polite">
          {locating === 'busy' && <p className="muted">{t('locating')}</p>}
          {locating === 'failed' && <p className="warn-text">{t('locationDenied')}</p>}
          {location && (
            <p data-field="location">
              {t('pinnedAt')}:{' '}
              <Ltr>
                {location.lat.toFixed(5)}, {location.lng.toFixed(5)}
              </Ltr>
              {wilayat && (
                <>
                  {' · '}
                  {t('wilayat')}: <strong data-field="wilayat">{pick(wilayat.name, lang)}</strong>
                </>
              )}{' '}
              <button type="button" className="link-button" onClick={() => setLocation(undefined)}>
                {t('clearLocation')}
              </button>
            </p>
          )}
          {area === 'outside' && (
            <p className="warn-text" role="alert">
              {t('outsideArea')}
            </p>
          )}
        </div>
        {showMap && (
          <Suspense fallback={<p className="muted">{t('loading')}</p>}>
            <MapPicker value={location} onChange={setLocation} config={config} />
          </Suspense>
        )}
      </fieldset>

      {nearby.length > 0 && (
        <section className="card same" aria-labelledby="same-title" data-section="nearby">
          <h2 id="same-title">{t('sameProblemTitle')}</h2>
          <p>{t('sameProblemIntro')}</p>
          <ul>
            {nearby.map((n) => (
              <li key={n.reference}>
                <a href={`/track/${n.reference}`} onClick={onLinkClick}>
                  <Ltr>{n.reference}</Ltr>
                </a>{' '}
                · {pick(n.statusLabel, lang)} · <Ltr>{Math.round(n.distanceMetres)}</Ltr> {t('metresAway')} ·{' '}
                {t('reportedOn')} <When>{formatDate(n.createdAt, lang)}</When>
              </li>
            ))}
          </ul>
        </section>
      )}

      <fieldset className="card">
        <legend>{t('contact')}</legend>
        <p className="muted small">{t('contactHint')}</p>
        <label htmlFor={ids.phone}>{t('phone')}</label>
        <input
          id={ids.phone}
          type="tel"
          dir="ltr"
          autoComplete="tel"
          inputMode="tel"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          data-field="phone"
        />
        <label htmlFor={ids.email}>{t('email')}</label>
        <input
          id={ids.email}
          type="email"
          dir="ltr"
          autoComplete="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          data-field="email"
        />
        <fieldset className="radios">
          <legend>{t('replyChannel')}</legend>
          {(['sms', 'email', 'voice'] as const).map((channel) => (
            <label key={channel} className="radio">
              <input
                type="radio"
                name="replyChannel"
                value={channel}
                checked={replyChannel === channel}
                onChange={() => setReplyChannel(channel)}
              />{' '}
              {t(channel === 'sms' ? 'replySms' : channel === 'email' ? 'replyEmail' : 'replyVoice')}
            </label>
          ))}
        </fieldset>
      </fieldset>

      {error && (
        <p className="error" role="alert" data-field="error">
          {error}
        </p>
      )}
      <p>
        <button type="submit" className="primary big" disabled={busy !== ''} data-action="submit">
          {busy === 'uploading' ? t('uploading') : busy === 'submitting' ? t('submitting') : t('submit')}
        </button>
      </p>
    </form>
  );
}
