import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import type { Channel } from '../../../../functions/core/case/case.ts';
import type { Category } from '../../../../functions/core/catalogue/types.ts';
import type { AgentAction } from '../../../../functions/core/lifecycle/agent-actions.ts';
import { pick, type StringKey, useLang, useT } from '../i18n.tsx';
import { CHANNEL } from '../labels.ts';
import type { PanelAction } from '../permissions.ts';

type Form = Exclude<PanelAction, 'claim'>;

/** The keyboard shortcuts (Alt + letter), announced with aria-keyshortcuts. */
export const SHORTCUTS: Partial<Record<PanelAction, string>> = { reply: 'r', note: 'n', escalate: 'e' };

const LABELS: Record<PanelAction, StringKey> = {
  reply: 'actReply',
  note: 'actNote',
  claim: 'actClaim',
  escalate: 'actEscalate',
  deescalate: 'actDeescalate',
  resolve: 'actResolve',
  reopen: 'actReopen',
  recategorize: 'actRecategorize',
  merge: 'actMerge',
};

/** What each form asks for, and the shortest text the API accepts (functions/api/agent-api.handler.ts). */
const FIELDS: Record<Form, { label: StringKey; min: number; max: number }> = {
  reply: { label: 'replyText', min: 1, max: 1000 },
  note: { label: 'noteText', min: 1, max: 2000 },
  escalate: { label: 'reasonRequired', min: 3, max: 500 },
  deescalate: { label: 'reasonRequired', min: 3, max: 500 },
  resolve: { label: 'answerText', min: 3, max: 2000 },
  reopen: { label: 'reasonRequired', min: 3, max: 500 },
  recategorize: { label: 'reasonRequired', min: 3, max: 500 },
  merge: { label: 'reasonRequired', min: 3, max: 500 },
};

const ORDER: PanelAction[] = [
  'reply',
  'note',
  'claim',
  'escalate',
  'deescalate',
  'resolve',
  'reopen',
  'recategorize',
  'merge',
];

export type ActionPanelProps = {
  allowed: PanelAction[];
  replyChannel: Channel;
  categoryCode: string;
  categories: readonly Category[];
  /** A possible primary for merging (the case's duplicateOf). */
  suggestedPrimary?: string;
  onAct: (action: AgentAction) => Promise<void>;
  onMerge: (primary: string, reason: string) => void;
};

/** Buttons for what the user may do, one form at a time; reasons are required where the API needs them. */
export function ActionPanel(props: ActionPanelProps) {
  const t = useT();
  const lang = useLang();
  const id = useId();
  const [open, setOpen] = useState<Form>();
  const [text, setText] = useState('');
  const [awaitAnswer, setAwaitAnswer] = useState(false);
  const [category, setCategory] = useState(props.categoryCode);
  const [primary, setPrimary] = useState(props.suggestedPrimary ?? '');
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);

  const show = useCallback((form: Form) => {
    setOpen(form);
    setText('');
  }, []);

  // Alt+R / Alt+N / Alt+E open reply, note and escalate from anywhere on the case.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const action = (Object.entries(SHORTCUTS) as [Form, string][]).find(
        ([, key]) => e.code === `Key${key.toUpperCase()}`,
      )?.[0];
      if (action && props.allowed.includes(action)) {
        e.preventDefault();
        show(action);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [props.allowed, show]);

  useEffect(() => {
    if (open) field.current?.focus();
  }, [open]);

  const spec = open ? FIELDS[open] : undefined;
  const trimmed = text.trim();
  const valid =
    spec !== undefined &&
    trimmed.length >= spec.min &&
    trimmed.length <= spec.max &&
    (open !== 'recategorize' || category !== props.categoryCode) &&
    (open !== 'merge' || /\d{6,}/.test(primary));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!open || !valid) return;
    if (open === 'merge') {
      props.onMerge(primary.replace(/\D/g, ''), trimmed);
      return;
    }
    const action: AgentAction =
      open === 'reply'
        ? { kind: 'reply', text: trimmed, ...(awaitAnswer ? { awaitAnswer } : {}) }
        : open === 'note'
          ? { kind: 'note', text: trimmed }
          : open === 'resolve'
            ? { kind: 'resolve', answer: trimmed }
            : open === 'recategorize'
              ? { kind: 'recategorize', categoryCode: category, reason: trimmed }
              : { kind: open, reason: trimmed };
    setBusy(true);
    try {
      await props.onAct(action);
      setOpen(undefined);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="actions" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('actions')}</h2>
      <div className="action-buttons">
        {ORDER.filter((a) => props.allowed.includes(a)).map((a) => {
          const key = SHORTCUTS[a];
          return (
            <button
              key={a}
              type="button"
              className={a === 'escalate' || a === 'resolve' ? 'primary' : ''}
              aria-keyshortcuts={key ? `Alt+${key.toUpperCase()}` : undefined}
              aria-expanded={a === 'claim' ? undefined : open === a}
              data-action={a}
              disabled={busy}
              onClick={() => (a === 'claim' ? props.onAct({ kind: 'claim' }) : show(a))}
            >
              {t(LABELS[a])}
              {key ? <kbd>Alt+{key.toUpperCase()}</kbd> : null}
            </button>
          );
        })}
      </div>
      <p className="muted small">{t('shortcuts')}</p>
      {open && spec ? (
        <form className="action-form" onSubmit={submit} data-form={open}>
          {open === 'reply' ? (
            <p className="muted">
              {t('replyOn')} <strong>{pick(CHANNEL[props.replyChannel], lang)}</strong>
            </p>
          ) : null}
          {open === 'recategorize' ? (
            <label>
              {t('newCategory')}
              <select value={category} onChange={(e) => setCategory(e.target.value)}>
                {props.categories.map((c) => (
                  <option key={c.code} value={c.code}>
                    {pick(c.name, lang)}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {open === 'merge' ? (
            <label>
              {t('primaryReference')}
              <input
                dir="ltr"
                inputMode="numeric"
                value={primary}
                onChange={(e) => setPrimary(e.target.value)}
              />
            </label>
          ) : null}
          <label>
            {t(spec.label)}
            <textarea
              ref={field}
              value={text}
              onChange={(e) => setText(e.target.value)}
              minLength={spec.min}
              maxLength={spec.max}
              required
              rows={3}
            />
          </label>
          {open === 'reply' ? (
            <label className="inline">
              <input
                type="checkbox"
                checked={awaitAnswer}
                onChange={(e) => setAwaitAnswer(e.target.checked)}
              />
              {t('awaitAnswer')}
            </label>
          ) : null}
          <div className="form-buttons">
            <button type="submit" className="primary" disabled={!valid || busy}>
              {open === 'merge' ? t('compareAndMerge') : t('send')}
            </button>
            <button type="button" onClick={() => setOpen(undefined)}>
              {t('cancel')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
