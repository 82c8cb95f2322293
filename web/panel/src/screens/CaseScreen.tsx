import { useCallback, useEffect, useState } from 'react';
import { isOpen } from '../../../../functions/core/case/case.ts';
import type { AgentAction } from '../../../../functions/core/lifecycle/agent-actions.ts';
import { ApiError, type CaseWithTimeline, type StaffCase } from '../api.ts';
import { ActionPanel } from '../components/ActionPanel.tsx';
import { ChannelIcon } from '../components/ChannelIcon.tsx';
import { RegionBoundary } from '../components/RegionBoundary.tsx';
import { SlaClock } from '../components/SlaClock.tsx';
import { Timeline } from '../components/Timeline.tsx';
import { WilayatMap } from '../components/WilayatMap.tsx';
import { formatTime } from '../format.ts';
import { Citizen, CitizenBlock, type Lang, Ltr, pick, useLang, useT, When } from '../i18n.tsx';
import { CHANNEL, PRIORITY, STATUS, TIER } from '../labels.ts';
import { allowedActions } from '../permissions.ts';
import { go, href } from '../router.ts';
import { type Session, useSession } from '../session.tsx';

/** A problem from the API in the user's language. */
export const messageOf = (error: unknown, lang: Lang) =>
  error instanceof ApiError ? error.messages[lang] : error instanceof Error ? error.message : String(error);

/** The case's facts as a definition list (used here and in the merge comparison). */
export function CaseFacts({ c, session }: { c: StaffCase; session: Session }) {
  const t = useT();
  const lang = useLang();
  const { me } = session;
  const category = me.catalogue.categories.find((x) => x.code === c.categoryCode);
  const department = me.catalogue.departments.find((d) => d.code === c.departmentCode);
  return (
    <dl className="facts">
      <div>
        <dt>{t('status')}</dt>
        <dd data-field="status">{pick(STATUS[c.status], lang)}</dd>
      </div>
      <div>
        <dt>{t('tier')}</dt>
        <dd data-field="tier">{pick(TIER[c.tier], lang)}</dd>
      </div>
      <div>
        <dt>{t('priority')}</dt>
        <dd>
          <span className={`badge priority-${c.priority}`}>{pick(PRIORITY[c.priority], lang)}</span>
        </dd>
      </div>
      <div>
        <dt>{t('category')}</dt>
        <dd>{pick(category?.name, lang, c.categoryCode)}</dd>
      </div>
      <div>
        <dt>{t('department')}</dt>
        <dd data-field="department">{pick(department?.name, lang, c.departmentCode)}</dd>
      </div>
      <div>
        <dt>{t('assignee')}</dt>
        <dd>{c.assignee ? <Ltr>{c.assignee}</Ltr> : <span className="muted">{t('unassigned')}</span>}</dd>
      </div>
      <div>
        <dt>{t('sla')}</dt>
        <dd>
          <SlaClock
            dueAt={c.dueAt}
            calendar={me.calendar}
            atRiskMinutes={me.atRiskBusinessMinutes}
            open={isOpen(c)}
            now={session.now}
          />{' '}
          <small className="muted">
            <When>{formatTime(c.dueAt, lang)}</When>
          </small>
        </dd>
      </div>
      <div>
        <dt>{t('originChannel')}</dt>
        <dd data-field="origin-channel">
          <ChannelIcon channel={c.originChannel} />{' '}
          <span className="channel-name">
            {pick(CHANNEL[c.originChannel], lang, String(c.originChannel))}
          </span>
        </dd>
      </div>
      <div>
        <dt>{t('replyChannel')}</dt>
        <dd data-field="reply-channel">
          <ChannelIcon channel={c.replyChannel} />{' '}
          <span className="channel-name">{pick(CHANNEL[c.replyChannel], lang, String(c.replyChannel))}</span>
        </dd>
      </div>
      <div>
        <dt>{t('created')}</dt>
        <dd>
          <When>{formatTime(c.createdAt, lang)}</When>
        </dd>
      </div>
    </dl>
  );
}

/**
 * The subject the citizen wrote (e-mail, fax), when intake kept one on the case: isolated like their text.
 * Read defensively: cases opened before intake kept subjects have none.
 */
export function CaseSubject({ c }: { c: StaffCase }) {
  const t = useT();
  const subject = (c as { subject?: unknown }).subject;
  if (typeof subject !== 'string' || subject === '') return null;
  return (
    <p className="case-subject">
      {t('subject')}: <Citizen>{subject}</Citizen>
    </p>
  );
}

export function CaseScreen({ reference }: { reference: string }) {
  const session = useSession();
  const { api, me } = session;
  const t = useT();
  const lang = useLang();
  const [data, setData] = useState<CaseWithTimeline | 'missing'>();
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();

  const load = useCallback(
    () =>
      api.getCase(reference).then(setData, (e: unknown) => {
        if (e instanceof ApiError && e.status === 404) setData('missing');
        else setError(messageOf(e, lang));
      }),
    [api, reference, lang],
  );
  useEffect(() => {
    setData(undefined);
    load();
  }, [load]);

  if (data === 'missing') {
    return (
      <section>
        <h1>
          {t('reference')} <Ltr>{reference}</Ltr>
        </h1>
        <p role="alert" data-testid="not-found">
          {t('notFound')}
        </p>
        <a href={href({ screen: 'queues', view: 'mine' })}>{t('back')}</a>
      </section>
    );
  }
  if (!data) return <p aria-live="polite">{error ?? t('loading')}</p>;
  const c = data.case;
  const allowed = allowedActions(c, { ...me, now: session.now() });

  async function act(action: AgentAction) {
    setError(undefined);
    setDone(undefined);
    try {
      await api.act(reference, action);
      setDone(t('done'));
      await load();
    } catch (e) {
      setError(messageOf(e, lang));
      throw e;
    }
  }

  return (
    <article className="case" aria-labelledby="case-title">
      <header className="case-header">
        <h1 id="case-title">
          {t('reference')} <Ltr>{c.reference}</Ltr>
        </h1>
        <button type="button" className="link" onClick={load}>
          {t('refresh')}
        </button>
      </header>
      {c.duplicateOf ? (
        <p className="banner" data-testid="duplicate-banner">
          {t('duplicateOf')}{' '}
          <a href={href({ screen: 'case', reference: c.duplicateOf })}>
            <Ltr>{c.duplicateOf}</Ltr>
          </a>{' '}
          {allowed.includes('merge') ? (
            <a
              className="button"
              href={href({ screen: 'merge', duplicate: c.reference, primary: c.duplicateOf })}
            >
              {t('compareAndMerge')}
            </a>
          ) : null}
        </p>
      ) : null}
      <div aria-live="polite" className="status-line">
        {error ? (
          <p role="alert" className="error">
            {error}
          </p>
        ) : null}
        {done ? <p className="ok">{done}</p> : null}
      </div>
      {/* Source order is reading and focus order: facts, actions, description, timeline, map. Each region
          is drawn on its own: one that fails shows a message in its place and the others stay (keyed on
          the case's version, so a refresh after an action tries again). */}
      <div className="case-grid">
        <RegionBoundary key={`facts-${c.version}`} region="facts">
          <CaseFacts c={c} session={session} />
        </RegionBoundary>
        <RegionBoundary key={`actions-${c.version}`} region="actions">
          <ActionPanel
            allowed={allowed}
            replyChannel={c.replyChannel}
            categoryCode={c.categoryCode}
            categories={me.catalogue.categories}
            {...(c.duplicateOf ? { suggestedPrimary: c.duplicateOf } : {})}
            onAct={act}
            onMerge={(primary, reason) => {
              sessionStorage.setItem('nidaa.panel.mergeReason', reason);
              go({ screen: 'merge', duplicate: c.reference, primary });
            }}
          />
        </RegionBoundary>
        <section aria-labelledby="desc-title" className="case-description">
          <h2 id="desc-title">{t('description')}</h2>
          <RegionBoundary key={`description-${c.version}`} region="description">
            <CaseSubject c={c} />
            <CitizenBlock className="description">{c.description}</CitizenBlock>
          </RegionBoundary>
        </section>
        <section aria-labelledby="timeline-title" className="case-timeline">
          <h2 id="timeline-title">{t('timeline')}</h2>
          <RegionBoundary key={`timeline-${c.version}`} region="timeline">
            <Timeline api={api} events={data.timeline} reference={c.reference} />
          </RegionBoundary>
        </section>
        <section aria-labelledby="map-title" className="case-map">
          <h2 id="map-title">{t('location')}</h2>
          <RegionBoundary key={`map-${c.version}`} region="map">
            <WilayatMap wilayats={me.catalogue.wilayats} {...(c.location ? { location: c.location } : {})} />
          </RegionBoundary>
        </section>
      </div>
    </article>
  );
}
