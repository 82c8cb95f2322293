import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { NO_WILAYAT } from '../../../../functions/core/analytics/figures.ts';
import type { Channel } from '../../../../functions/core/case/case.ts';
import {
  ALERT_KINDS,
  type Alert,
  type AlertKind,
  type AlertPage,
  type AlertStatus,
} from '../../../../functions/core/insights/alert.ts';
import { alertKindName, alertMetricName } from '../../../../functions/core/insights/notice.ts';
import { formatTime } from '../format.ts';
import { Citizen, CitizenBlock, Ltr, pick, type StringKey, useLang, useT, When } from '../i18n.tsx';
import { CHANNEL } from '../labels.ts';
import { href } from '../router.ts';
import { messageOf } from '../screens/CaseScreen.tsx';
import { useSession } from '../session.tsx';
import './alerts.css';

const UNITS = {
  cases: { ar: 'بلاغ', en: 'cases' },
  contacts: { ar: 'تواصل', en: 'contacts' },
  calls: { ar: 'مكالمة', en: 'calls' },
  percent: { ar: '٪', en: '%' },
};

function Place({ alert }: { alert: Alert }) {
  const { me } = useSession();
  const lang = useLang();
  const w = useT();
  const p = alert.place;
  const parts: [StringKey, string][] = [];
  if (p.categoryCode)
    parts.push([
      'category',
      pick(me.catalogue.categories.find((c) => c.code === p.categoryCode)?.name, lang, p.categoryCode),
    ]);
  if (p.wilayatCode)
    parts.push([
      'wilayat',
      p.wilayatCode === NO_WILAYAT
        ? w('unknownPlace')
        : pick(me.catalogue.wilayats.find((x) => x.code === p.wilayatCode)?.name, lang, p.wilayatCode),
    ]);
  if (p.departmentCode)
    parts.push([
      'department',
      pick(me.catalogue.departments.find((d) => d.code === p.departmentCode)?.name, lang, p.departmentCode),
    ]);
  if (p.channel) parts.push(['channel', pick(CHANNEL[p.channel as Channel], lang, p.channel)]);
  if (p.queue) parts.push(['queue', p.queue]);
  if (p.menuNode) parts.push(['ivrMenuFull', p.menuNode]);
  if (p.metric) parts.push(['alertMetric', pick(alertMetricName(p.metric), lang, p.metric)]);
  return (
    <span className="alert-place">
      {parts.map(([label, value], i) => (
        <span key={label}>
          {i > 0 ? ' · ' : ''}
          {w(label)} <bdi>{value}</bdi>
        </span>
      ))}
    </span>
  );
}

function Acknowledge({ alert, onDone }: { alert: Alert; onDone: (a: Alert) => void }) {
  const w = useT();
  const lang = useLang();
  const { api } = useSession();
  const [note, setNote] = useState('');
  // The API's error as it came, put in words when shown (in the language chosen then).
  const [error, setError] = useState<{ cause: unknown }>();
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      onDone(await api.acknowledgeAlert(alert.id, note));
      setError(undefined);
    } catch (err) {
      setError({ cause: err });
    } finally {
      setBusy(false);
    }
  }
  const field = `note-${alert.id}`;
  return (
    <form className="alert-ack" onSubmit={submit}>
      <label htmlFor={field}>{w('alertNote')}</label>
      <textarea
        id={field}
        dir="auto"
        rows={2}
        required
        minLength={3}
        maxLength={1000}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      {error ? (
        <p role="alert" className="error">
          {messageOf(error.cause, lang)}
        </p>
      ) : null}
      <button type="submit" disabled={busy}>
        {w('acknowledge')}
      </button>
    </form>
  );
}

function AlertCard({
  alert,
  focused,
  onChange,
}: {
  alert: Alert;
  focused: boolean;
  onChange: (a: Alert) => void;
}) {
  const w = useT();
  const lang = useLang();
  const unit = UNITS[alert.unit][lang];
  return (
    <article
      className={`card alert alert-${alert.status}${focused ? ' alert-focused' : ''}`}
      aria-labelledby={`alert-${alert.id}`}
      data-alert={alert.id}
    >
      <h2 id={`alert-${alert.id}`} className="alert-title">
        {alertKindName(alert.kind)[lang]}{' '}
        <span className={`badge status-${alert.status}`}>
          {w(alert.status === 'open' ? 'alertOpen' : 'alertAcknowledged')}
        </span>
      </h2>
      <dl className="alert-facts">
        <dt>{w('alertWhere')}</dt>
        <dd>
          <Place alert={alert} />
        </dd>
        <dt>{w('alertSeen')}</dt>
        <dd className="alert-counts">
          <Ltr>{alert.observed}</Ltr> {unit} · {w('alertExpected')} <Ltr>{alert.expected}</Ltr> {unit}
        </dd>
        <dt>{w('alertWindow')}</dt>
        <dd>
          <When>{formatTime(alert.from, lang)}</When> – <When>{formatTime(alert.to, lang)}</When>
        </dd>
        {alert.terms?.length ? (
          <>
            <dt>{w('alertWords')}</dt>
            <dd className="alert-terms">
              {alert.terms.map((term, i) => (
                <span key={term}>
                  {i > 0 ? '، ' : ''}
                  <Citizen>{term}</Citizen>
                </span>
              ))}
            </dd>
          </>
        ) : null}
        {alert.references.length ? (
          <>
            <dt>{w('alertCases')}</dt>
            <dd>
              <ul className="alert-cases">
                {alert.references.map((reference) => (
                  <li key={reference}>
                    <a href={href({ screen: 'case', reference })}>
                      <Ltr>{reference}</Ltr>
                    </a>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        {alert.status === 'acknowledged' ? (
          <>
            <dt>{w('acknowledgedBy')}</dt>
            <dd>
              <Ltr>{alert.acknowledgedBy}</Ltr> · <When>{formatTime(alert.acknowledgedAt, lang)}</When>
              <CitizenBlock className="alert-note">{alert.note}</CitizenBlock>
            </dd>
          </>
        ) : null}
      </dl>
      {alert.status === 'open' ? <Acknowledge alert={alert} onDone={onChange} /> : null}
    </article>
  );
}

/** Supervisors' and administrators' alerts: open first, newest first, acknowledged with a note. */
export function AlertsScreen({ focus }: { focus?: string | undefined }) {
  const w = useT();
  const lang = useLang();
  const { api } = useSession();
  const [status, setStatus] = useState<AlertStatus | ''>('');
  const [kind, setKind] = useState<AlertKind | ''>('');
  const [page, setPage] = useState<AlertPage>();
  const [focused, setFocused] = useState<Alert>();
  // The API's error as it came, put in words when shown (a language switch must not ask again).
  const [error, setError] = useState<{ cause: unknown }>();

  const load = useCallback(
    (after?: string) =>
      api
        .alerts({ ...(status ? { status } : {}), ...(kind ? { kind } : {}), ...(after ? { after } : {}) })
        .then(
          (next) => {
            setPage((prev) =>
              after && prev ? { alerts: [...prev.alerts, ...next.alerts], next: next.next } : next,
            );
            setError(undefined);
          },
          (cause: unknown) => setError({ cause }),
        ),
    [api, status, kind],
  );
  useEffect(() => {
    load();
  }, [load]);
  // A link from a notice (#/alerts/<id>) shows that alert first, whatever the filters.
  useEffect(() => {
    if (!focus) return setFocused(undefined);
    api.alert(focus).then(setFocused, (cause: unknown) => setError({ cause }));
  }, [api, focus]);

  const replace = (updated: Alert) => {
    setPage(
      (prev) => prev && { ...prev, alerts: prev.alerts.map((a) => (a.id === updated.id ? updated : a)) },
    );
    if (focused?.id === updated.id) setFocused(updated);
  };
  const listed = (page?.alerts ?? []).filter((a) => a.id !== focused?.id);

  return (
    <section aria-labelledby="alerts-title" className="alerts-screen">
      <h1 id="alerts-title">{w('alertsTitle')}</h1>
      <p className="muted small">{w('alertsIntro')}</p>
      <div className="alert-filters">
        <label>
          {w('status')}{' '}
          <select value={status} onChange={(e) => setStatus(e.target.value as AlertStatus | '')}>
            <option value="">{w('all')}</option>
            <option value="open">{w('alertOpen')}</option>
            <option value="acknowledged">{w('alertAcknowledged')}</option>
          </select>
        </label>
        <label>
          {w('alertKind')}{' '}
          <select value={kind} onChange={(e) => setKind(e.target.value as AlertKind | '')}>
            <option value="">{w('all')}</option>
            {ALERT_KINDS.map((k) => (
              <option key={k} value={k}>
                {alertKindName(k)[lang]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error ? (
        <p role="alert" className="error">
          {messageOf(error.cause, lang)}
        </p>
      ) : null}
      {focused ? <AlertCard alert={focused} focused onChange={replace} /> : null}
      {!page ? (
        <p aria-live="polite">{w('loading')}</p>
      ) : listed.length === 0 && !focused ? (
        <p>{w('alertsNone')}</p>
      ) : (
        listed.map((a) => <AlertCard key={a.id} alert={a} focused={false} onChange={replace} />)
      )}
      {page?.next ? (
        <button type="button" onClick={() => load(page.next)}>
          {w('more')}
        </button>
      ) : null}
    </section>
  );
}
