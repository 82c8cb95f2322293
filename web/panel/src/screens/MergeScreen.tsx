import { useEffect, useState } from 'react';
import type { CaseWithTimeline } from '../api.ts';
import { RegionBoundary } from '../components/RegionBoundary.tsx';
import { Citizen, CitizenBlock, Ltr, useLang, useT } from '../i18n.tsx';
import { go, href } from '../router.ts';
import { useSession } from '../session.tsx';
import { CaseFacts, CaseSubject, messageOf } from './CaseScreen.tsx';

/**
 * Side by side: the duplicate and the primary, then the merge (POST /v1/cases/{duplicate}/merge with
 * `{ into, reason }`). The duplicate closes into the primary; its citizen follows the primary's answer.
 */
export function MergeScreen({ duplicate, primary }: { duplicate: string; primary: string }) {
  const session = useSession();
  const t = useT();
  const lang = useLang();
  const [cases, setCases] = useState<[CaseWithTimeline, CaseWithTimeline]>();
  const [error, setError] = useState<string>();
  const [reason, setReason] = useState(() => sessionStorage.getItem('nidaa.panel.mergeReason') ?? '');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    Promise.all([session.api.getCase(duplicate), session.api.getCase(primary)]).then(
      (both) => setCases(both),
      (e: unknown) => setError(messageOf(e, lang)),
    );
  }, [session, duplicate, primary, lang]);

  async function merge() {
    setBusy(true);
    setError(undefined);
    try {
      await session.api.merge(duplicate, { into: primary, reason: reason.trim() });
      sessionStorage.removeItem('nidaa.panel.mergeReason');
      go({ screen: 'case', reference: primary });
    } catch (e) {
      setError(messageOf(e, lang));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="merge-title">
      <h1 id="merge-title">{t('compareAndMerge')}</h1>
      <p>{t('mergeExplain')}</p>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      {!cases ? (
        <p aria-live="polite">{t('loading')}</p>
      ) : (
        <div className="compare">
          {cases.map((found, i) => (
            <section key={found.case.reference} className="compare-column" aria-labelledby={`cmp-${i}`}>
              <h2 id={`cmp-${i}`}>
                {i === 0 ? t('duplicate') : t('primary')} ·{' '}
                <a href={href({ screen: 'case', reference: found.case.reference })}>
                  <Ltr>{found.case.reference}</Ltr>
                </a>
              </h2>
              <RegionBoundary region={`compare-${i}`}>
                <CaseFacts c={found.case} session={session} />
                <h3>{t('description')}</h3>
                <CaseSubject c={found.case} />
                <CitizenBlock className="description">{found.case.description}</CitizenBlock>
                {found.case.location ? (
                  <p className="muted">
                    {found.case.location.address ? (
                      <>
                        <Citizen>{found.case.location.address}</Citizen>
                        {' · '}
                      </>
                    ) : null}
                    <bdi dir="ltr">
                      {found.case.location.lat.toFixed(4)}, {found.case.location.lng.toFixed(4)}
                    </bdi>
                  </p>
                ) : null}
              </RegionBoundary>
            </section>
          ))}
        </div>
      )}
      <form
        className="action-form"
        onSubmit={(e) => {
          e.preventDefault();
          void merge();
        }}
      >
        <label>
          {t('reasonRequired')}
          <textarea
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            rows={2}
            minLength={3}
            required
          />
        </label>
        <div className="form-buttons">
          <button type="submit" className="primary" disabled={busy || !cases || reason.trim().length < 3}>
            {t('merge')}
          </button>
          <a className="button" href={href({ screen: 'case', reference: duplicate })}>
            {t('cancel')}
          </a>
        </div>
      </form>
    </section>
  );
}
