import { useCallback, useEffect, useId, useState } from 'react';
import { parseReference } from '../../../../functions/core/case/reference.ts';
import { forgetToken, storeToken, takeTokenFromUrl } from '../access-token.ts';
import { ApiError, api, type TrackedRequest, type TrackedStep, uploadFile } from '../api.ts';
import { formatDate, Ltr, pick, Quote, type StringKey, useLang, useT, When } from '../i18n.tsx';
import { downscale } from '../photos.ts';
import { navigate, onLinkClick } from '../router.ts';
import { TrackForm } from './Home.tsx';

/** The words for each public step; a status step names its status itself. */
const STEP_LABELS: Record<TrackedStep['step'], StringKey> = {
  received: 'stepReceived',
  status: 'stepStatus',
  message_sent: 'stepMessageSent',
  citizen_wrote: 'stepCitizenWrote',
  merged: 'stepMerged',
};

export default function TrackScreen({
  reference: typed,
  referencePrefix,
}: {
  reference: string | undefined;
  referencePrefix: string;
}) {
  const t = useT();
  const lang = useLang();
  // With or without the display prefix, digits in any script, any separators.
  const parsed = typed ? parseReference(typed, [referencePrefix]) : undefined;
  const reference = parsed?.ok ? parsed.reference : undefined;
  const [token, setToken] = useState<string | undefined>();
  const [request, setRequest] = useState<TrackedRequest | undefined>();
  const [error, setError] = useState('');

  // A reference typed with Arabic-Indic digits or other separators gets its canonical address.
  useEffect(() => {
    if (reference && typed !== reference) navigate(`/track/${reference}${location.hash}`);
  }, [reference, typed]);

  const load = useCallback(
    async (withToken: string | undefined) => {
      if (!reference) return;
      try {
        setRequest(await api.track(lang, reference, withToken));
        setError('');
      } catch (err) {
        if (err instanceof ApiError && withToken && (err.status === 401 || err.status === 403)) {
          // An expired or revoked link: show the public view and offer a code.
          forgetToken(reference);
          setToken(undefined);
          return load(undefined);
        }
        setError(err instanceof ApiError ? err.messages[lang] : t('networkError'));
      }
    },
    [reference, lang, t],
  );

  useEffect(() => {
    if (!reference) return;
    const found = takeTokenFromUrl(reference);
    setToken(found);
    void load(found);
  }, [reference, load]);

  return (
    <>
      <h1 tabIndex={-1}>{t('trackTitle')}</h1>
      {!typed && <TrackForm />}
      {typed && parsed && !parsed.ok && (
        <>
          <p className="error" role="alert">
            {t('requestNotFound')}
          </p>
          <TrackForm />
        </>
      )}
      {error && (
        <p className="error" role="alert" data-field="error">
          {error}
        </p>
      )}
      {request && (
        <RequestView
          request={request}
          token={token}
          onToken={(newToken) => {
            if (!reference) return;
            storeToken(reference, newToken);
            setToken(newToken);
            void load(newToken);
          }}
          reload={() => load(token)}
        />
      )}
    </>
  );
}

function RequestView({
  request,
  token,
  onToken,
  reload,
}: {
  request: TrackedRequest;
  token: string | undefined;
  onToken: (token: string) => void;
  reload: () => void;
}) {
  const t = useT();
  const lang = useLang();
  return (
    <>
      <section className="card" aria-labelledby="request-title" data-request={request.reference}>
        <h2 id="request-title">
          {t('reference')}: <Ltr>{request.reference}</Ltr>
        </h2>
        <dl className="facts">
          <dt>{t('status')}</dt>
          <dd data-field="status">
            <span className={`status status-${request.status}`}>
              {pick(request.statusLabel, lang, request.status)}
            </span>
          </dd>
          {request.category && (
            <>
              <dt>{t('category')}</dt>
              <dd data-field="category">{pick(request.category, lang)}</dd>
            </>
          )}
          {request.department && (
            <>
              <dt>{t('department')}</dt>
              <dd data-field="department">{pick(request.department, lang)}</dd>
            </>
          )}
          <dt>{t('created')}</dt>
          <dd>
            <When>{formatDate(request.createdAt, lang)}</When>
          </dd>
          {request.updatedAt && (
            <>
              <dt>{t('updated')}</dt>
              <dd>
                <When>{formatDate(request.updatedAt, lang)}</When>
              </dd>
            </>
          )}
        </dl>
        {request.mergedInto && (
          <p>
            {t('mergedInto')}{' '}
            <a href={`/track/${request.mergedInto}`} onClick={onLinkClick}>
              <Ltr>{request.mergedInto}</Ltr>
            </a>
          </p>
        )}
      </section>
      {request.answer && (
        <section className="card answer" aria-labelledby="answer-title">
          <h2 id="answer-title">{t('answer')}</h2>
          <p data-field="answer">
            <Quote>{request.answer}</Quote>
          </p>
        </section>
      )}
      {request.timeline && request.timeline.length > 0 && (
        <section className="card" aria-labelledby="steps-title">
          <h2 id="steps-title">{t('steps')}</h2>
          <ol className="steps" data-list="steps">
            {request.timeline.map((step) => (
              <li key={`${step.at}-${step.step}-${step.text?.slice(0, 20)}`}>
                <bdi className="muted small">{formatDate(step.at, lang)}</bdi>{' '}
                <span>{step.statusLabel ? pick(step.statusLabel, lang) : t(STEP_LABELS[step.step])}</span>
                {step.step === 'merged' && step.into && (
                  <>
                    {' '}
                    <a href={`/track/${step.into}`} onClick={onLinkClick} data-field="merged-step-into">
                      <Ltr>{step.into}</Ltr>
                    </a>
                  </>
                )}
                {step.text && (
                  <p>
                    <Quote>{step.text}</Quote>
                  </p>
                )}
              </li>
            ))}
          </ol>
        </section>
      )}
      {(['department', 'citizen'] as const).map((by) => {
        // The department's photos (work done), and the citizen's own, each under its own heading.
        const photos = (request.photos ?? []).filter((p) => (p.addedBy ?? 'department') === by);
        if (photos.length === 0) return null;
        const title = by === 'department' ? t('departmentPhotos') : t('yourPhotos');
        return (
          <section key={by} className="card" aria-labelledby={`photos-${by}`}>
            <h2 id={`photos-${by}`}>{title}</h2>
            <ul className="thumbs">
              {photos.map((p, i) => (
                <li key={p.url}>
                  <img src={p.url} alt={`${title} ${i + 1}`} />
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      {token ? (
        <CitizenActions request={request} token={token} reload={reload} />
      ) : (
        <AccessByCode reference={request.reference} onToken={onToken} />
      )}
    </>
  );
}

function AccessByCode({ reference, onToken }: { reference: string; onToken: (token: string) => void }) {
  const t = useT();
  const lang = useLang();
  const id = useId();
  const [sent, setSent] = useState(false);
  const [code, setCode] = useState('');
  const [error, setError] = useState('');
  const fail = (err: unknown) => setError(err instanceof ApiError ? err.messages[lang] : t('networkError'));
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('addInfo')}</h2>
      <p className="muted">{t('privateHint')}</p>
      {!sent ? (
        <button
          type="button"
          data-action="send-code"
          onClick={() => api.requestCode(lang, reference).then(() => setSent(true), fail)}
        >
          {t('sendCode')}
        </button>
      ) : (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            api.redeemCode(lang, reference, code.trim()).then((r) => onToken(r.token), fail);
          }}
        >
          <p aria-live="polite">{t('codeSent')}</p>
          <label htmlFor={id}>{t('code')}</label>
          <div className="row">
            <input
              id={id}
              dir="ltr"
              inputMode="numeric"
              autoComplete="one-time-code"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              data-field="code"
            />
            <button type="submit" className="primary">
              {t('verify')}
            </button>
          </div>
        </form>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

function CitizenActions({
  request,
  token,
  reload,
}: {
  request: TrackedRequest;
  token: string;
  reload: () => void;
}) {
  const t = useT();
  const lang = useLang();
  const ids = { text: useId(), photo: useId(), reason: useId() };
  const [text, setText] = useState('');
  const [photo, setPhoto] = useState<File | undefined>();
  const [reason, setReason] = useState('');
  const [done, setDone] = useState('');
  const [error, setError] = useState('');
  const fail = (err: unknown) => setError(err instanceof ApiError ? err.messages[lang] : t('networkError'));
  const canReopen =
    request.canReopen ?? (request.reopenUntil ? Date.parse(request.reopenUntil) > Date.now() : false);

  async function addInfo(e: React.FormEvent) {
    e.preventDefault();
    setError('');
    try {
      const uploadIds = photo ? [await uploadFile(lang, await downscale(photo))] : [];
      await api.addUpdate(lang, request.reference, token, {
        ...(text.trim() ? { text: text.trim() } : {}),
        ...(uploadIds.length ? { uploadIds } : {}),
      });
      setText('');
      setPhoto(undefined);
      setDone(t('addInfoDone'));
      reload();
    } catch (err) {
      fail(err);
    }
  }

  return (
    <>
      <form className="card" onSubmit={addInfo} aria-labelledby={`${ids.text}-title`} data-form="update">
        <h2 id={`${ids.text}-title`}>{t('addInfo')}</h2>
        <label htmlFor={ids.text}>{t('addInfoText')}</label>
        <textarea id={ids.text} dir="auto" rows={3} value={text} onChange={(e) => setText(e.target.value)} />
        <label htmlFor={ids.photo}>{t('addPhoto')}</label>
        <input
          id={ids.photo}
          type="file"
          accept="image/jpeg,image/png,image/webp"
          onChange={(e) => setPhoto(e.target.files?.[0])}
        />
        <p>
          <button type="submit" className="primary" disabled={!text.trim() && !photo}>
            {t('send')}
          </button>
        </p>
      </form>
      {canReopen && (
        <form
          className="card"
          data-form="reopen"
          aria-labelledby={`${ids.reason}-title`}
          onSubmit={(e) => {
            e.preventDefault();
            api.reopen(lang, request.reference, token, reason.trim()).then(() => {
              setDone(t('reopenDone'));
              reload();
            }, fail);
          }}
        >
          <h2 id={`${ids.reason}-title`}>{t('reopen')}</h2>
          {request.reopenUntil && (
            <p className="muted small">
              {t('reopenUntil')} <When>{formatDate(request.reopenUntil, lang)}</When>
            </p>
          )}
          <label htmlFor={ids.reason}>{t('reopenReason')}</label>
          <textarea
            id={ids.reason}
            dir="auto"
            rows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <p>
            <button type="submit" disabled={reason.trim().length < 3}>
              {t('reopen')}
            </button>
          </p>
        </form>
      )}
      <div aria-live="polite">
        {done && <p className="ok-text">{done}</p>}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </div>
    </>
  );
}
