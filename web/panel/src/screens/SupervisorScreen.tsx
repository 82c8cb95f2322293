import { useEffect, useState } from 'react';
import type { Channel } from '../../../../functions/core/case/case.ts';
import type { Stats } from '../api.ts';
import { ChannelIcon } from '../components/ChannelIcon.tsx';
import { RegionBoundary } from '../components/RegionBoundary.tsx';
import { formatTime } from '../format.ts';
import { Ltr, pick, useLang, useT, When } from '../i18n.tsx';
import { CHANNEL, TIER } from '../labels.ts';
import { useSession } from '../session.tsx';
import { messageOf } from './CaseScreen.tsx';

export const REFRESH_MS = 30_000;

/** Bars scaled to the largest value: a quick read without a chart library. */
function Bars({ rows }: { rows: { key: string; label: React.ReactNode; value: number }[] }) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <ul className="bars">
      {rows.map((r) => (
        <li key={r.key}>
          <span className="bar-label">{r.label}</span>
          <span className="bar" style={{ inlineSize: `${(r.value / max) * 100}%` }} />
          <Ltr>{r.value}</Ltr>
        </li>
      ))}
    </ul>
  );
}

export function SupervisorScreen() {
  const { api, me } = useSession();
  const t = useT();
  const lang = useLang();
  const [stats, setStats] = useState<Stats>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let stopped = false;
    const load = () =>
      api.stats().then(
        (s) => {
          if (stopped) return;
          setStats(s);
          setError(undefined);
        },
        (e: unknown) => {
          if (!stopped) setError(messageOf(e, lang));
        },
      );
    load();
    // Live refresh: the numbers come from two bounded index reads (docs/decisions/0051).
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [api, lang]);

  const department = (code: string) =>
    pick(me.catalogue.departments.find((d) => d.code === code)?.name, lang, code);
  const category = (code: string) =>
    pick(me.catalogue.categories.find((c) => c.code === code)?.name, lang, code);

  return (
    <section aria-labelledby="sup-title">
      <h1 id="sup-title">{t('supervisorTitle')}</h1>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      {!stats ? (
        <p aria-live="polite">{t('loading')}</p>
      ) : (
        <>
          <p className="muted small" aria-live="polite">
            {t('updatedAt')} <When>{formatTime(stats.at, lang)}</When> · {t('liveRefresh')}
          </p>
          <RegionBoundary region="tiles">
            <div className="tiles">
              <div className="tile">
                <span>{t('openCases')}</span>
                <strong data-stat="open">
                  <Ltr>{stats.open.total}</Ltr>
                </strong>
              </div>
              <div className="tile warn">
                <span>{t('atRisk')}</span>
                <strong data-stat="at-risk">
                  <Ltr>{stats.open.atRisk}</Ltr>
                </strong>
              </div>
              <div className="tile danger">
                <span>{t('breached')}</span>
                <strong data-stat="breached">
                  <Ltr>{stats.open.breached}</Ltr>
                </strong>
              </div>
              <div className="tile">
                <span>{t('today')}</span>
                <strong data-stat="today">
                  <Ltr>{stats.today.total}</Ltr>
                </strong>
              </div>
              <div className="tile">
                <span>{t('satisfaction')}</span>
                <strong data-stat="satisfaction">
                  {stats.satisfaction.last7Days.average === undefined ? (
                    t('noRatings')
                  ) : (
                    <Ltr>{`${stats.satisfaction.last7Days.average} / 5`}</Ltr>
                  )}
                </strong>
                <span className="muted small">
                  <Ltr>{stats.satisfaction.last7Days.count}</Ltr> {t('ratings')}
                </span>
              </div>
            </div>
          </RegionBoundary>
          <RegionBoundary region="breakdown">
            <div className="sup-grid">
              <section className="card" aria-labelledby="by-tier-title">
                <h2 id="by-tier-title">{t('byTierAndDepartment')}</h2>
                <div className="table-wrap">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t('department')}</th>
                        {([1, 2, 3] as const).map((tier) => (
                          <th key={tier} scope="col">
                            {pick(TIER[tier], lang)}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {Object.entries(stats.open.byDepartment)
                        .sort(([a], [b]) => department(a).localeCompare(department(b), lang))
                        .map(([code, tiers]) => (
                          <tr key={code}>
                            <th scope="row">{department(code)}</th>
                            {([1, 2, 3] as const).map((tier) => (
                              <td key={tier}>
                                <Ltr>{tiers[tier]}</Ltr>
                              </td>
                            ))}
                          </tr>
                        ))}
                      <tr className="total">
                        <th scope="row">{t('total')}</th>
                        {([1, 2, 3] as const).map((tier) => (
                          <td key={tier}>
                            <Ltr>{stats.open.byTier[tier]}</Ltr>
                          </td>
                        ))}
                      </tr>
                    </tbody>
                  </table>
                </div>
              </section>
              <section className="card" aria-labelledby="by-channel-title">
                <h2 id="by-channel-title">{t('todayByChannel')}</h2>
                <Bars
                  rows={Object.entries(stats.today.byChannel).map(([ch, n]) => ({
                    key: ch,
                    label: (
                      <>
                        <ChannelIcon channel={ch as Channel} /> {pick(CHANNEL[ch as Channel], lang, ch)}
                      </>
                    ),
                    value: n ?? 0,
                  }))}
                />
                <h2>{t('todayByCategory')}</h2>
                <Bars
                  rows={Object.entries(stats.today.byCategory)
                    .sort(([, a], [, b]) => b - a)
                    .slice(0, 10)
                    .map(([code, n]) => ({ key: code, label: category(code), value: n }))}
                />
              </section>
            </div>
          </RegionBoundary>
        </>
      )}
    </section>
  );
}
