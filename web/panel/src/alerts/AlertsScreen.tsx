import { type FormEvent, useCallback, useEffect, useMemo, useState } from 'react';
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
import { Citizen, type Lang, Ltr, pick, useLang, When } from '../i18n.tsx';
import { CHANNEL } from '../labels.ts';
import { href } from '../router.ts';
import { messageOf } from '../screens/CaseScreen.tsx';
import { useSession } from '../session.tsx';
import './alerts.css';

/** The Alerts screen's words (kept here, beside the screen, in both languages). */
const WORDS = {
  nav: { ar: 'التنبيهات', en: 'Alerts' },
  title: { ar: 'تنبيهات الإنذار المبكر', en: 'Early-warning alerts' },
  intro: {
    ar: 'فجوات في جودة الخدمة رصدتها الكواشف كل ساعة: ارتفاعات مفاجئة، مشكلات متكررة، نقاط ضعف في الاتصالات، ومواضيع جديدة.',
    en: 'Service-quality gaps the detectors found, every hour: spikes, recurring problems, weak spots in calls, emerging themes.',
  },
  status: { ar: 'الحالة', en: 'Status' },
  kind: { ar: 'النوع', en: 'Kind' },
  all: { ar: 'الكل', en: 'All' },
  open: { ar: 'مفتوح', en: 'Open' },
  acknowledged: { ar: 'تمّ الإقرار', en: 'Acknowledged' },
  none: { ar: 'لا توجد تنبيهات هنا.', en: 'No alerts here.' },
  loading: { ar: 'جارٍ التحميل…', en: 'Loading…' },
  more: { ar: 'المزيد', en: 'More' },
  where: { ar: 'المكان', en: 'Where' },
  seen: { ar: 'المرصود', en: 'Seen' },
  expected: { ar: 'المتوقع', en: 'expected' },
  window: { ar: 'الفترة', en: 'Window' },
  words: { ar: 'الكلمات المشتركة', en: 'Shared words' },
  cases: { ar: 'البلاغات', en: 'Cases' },
  note: {
    ar: 'ملاحظة الإقرار (ماذا فُعل أو لماذا لا يلزم شيء)',
    en: 'Note (what was done, or why nothing is needed)',
  },
  acknowledge: { ar: 'إقرار', en: 'Acknowledge' },
  by: { ar: 'أقرّ به', en: 'Acknowledged by' },
  category: { ar: 'الفئة', en: 'category' },
  wilayat: { ar: 'الولاية', en: 'wilayat' },
  department: { ar: 'الإدارة', en: 'department' },
  channel: { ar: 'القناة', en: 'channel' },
  queue: { ar: 'الطابور', en: 'queue' },
  menu: { ar: 'قائمة الرد الآلي', en: 'IVR menu' },
  metric: { ar: 'المؤشر', en: 'measure' },
} as const;
type Word = keyof typeof WORDS;
const useWords = () => {
  const lang = useLang();
  return (w: Word) => WORDS[w][lang];
};

export const alertsNavLabel = (lang: Lang) => WORDS.nav[lang];

const UNITS = {
  cases: { ar: 'بلاغ', en: 'cases' },
  contacts: { ar: 'تواصل', en: 'contacts' },
  calls: { ar: 'مكالمة', en: 'calls' },
  percent: { ar: '٪', en: '%' },
};

/** The alerts API, through the panel's session (its token and language). */
function useAlertsApi() {
  const { api } = useSession();
  return useMemo(
    () => ({
      list: (q: { status?: AlertStatus; kind?: AlertKind; after?: string }) => {
        const params = new URLSearchParams({ limit: '20' });
        if (q.status) params.set('status', q.status);
        if (q.kind) params.set('kind', q.kind);
        if (q.after) params.set('after', q.after);
        return api.request<AlertPage>('GET', `/v1/insights/alerts?${params}`);
      },
      get: (id: string) => api.request<Alert>('GET', `/v1/insights/alerts/${encodeURIComponent(id)}`),
      acknowledge: (id: string, note: string) =>
        api.request<Alert>('POST', `/v1/insights/alerts/${encodeURIComponent(id)}/acknowledge`, { note }),
    }),
    [api],
  );
}

function Place({ alert }: { alert: Alert }) {
  const { me } = useSession();
  const lang = useLang();
  const w = useWords();
  const p = alert.place;
  const parts: [Word, string][] = [];
  if (p.categoryCode)
    parts.push([
      'category',
      pick(me.catalogue.categories.find((c) => c.code === p.categoryCode)?.name, lang, p.categoryCode),
    ]);
  if (p.wilayatCode)
    parts.push([
      'wilayat',
      pick(me.catalogue.wilayats.find((x) => x.code === p.wilayatCode)?.name, lang, p.wilayatCode),
    ]);
  if (p.departmentCode)
    parts.push([
      'department',
      pick(me.catalogue.departments.find((d) => d.code === p.departmentCode)?.name, lang, p.departmentCode),
    ]);
  if (p.channel) parts.push(['channel', pick(CHANNEL[p.channel as Channel], lang, p.channel)]);
  if (p.queue) parts.push(['queue', p.queue]);
  if (p.menuNode) parts.push(['menu', p.menuNode]);
  if (p.metric) parts.push(['metric', pick(alertMetricName(p.metric), lang, p.metric)]);
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
  const w = useWords();
  const lang = useLang();
  const alerts = useAlertsApi();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      onDone(await alerts.acknowledge(alert.id, note));
      setError(undefined);
    } catch (err) {
      setError(messageOf(err, lang));
    } finally {
      setBusy(false);
    }
  }
  const field = `note-${alert.id}`;
  return (
    <form className="alert-ack" onSubmit={submit}>
      <label htmlFor={field}>{w('note')}</label>
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
          {error}
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
  const w = useWords();
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
        <span className={`badge status-${alert.status}`}>{w(alert.status)}</span>
      </h2>
      <dl className="alert-facts">
        <dt>{w('where')}</dt>
        <dd>
          <Place alert={alert} />
        </dd>
        <dt>{w('seen')}</dt>
        <dd className="alert-counts">
          <Ltr>{alert.observed}</Ltr> {unit} · {w('expected')} <Ltr>{alert.expected}</Ltr> {unit}
        </dd>
        <dt>{w('window')}</dt>
        <dd>
          <When>{formatTime(alert.from, lang)}</When> – <When>{formatTime(alert.to, lang)}</When>
        </dd>
        {alert.terms?.length ? (
          <>
            <dt>{w('words')}</dt>
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
            <dt>{w('cases')}</dt>
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
            <dt>{w('by')}</dt>
            <dd>
              <Ltr>{alert.acknowledgedBy}</Ltr> · <When>{formatTime(alert.acknowledgedAt, lang)}</When>
              <br />
              <Citizen>{alert.note}</Citizen>
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
  const w = useWords();
  const lang = useLang();
  const alertsApi = useAlertsApi();
  const [status, setStatus] = useState<AlertStatus | ''>('');
  const [kind, setKind] = useState<AlertKind | ''>('');
  const [page, setPage] = useState<AlertPage>();
  const [focused, setFocused] = useState<Alert>();
  const [error, setError] = useState<string>();
  const { list, get } = alertsApi;

  const load = useCallback(
    (after?: string) =>
      list({ ...(status ? { status } : {}), ...(kind ? { kind } : {}), ...(after ? { after } : {}) }).then(
        (next) => {
          setPage((prev) =>
            after && prev ? { alerts: [...prev.alerts, ...next.alerts], next: next.next } : next,
          );
          setError(undefined);
        },
        (e: unknown) => setError(messageOf(e, lang)),
      ),
    [list, status, kind, lang],
  );
  useEffect(() => {
    load();
  }, [load]);
  // A link from a notice (#/alerts/<id>) shows that alert first, whatever the filters.
  useEffect(() => {
    if (!focus) return setFocused(undefined);
    get(focus).then(setFocused, (e: unknown) => setError(messageOf(e, lang)));
  }, [get, focus, lang]);

  const replace = (updated: Alert) => {
    setPage(
      (prev) => prev && { ...prev, alerts: prev.alerts.map((a) => (a.id === updated.id ? updated : a)) },
    );
    if (focused?.id === updated.id) setFocused(updated);
  };
  const listed = (page?.alerts ?? []).filter((a) => a.id !== focused?.id);

  return (
    <section aria-labelledby="alerts-title" className="alerts-screen">
      <h1 id="alerts-title">{w('title')}</h1>
      <p className="muted small">{w('intro')}</p>
      <div className="alert-filters">
        <label>
          {w('status')}{' '}
          <select value={status} onChange={(e) => setStatus(e.target.value as AlertStatus | '')}>
            <option value="">{w('all')}</option>
            <option value="open">{w('open')}</option>
            <option value="acknowledged">{w('acknowledged')}</option>
          </select>
        </label>
        <label>
          {w('kind')}{' '}
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
          {error}
        </p>
      ) : null}
      {focused ? <AlertCard alert={focused} focused onChange={replace} /> : null}
      {!page ? (
        <p aria-live="polite">{w('loading')}</p>
      ) : listed.length === 0 && !focused ? (
        <p>{w('none')}</p>
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
