import { type ReactNode, useEffect, useState } from 'react';
import type { CaseEvent } from '../../../../functions/core/case/case.ts';
import type { Api } from '../api.ts';
import { formatTime } from '../format.ts';
import { Citizen, CitizenBlock, Ltr, pick, type StringKey, useLang, useT, When } from '../i18n.tsx';
import { DELIVERY, EVENT, STATUS, TIER } from '../labels.ts';
import { href } from '../router.ts';
import { ChannelIcon } from './ChannelIcon.tsx';
import { RegionBoundary } from './RegionBoundary.tsx';

const CASE_FILES = 'uploads/cases/';

/** The change an event records, "from → to", in words. */
function change(e: CaseEvent, lang: 'ar' | 'en'): string | undefined {
  const data = e.data ?? {};
  if (e.kind === 'tier') {
    const label = (tier: unknown) => pick(TIER[tier as 1 | 2 | 3], lang, String(tier));
    return `${label(data.from)} ${lang === 'ar' ? '←' : '→'} ${label(data.to)}`;
  }
  if (e.kind === 'status' && typeof data.from === 'string' && typeof data.to === 'string') {
    const label = (s: string) => pick(STATUS[s as keyof typeof STATUS], lang, s);
    return `${label(data.from)} ${lang === 'ar' ? '←' : '→'} ${label(data.to)}`;
  }
  if (e.kind === 'survey' && typeof data.rating === 'number') return `${data.rating} / 5`;
  return undefined;
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

/** How a merge event relates this case to another (store-case links duplicates; merging closes one). */
const RELATIONS: Record<string, { ar: string; en: string }> = {
  duplicate_of: { ar: 'قد يكون مكرراً للبلاغ', en: 'Possible duplicate of' },
  duplicated_by: { ar: 'قد يكرره البلاغ', en: 'Possibly repeated by' },
};

function LinkedCase({ e }: { e: CaseEvent }) {
  const lang = useLang();
  const other = [e.data?.reference, e.data?.into, e.data?.from].find((x) => typeof x === 'string') as
    | string
    | undefined;
  if (e.kind !== 'merge' || !other) return null;
  const relation = typeof e.data?.relation === 'string' ? e.data.relation : '';
  return (
    <div className="event-change">
      {pick(RELATIONS[relation], lang, relation)}{' '}
      <a href={href({ screen: 'case', reference: other })}>
        <Ltr>{other}</Ltr>
      </a>
    </div>
  );
}

/** A photo the citizen sent, fetched through the agent API's short-lived link. */
function Attachment(props: { api: Api; reference: string; fileKey: string; name: string | undefined }) {
  const { api, reference, fileKey, name } = props;
  const t = useT();
  const uploadId = fileKey.startsWith(CASE_FILES) ? fileKey.slice(CASE_FILES.length) : fileKey;
  const [view, setView] = useState<{ url: string; contentType: string } | 'failed'>();
  useEffect(() => {
    api.attachment(reference, uploadId).then(setView, () => setView('failed'));
  }, [api, reference, uploadId]);
  if (!view) return <span className="attachment muted">{t('loading')}</span>;
  if (view === 'failed') return <span className="attachment muted">{t('attachment')} ✕</span>;
  // The name the citizen gave the file (kept by intake): theirs, so isolated like their text.
  if (view.contentType.startsWith('image/')) {
    return (
      <a className="attachment" href={view.url} target="_blank" rel="noreferrer">
        <img src={view.url} alt={name ?? `${t('attachment')} ${uploadId.slice(0, 8)}`} loading="lazy" />
        {name ? (
          <span className="attachment-name">
            <Citizen>{name}</Citizen>
          </span>
        ) : null}
      </a>
    );
  }
  return (
    <a className="attachment" href={view.url} target="_blank" rel="noreferrer">
      {t('attachment')} {name ? <Citizen>{name}</Citizen> : null} (<Ltr>{view.contentType}</Ltr>)
    </a>
  );
}

const ROLE: Record<string, StringKey> = { citizen: 'roleCitizen', agent: 'roleAgent', system: 'roleSystem' };

/** A chat transcript line by line: who, when, what; every name and line isolated. */
function Transcript({ lines }: { lines: unknown[] }) {
  const lang = useLang();
  const t = useT();
  return (
    <ol className="transcript" aria-label={t('transcript')}>
      {lines.map((raw, i) => {
        const line = (raw ?? {}) as { at?: unknown; role?: unknown; name?: unknown; text?: unknown };
        const role = typeof line.role === 'string' ? line.role : 'system';
        const name = text(line.name);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: a transcript is append-only; its order is its identity.
          <li key={i} className={`transcript-line role-${role}`}>
            <span className="muted small">
              {t(ROLE[role] ?? 'roleSystem')}
              {name ? (
                <>
                  {' '}
                  <Citizen>{name}</Citizen>
                </>
              ) : null}
              {' · '}
              <When>{formatTime(line.at, lang)}</When>
            </span>{' '}
            <Citizen>{text(line.text)}</Citizen>
          </li>
        );
      })}
    </ol>
  );
}

const figure = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** Milliseconds as m:ss (h:mm:ss past an hour), written left to right. */
function clock(ms: number): string {
  const seconds = Math.round(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return h > 0 ? `${h}:${pad(m)}:${pad(seconds % 60)}` : `${m}:${pad(seconds % 60)}`;
}

/** Contact Lens's scale is -5 to 5; near zero reads as neutral. */
const mood = (score: number): StringKey =>
  score <= -1 ? 'sentimentNegative' : score >= 1 ? 'sentimentPositive' : 'sentimentNeutral';

/**
 * A Contact Lens post-call analysis: sentiment per participant, matched categories, talk and silence.
 * Figures only (the transcript is not on the case); category names are the administrators' and isolated.
 */
function CallAnalysis({ data }: { data: Record<string, unknown> }) {
  const t = useT();
  const sentiment = (data.sentiment ?? {}) as Record<string, unknown>;
  const talk = (data.talkTimeMs ?? {}) as Record<string, unknown>;
  const categories = Array.isArray(data.categories)
    ? data.categories.filter((c): c is string => typeof c === 'string')
    : [];
  const rows: [StringKey, ReactNode][] = [];
  for (const [key, value] of [
    ['callerSentiment', figure(sentiment.customer)],
    ['agentSentiment', figure(sentiment.agent)],
  ] as const) {
    if (value !== undefined)
      rows.push([
        key,
        <>
          {/* Sign, figure and brackets in one left-to-right isolate: "(-2.4)" in either direction. */}
          {t(mood(value))} <Ltr>({value.toFixed(1)})</Ltr>
        </>,
      ]);
  }
  const duration = figure(data.durationMs);
  if (duration !== undefined) rows.push(['callDuration', <Ltr key="d">{clock(duration)}</Ltr>]);
  const talking = figure(talk.total);
  if (talking !== undefined) rows.push(['talkTime', <Ltr key="t">{clock(talking)}</Ltr>]);
  const silence = figure(data.nonTalkTimeMs);
  if (silence !== undefined) rows.push(['nonTalkTime', <Ltr key="s">{clock(silence)}</Ltr>]);
  const interruptions = figure(data.interruptions);
  if (interruptions !== undefined) rows.push(['interruptions', <Ltr key="i">{String(interruptions)}</Ltr>]);
  return (
    <dl className="call-analysis" aria-label={t('callAnalysis')}>
      {rows.map(([key, value]) => (
        <div key={key} className={`call-analysis-${key}`}>
          <dt>{t(key)}</dt>
          <dd>{value}</dd>
        </div>
      ))}
      {categories.length ? (
        <div className="call-analysis-categories">
          <dt>{t('callCategories')}</dt>
          <dd>
            {categories.map((c, i) => (
              <span key={c} className="badge">
                {i > 0 ? ' ' : null}
                <Citizen>{c}</Citizen>
              </span>
            ))}
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

/** One entry: what happened, who, when, and what was said or sent. */
function TimelineEvent({ api, e, reference }: { api: Api; e: CaseEvent; reference: string }) {
  const lang = useLang();
  const t = useT();
  const data = e.data ?? {};
  const files = Array.isArray(data.attachments) ? data.attachments.filter((f) => typeof f === 'string') : [];
  // Intake keeps each file's own name by its key (e-mail and fax attachments).
  const names =
    data.attachmentNames && typeof data.attachmentNames === 'object'
      ? (data.attachmentNames as Record<string, unknown>)
      : {};
  const delivery = text(data.deliveryStatus);
  const subject = text(data.subject);
  const assignee = e.kind === 'assignment' ? text(data.assignee) : undefined;
  const lines = e.kind === 'transcript' && Array.isArray(data.lines) ? data.lines : undefined;
  const moved = change(e, lang);
  return (
    <>
      <ChannelIcon channel={e.channel} />
      <div className="event-body">
        <div className="event-head">
          <strong>{pick(EVENT[e.kind], lang, String(e.kind))}</strong>
          <span className="muted">
            {' · '}
            {e.actor === 'citizen' ? t('roleCitizen') : <Ltr>{e.actor}</Ltr>}
            {' · '}
            <When>{formatTime(e.at, lang)}</When>
          </span>
          {delivery ? (
            <span className={`badge delivery-${delivery}`} title={t('delivery')}>
              {pick(DELIVERY[delivery], lang, delivery)}
            </span>
          ) : null}
        </div>
        {subject ? (
          <div className="event-subject">
            {t('subject')}: <Citizen>{subject}</Citizen>
          </div>
        ) : null}
        {moved ? <div className="event-change">{moved}</div> : null}
        {assignee ? (
          <div className="event-change">
            <Ltr>{assignee}</Ltr>
          </div>
        ) : null}
        <LinkedCase e={e} />
        {e.kind === 'contact_analysis' ? <CallAnalysis data={data} /> : null}
        {lines ? (
          <Transcript lines={lines} />
        ) : text(e.text) ? (
          <CitizenBlock className="event-text">{e.text}</CitizenBlock>
        ) : null}
        {files.length ? (
          <div className="attachments">
            {files.map((f) => (
              <Attachment key={f} api={api} reference={reference} fileKey={f} name={text(names[f])} />
            ))}
          </div>
        ) : null}
      </div>
    </>
  );
}

/**
 * The whole timeline, oldest first: every channel, every agent, every system step. Each entry is its own
 * region: one the panel cannot draw shows a message in its place, and the others stay.
 */
export function Timeline({ api, events, reference }: { api: Api; events: CaseEvent[]; reference: string }) {
  const t = useT();
  return (
    <ol className="timeline" aria-label={t('timeline')}>
      {events.map((e) => (
        <li key={`${e.at}-${e.id}`} className={`event event-${e.kind}`} data-kind={e.kind}>
          <RegionBoundary region={`timeline-event-${e.id}`}>
            <TimelineEvent api={api} e={e} reference={reference} />
          </RegionBoundary>
        </li>
      ))}
    </ol>
  );
}
