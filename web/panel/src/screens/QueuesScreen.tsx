import { useCallback, useEffect, useState } from 'react';
import type { QueueEntry } from '../../../../functions/core/ports.ts';
import { ChannelIcon } from '../components/ChannelIcon.tsx';
import { RegionBoundary } from '../components/RegionBoundary.tsx';
import { SlaClock } from '../components/SlaClock.tsx';
import { Ltr, pick, type StringKey, useLang, useT } from '../i18n.tsx';
import { PRIORITY, STATUS, TIER } from '../labels.ts';
import { href, type QueueView } from '../router.ts';
import { type Session, useSession } from '../session.tsx';

const TITLES: Record<QueueView, StringKey> = {
  mine: 'queueMine',
  tier: 'queueTier',
  departments: 'queueDepartments',
  at_risk: 'queueAtRisk',
  breached: 'queueBreached',
};

/** The views this user has: "my tier" only with a tier queue, "my departments" only with a department's. */
export function viewsFor(queues: readonly string[]): QueueView[] {
  const tiers = queues.some((q) => q === 't1' || q === 't2');
  const departments = queues.some((q) => q.startsWith('t3#'));
  return [
    'mine',
    ...(tiers ? (['tier'] as const) : []),
    ...(departments ? (['departments'] as const) : []),
    'at_risk',
    'breached',
  ];
}

/**
 * One view's cases, soonest deadline first, from the queues the API says this user may list. "Mine"
 * is every queue filtered by assignee; at risk and breached are key ranges the API reads cheaply.
 */
export async function loadView(session: Session, view: QueueView): Promise<QueueEntry[]> {
  const { api, me } = session;
  const queues =
    view === 'tier'
      ? me.queues.filter((q) => !q.startsWith('t3#'))
      : view === 'departments'
        ? me.queues.filter((q) => q.startsWith('t3#'))
        : me.queues;
  const due = view === 'at_risk' || view === 'breached' ? view : undefined;
  const pages = await Promise.all(queues.map((q) => api.queue(q, due)));
  const items = pages.flatMap((p) => p.items);
  const shown = view === 'mine' ? items.filter((c) => c.assignee === me.staff.username) : items;
  return shown.sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0));
}

export function QueuesScreen({ view }: { view: QueueView }) {
  const session = useSession();
  const { me } = session;
  const t = useT();
  const lang = useLang();
  const [items, setItems] = useState<QueueEntry[]>();
  const [error, setError] = useState<string>();

  const load = useCallback(() => {
    setItems(undefined);
    loadView(session, view).then(setItems, (e: Error) => setError(e.message));
  }, [session, view]);
  useEffect(load, [load]);

  const category = (code: string) =>
    pick(me.catalogue.categories.find((c) => c.code === code)?.name, lang, code);
  const department = (code: string) =>
    pick(me.catalogue.departments.find((d) => d.code === code)?.name, lang, code);

  return (
    <section aria-labelledby="queues-title">
      <nav className="tabs" aria-label={t('navQueues')}>
        {viewsFor(me.queues).map((v) => (
          <a
            key={v}
            href={href({ screen: 'queues', view: v })}
            aria-current={v === view ? 'page' : undefined}
          >
            {t(TITLES[v])}
          </a>
        ))}
        <button type="button" className="link" onClick={load}>
          {t('refresh')}
        </button>
      </nav>
      <h1 id="queues-title">{t(TITLES[view])}</h1>
      {error ? <p role="alert">{error}</p> : null}
      {!items ? (
        <p aria-live="polite">{t('loading')}</p>
      ) : items.length === 0 ? (
        <p>{t('queueEmpty')}</p>
      ) : (
        <RegionBoundary region="queue">
          <div className="table-wrap">
            <table className="queue">
              <thead>
                <tr>
                  <th scope="col">{t('reference')}</th>
                  <th scope="col">{t('sla')}</th>
                  <th scope="col">{t('category')}</th>
                  <th scope="col">{t('department')}</th>
                  <th scope="col">{t('tier')}</th>
                  <th scope="col">{t('priority')}</th>
                  <th scope="col">{t('status')}</th>
                  <th scope="col">{t('assignee')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((c) => (
                  <tr key={c.reference} data-reference={c.reference}>
                    <td>
                      <ChannelIcon channel={c.originChannel} />{' '}
                      <a href={href({ screen: 'case', reference: c.reference })}>
                        <Ltr>{c.reference}</Ltr>
                      </a>
                    </td>
                    {/* The deadline next to the reference: what a queue is sorted by, visible on a tablet too. */}
                    <td>
                      <SlaClock
                        dueAt={c.dueAt}
                        calendar={me.calendar}
                        atRiskMinutes={me.atRiskBusinessMinutes}
                        open
                        now={session.now}
                      />
                    </td>
                    <td>{category(c.categoryCode)}</td>
                    <td>{department(c.departmentCode)}</td>
                    <td>{pick(TIER[c.tier], lang)}</td>
                    <td>
                      <span className={`badge priority-${c.priority}`}>
                        {pick(PRIORITY[c.priority], lang)}
                      </span>
                    </td>
                    <td>{pick(STATUS[c.status], lang)}</td>
                    <td>
                      {c.assignee ? (
                        <Ltr>{c.assignee}</Ltr>
                      ) : (
                        <span className="muted">{t('unassigned')}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </RegionBoundary>
      )}
    </section>
  );
}
