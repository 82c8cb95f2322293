import { useId, useState } from 'react';
import { type StringKey, useT } from '../i18n.tsx';
import { navigate, onLinkClick } from '../router.ts';

const KINDS: { kind: string; title: StringKey; hint: StringKey; icon: string }[] = [
  { kind: 'problem', title: 'kindProblem', hint: 'kindProblemHint', icon: '⚠' },
  { kind: 'complaint', title: 'kindComplaint', hint: 'kindComplaintHint', icon: '✉' },
  { kind: 'suggestion', title: 'kindSuggestion', hint: 'kindSuggestionHint', icon: '✦' },
  { kind: 'inquiry', title: 'kindInquiry', hint: 'kindInquiryHint', icon: '?' },
];

/** Where a track form goes: the reference as typed; the tracking screen parses and checks it. */
export function TrackForm() {
  const t = useT();
  const id = useId();
  const [reference, setReference] = useState('');
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (reference.trim()) navigate(`/track/${encodeURIComponent(reference.trim())}`);
      }}
    >
      <label htmlFor={id}>{t('reference')}</label>
      <p className="muted small" id={`${id}-hint`}>
        {t('trackHint')}
      </p>
      <div className="row">
        <input
          id={id}
          name="reference"
          inputMode="text"
          autoComplete="off"
          dir="ltr"
          aria-describedby={`${id}-hint`}
          value={reference}
          onChange={(e) => setReference(e.target.value)}
          data-field="reference"
        />
        <button type="submit" className="primary">
          {t('show')}
        </button>
      </div>
    </form>
  );
}

export function Home() {
  const t = useT();
  return (
    <>
      <h1>{t('homeTitle')}</h1>
      <p className="lead">{t('homeIntro')}</p>
      <ul className="kinds">
        {KINDS.map((k) => (
          <li key={k.kind}>
            <a className="kind" href={`/report?kind=${k.kind}`} onClick={onLinkClick} data-kind={k.kind}>
              <span className="kind-icon" aria-hidden="true">
                {k.icon}
              </span>
              <span>
                <strong>{t(k.title)}</strong>
                <span className="muted small">{t(k.hint)}</span>
              </span>
            </a>
          </li>
        ))}
      </ul>
      <section className="card" aria-labelledby="home-track">
        <h2 id="home-track">{t('trackTitle')}</h2>
        <TrackForm />
      </section>
    </>
  );
}
