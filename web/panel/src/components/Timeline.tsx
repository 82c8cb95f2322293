import { useEffect, useState } from 'react';
import type { CaseEvent } from '../../../../functions/core/case/case.ts';
import type { Api } from '../api.ts';
import { formatTime } from '../format.ts';
import { Ltr, pick, useLang, useT, When } from '../i18n.tsx';
import { DELIVERY, EVENT, STATUS, TIER } from '../labels.ts';
import { href } from '../router.ts';
import { ChannelIcon } from './ChannelIcon.tsx';

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
  if (e.kind === 'assignment' && typeof data.assignee === 'string') return data.assignee;
  return undefined;
}

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
function Attachment({ api, reference, fileKey }: { api: Api; reference: string; fileKey: string }) {
  const t = useT();
  const uploadId = fileKey.startsWith(CASE_FILES) ? fileKey.slice(CASE_FILES.length) : fileKey;
  const [view, setView] = useState<{ url: string; contentType: string } | 'failed'>();
  useEffect(() => {
    api.attachment(reference, uploadId).then(setView, () => setView('failed'));
  }, [api, reference, uploadId]);
  if (!view) return <span className="attachment muted">{t('loading')}</span>;
  if (view === 'failed') return <span className="attachment muted">{t('attachment')} ✕</span>;
  if (view.contentType.startsWith('image/')) {
    return (
      <a className="attachment" href={view.url} target="_blank" rel="noreferrer">
        <img src={view.url} alt={`${t('attachment')} ${uploadId.slice(0, 8)}`} loading="lazy" />
      </a>
    );
  }
  return (
    <a className="attachment" href={view.url} target="_blank" rel="noreferrer">
      {t('attachment')} ({view.contentType})
    </a>
  );
}

/** The whole timeline, oldest first: every channel, every agent, every system step. */
export function Timeline({ api, events, reference }: { api: Api; events: CaseEvent[]; reference: string }) {
  const lang = useLang();
  const t = useT();
  return (
    <ol className="timeline" aria-label={t('timeline')}>
      {events.map((e) => {
        const files = Array.isArray(e.data?.attachments) ? (e.data.attachments as string[]) : [];
        const delivery = typeof e.data?.deliveryStatus === 'string' ? e.data.deliveryStatus : undefined;
        const moved = change(e, lang);
        return (
          <li key={`${e.at}-${e.id}`} className={`event event-${e.kind}`} data-kind={e.kind}>
            <ChannelIcon channel={e.channel} />
            <div className="event-body">
              <div className="event-head">
                <strong>{pick(EVENT[e.kind], lang, e.kind)}</strong>
                <span className="muted">
                  {' · '}
                  {e.actor === 'citizen' ? lang === 'ar' ? 'المواطن' : 'citizen' : <Ltr>{e.actor}</Ltr>}
                  {' · '}
                  <When>{formatTime(e.at, lang)}</When>
                </span>
                {delivery ? (
                  <span className={`badge delivery-${delivery}`} title={t('delivery')}>
                    {pick(DELIVERY[delivery], lang, delivery)}
                  </span>
                ) : null}
              </div>
              {moved ? <div className="event-change">{moved}</div> : null}
              <LinkedCase e={e} />
              {e.text ? (
                <p className="event-text" dir="auto">
                  {e.text}
                </p>
              ) : null}
              {files.length ? (
                <div className="attachments">
                  {files.map((f) => (
                    <Attachment key={f} api={api} reference={reference} fileKey={f} />
                  ))}
                </div>
              ) : null}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
