import { useEffect, useId, useState } from 'react';
import { ApiError, api, type ProcedureDetail, type ProcedureSummary } from '../api.ts';
import { Ltr, pick, useLang, useT } from '../i18n.tsx';
import { onLinkClick } from '../router.ts';

export default function ProceduresScreen({ code }: { code: string | undefined }) {
  return code ? <Procedure code={code} /> : <ProcedureList />;
}

function ProcedureList() {
  const t = useT();
  const lang = useLang();
  const id = useId();
  const [query, setQuery] = useState('');
  const [procedures, setProcedures] = useState<ProcedureSummary[] | undefined>();
  const [error, setError] = useState('');

  useEffect(() => {
    // Searched by the API (the same bilingual search the IVR and SMS use), a moment after typing stops.
    const timer = setTimeout(() => {
      api.procedures(lang, query.trim()).then(
        (r) => setProcedures(r.procedures),
        (err) => setError(err instanceof ApiError ? err.messages[lang] : t('networkError')),
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [query, lang, t]);

  return (
    <>
      <h1>{t('proceduresTitle')}</h1>
      <form className="inline-form" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor={id}>{t('proceduresSearch')}</label>
        <input
          id={id}
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          data-field="procedure-search"
        />
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!procedures && <p className="muted">{t('loading')}</p>}
      <div aria-live="polite">{procedures?.length === 0 && <p>{t('noProcedures')}</p>}</div>
      <ul className="procedures" data-list="procedures">
        {procedures?.map((p) => (
          <li key={p.code} className="card">
            <h2>
              <a href={`/procedures/${p.code}`} onClick={onLinkClick}>
                {pick(p.title, lang)}
              </a>
            </h2>
            <p>{pick(p.summary, lang)}</p>
            <p className="muted small">
              {t('fees')}: {pick(p.fees, lang)} · {t('expectedTime')}: {pick(p.expectedTime, lang)}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}

function List({ title, items }: { title: string; items: string[] }) {
  if (items.length === 0) return null;
  return (
    <>
      <h2>{title}</h2>
      <ul>
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </>
  );
}

function Procedure({ code }: { code: string }) {
  const t = useT();
  const lang = useLang();
  const [procedure, setProcedure] = useState<ProcedureDetail | undefined>();
  const [error, setError] = useState('');
  useEffect(() => {
    api
      .procedure(lang, code)
      .then(setProcedure, (err) =>
        setError(err instanceof ApiError ? err.messages[lang] : t('networkError')),
      );
  }, [code, lang, t]);
  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!procedure) return <p className="muted">{t('loading')}</p>;
  const category = procedure.categoryCodes[0];
  const ask = `/report?kind=inquiry&procedure=${procedure.code}${category ? `&category=${category}` : ''}`;
  return (
    <article className="card procedure">
      <p>
        <a href="/procedures" onClick={onLinkClick}>
          {t('proceduresTitle')}
        </a>
      </p>
      <h1>{pick(procedure.title, lang)}</h1>
      <p className="lead">{pick(procedure.summary, lang)}</p>
      <dl className="facts">
        <dt>{t('fees')}</dt>
        <dd>{pick(procedure.fees, lang)}</dd>
        <dt>{t('expectedTime')}</dt>
        <dd>{pick(procedure.expectedTime, lang)}</dd>
        <dt>{t('whereToApply')}</dt>
        <dd>{pick(procedure.whereToApply, lang)}</dd>
      </dl>
      <List title={t('requirements')} items={procedure.requirements[lang]} />
      <List title={t('documents')} items={procedure.documents[lang]} />
      <h2>{t('procedureSteps')}</h2>
      <ol>
        {procedure.steps[lang].map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <p className="muted small">
        <Ltr>{procedure.lastReviewed}</Ltr>
      </p>
      <p>
        <a className="button primary" href={ask} onClick={onLinkClick} data-action="ask">
          {t('askQuestion')}
        </a>
      </p>
    </article>
  );
}
