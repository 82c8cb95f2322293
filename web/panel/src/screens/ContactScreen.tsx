import { type FormEvent, useEffect, useState } from 'react';
import { SCREEN_POP_ATTRIBUTES } from '../../../../functions/core/contact/screen-pop.ts';
import type { QueueEntry } from '../../../../functions/core/ports.ts';
import { ChannelIcon } from '../components/ChannelIcon.tsx';
import { RegionBoundary } from '../components/RegionBoundary.tsx';
import {
  type ActiveContact,
  contactFromAttributes,
  StandInContactSource,
  screenPopTarget,
} from '../contact-context.ts';
import { formatTime } from '../format.ts';
import { Citizen, type Lang, Ltr, pick, useLang, useT, When } from '../i18n.tsx';
import { CHANNEL, INTENT, STATUS } from '../labels.ts';
import { go, href } from '../router.ts';
import { useSession } from '../session.tsx';
import { messageOf } from './CaseScreen.tsx';

/** Follows the contact source: the contact on the line, or none. */
export function useActiveContact(): ActiveContact | undefined {
  const { contacts } = useSession();
  const [contact, setContact] = useState<ActiveContact>();
  useEffect(() => contacts.subscribe(setContact), [contacts]);
  return contact;
}

/** Outside Connect: "a contact arrives with these attributes", the same attributes the flows set. */
function StandInForm({ source }: { source: StandInContactSource }) {
  const t = useT();
  const [channel, setChannel] = useState<ActiveContact['channel']>('voice');
  const [fields, setFields] = useState({
    phone: '',
    openCases: '',
    language: 'ar',
    intent: 'complaint',
    reference: '',
  });
  const set = (key: keyof typeof fields) => (e: { target: { value: string } }) =>
    setFields({ ...fields, [key]: e.target.value });
  function arrive(e: FormEvent) {
    e.preventDefault();
    const a = SCREEN_POP_ATTRIBUTES;
    source.arrive(
      contactFromAttributes(crypto.randomUUID(), channel, {
        [a.callerPhone]: fields.phone,
        [a.openCases]: fields.openCases,
        [a.language]: fields.language,
        [a.intent]: fields.intent,
        [a.reference]: channel === 'task' ? fields.reference : '',
      }),
    );
  }
  return (
    <form className="card stand-in" onSubmit={arrive} aria-labelledby="stand-in-title">
      <h2 id="stand-in-title">{t('contactSimulate')}</h2>
      <p className="muted small">{t('contactSimulateHint')}</p>
      <div className="form-grid">
        <label>
          {t('contactChannel')}
          <select value={channel} onChange={(e) => setChannel(e.target.value as ActiveContact['channel'])}>
            <option value="voice">voice</option>
            <option value="chat">chat</option>
            <option value="task">task</option>
          </select>
        </label>
        {channel === 'task' ? (
          <label>
            {t('reference')} <code>{SCREEN_POP_ATTRIBUTES.reference}</code>
            <input dir="ltr" value={fields.reference} onChange={set('reference')} required />
          </label>
        ) : (
          <>
            <label>
              {t('callerPhone')} <code>{SCREEN_POP_ATTRIBUTES.callerPhone}</code>
              <input dir="ltr" type="tel" value={fields.phone} onChange={set('phone')} required />
            </label>
            <label>
              {t('openCasesAttr')} <code>{SCREEN_POP_ATTRIBUTES.openCases}</code>
              <input dir="ltr" value={fields.openCases} onChange={set('openCases')} />
            </label>
            <label>
              {t('languageAttr')} <code>{SCREEN_POP_ATTRIBUTES.language}</code>
              <select value={fields.language} onChange={set('language')}>
                <option value="ar">ar</option>
                <option value="en">en</option>
              </select>
            </label>
            <label>
              {t('intentAttr')} <code>{SCREEN_POP_ATTRIBUTES.intent}</code>
              <select value={fields.intent} onChange={set('intent')}>
                {Object.keys(INTENT).map((i) => (
                  <option key={i} value={i}>
                    {i}
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
      </div>
      <button type="submit" className="primary">
        {t('simulate')}
      </button>
    </form>
  );
}

/** A new case for the caller on the line (POST /v1/cases), idempotent on the contact. */
function NewCaseForm({ contact, lang }: { contact: ActiveContact; lang: Lang }) {
  const { api, me } = useSession();
  const t = useT();
  const [text, setText] = useState('');
  const [category, setCategory] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  async function create(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const created = await api.createCase({
        channel: contact.channel === 'chat' ? 'chat' : 'voice',
        contactId: contact.contactId,
        phone: contact.callerPhone ?? '',
        text: text.trim(),
        ...(category ? { categoryCode: category } : {}),
        language: contact.language ?? lang,
      });
      go({ screen: 'case', reference: created.case.reference });
    } catch (err) {
      setError(messageOf(err, lang));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="card" onSubmit={create} aria-labelledby="new-case-title">
      <h2 id="new-case-title">{t('newCaseForCaller')}</h2>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      <label>
        {t('newCaseText')}
        <textarea value={text} onChange={(e) => setText(e.target.value)} rows={3} minLength={10} required />
      </label>
      <label>
        {t('category')}
        <select value={category} onChange={(e) => setCategory(e.target.value)}>
          <option value="">{t('categoryAuto')}</option>
          {me.catalogue.categories.map((c) => (
            <option key={c.code} value={c.code}>
              {pick(c.name, lang)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="primary" disabled={busy || text.trim().length < 10}>
        {t('create')}
      </button>
    </form>
  );
}

export function ContactScreen() {
  const session = useSession();
  const t = useT();
  const lang = useLang();
  const contact = useActiveContact();
  const [cases, setCases] = useState<QueueEntry[]>();
  const source = session.contacts instanceof StandInContactSource ? session.contacts : undefined;
  const target = contact ? screenPopTarget(contact) : undefined;

  const callerPhone = target?.kind === 'caller' ? target.phone : undefined;
  useEffect(() => {
    setCases(undefined);
    if (callerPhone) {
      session.api.byPhone(callerPhone).then(
        (r) => setCases(r.items),
        () => setCases([]),
      );
    }
  }, [session, callerPhone]);

  const references = [
    ...new Set([
      ...(target?.kind === 'caller' ? target.openCases : []),
      ...(cases ?? []).map((c) => c.reference),
    ]),
  ];

  return (
    <section aria-labelledby="contact-title">
      <h1 id="contact-title">{t('contactTitle')}</h1>
      {session.contacts.kind === 'workspace' ? <p className="muted">{t('workspace')}</p> : null}
      {!contact ? <p>{t('contactNone')}</p> : null}
      {contact ? (
        <div className="card contact-card" data-testid="active-contact">
          <p>
            <ChannelIcon channel={contact.channel === 'task' ? undefined : contact.channel} />{' '}
            <strong>{contact.channel === 'task' ? 'Task' : pick(CHANNEL[contact.channel], lang)}</strong>
            {contact.callerPhone ? (
              <>
                {' · '}
                <Ltr>{contact.callerPhone}</Ltr>
              </>
            ) : null}
            {/* Contact attributes come from the flows, and an unknown intent is shown as it came: isolated. */}
            {contact.intent ? (
              <>
                {' · '}
                {INTENT[contact.intent] ? (
                  pick(INTENT[contact.intent], lang)
                ) : (
                  <Citizen>{contact.intent}</Citizen>
                )}
              </>
            ) : null}
            {contact.language ? ` · ${contact.language === 'ar' ? 'العربية' : 'English'}` : ''}
          </p>
          {target?.kind === 'case' ? (
            <a className="button primary" href={href({ screen: 'case', reference: target.reference })}>
              {t('open')} <Ltr>{target.reference}</Ltr>
            </a>
          ) : null}
          {source ? (
            <button type="button" onClick={() => source.end()}>
              {t('endContact')}
            </button>
          ) : null}
        </div>
      ) : null}
      {target?.kind === 'caller' ? (
        <div className="contact-grid">
          <RegionBoundary region="caller-cases">
            <section className="card" aria-labelledby="caller-cases-title">
              <h2 id="caller-cases-title">{t('callerCases')}</h2>
              {references.length === 0 ? <p className="muted">{t('queueEmpty')}</p> : null}
              <ul className="plain">
                {references.map((r) => {
                  const found = cases?.find((c) => c.reference === r);
                  return (
                    <li key={r}>
                      <a href={href({ screen: 'case', reference: r })}>
                        <Ltr>{r}</Ltr>
                      </a>
                      {found ? (
                        <span className="muted">
                          {' · '}
                          {pick(STATUS[found.status], lang)} ·{' '}
                          <When>{formatTime(found.createdAt, lang)}</When>
                        </span>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
            </section>
          </RegionBoundary>
          {contact?.callerPhone && session.me.staff.roles.some((r) => r !== 'dept_staff') ? (
            <NewCaseForm contact={contact} lang={lang} />
          ) : null}
        </div>
      ) : null}
      {source ? <StandInForm source={source} /> : null}
    </section>
  );
}
