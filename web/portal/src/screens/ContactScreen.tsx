import { useEffect, useState } from 'react';
import type { PortalConfig } from '../api.ts';
import { Ltr, useLang, useT } from '../i18n.tsx';

/**
 * Live chat where the stage configures the Amazon Connect chat widget (its script, widget id and
 * snippet id from the Connect console's "Add chat user interface"); else the hours and other channels.
 * The widget's script is added only when the citizen asks for a chat, so nothing loads from Connect
 * on the way here.
 */
export default function ContactScreen({ config }: { config: PortalConfig }) {
  const t = useT();
  const lang = useLang();
  const [chatStarted, setChatStarted] = useState(false);

  // The snippet the Connect console gives, as code: a command queue, then the script with the widget id.
  useEffect(() => {
    if (!chatStarted || !config.chat) return;
    const { widgetScriptUrl, widgetId, snippetId } = config.chat;
    type Queue = ((...args: unknown[]) => void) & { ac?: unknown[][] };
    const w = window as unknown as { amazon_connect?: Queue };
    if (!w.amazon_connect) {
      const queue: Queue = (...args: unknown[]) => {
        queue.ac = queue.ac ?? [];
        queue.ac.push(args);
      };
      w.amazon_connect = queue;
    }
    w.amazon_connect('snippetId', snippetId);
    w.amazon_connect('supportedMessagingContentTypes', ['text/plain', 'text/markdown']);
    w.amazon_connect('customerDisplayName', (done: (name: string) => void) =>
      done(lang === 'ar' ? 'مواطن' : 'Citizen'),
    );
    if (document.getElementById(widgetId)) return;
    const script = document.createElement('script');
    script.src = widgetScriptUrl;
    script.async = true;
    script.id = widgetId;
    document.head.appendChild(script);
  }, [chatStarted, config.chat, lang]);

  const { hotline, sms, email } = config.channels;
  return (
    <>
      <h1>{t('contactTitle')}</h1>
      {config.chat ? (
        <p>
          <button
            type="button"
            className="primary big"
            onClick={() => setChatStarted(true)}
            data-action="chat"
          >
            {t('chatNow')}
          </button>
        </p>
      ) : (
        <p>{t('chatUnavailable')}</p>
      )}
      <section className="card" aria-labelledby="channels-title">
        <h2 id="channels-title">{t('hours')}</h2>
        <p>{t('hoursValue')}</p>
        <dl className="facts">
          <dt>{t('hotline')}</dt>
          <dd>
            <a href={`tel:${hotline}`}>
              <Ltr>{hotline}</Ltr>
            </a>
          </dd>
          <dt>{t('smsLine')}</dt>
          <dd>
            <a href={`sms:${sms}`}>
              <Ltr>{sms}</Ltr>
            </a>
          </dd>
          <dt>{t('emailLine')}</dt>
          <dd>
            <a href={`mailto:${email}`}>
              <Ltr>{email}</Ltr>
            </a>
          </dd>
        </dl>
      </section>
    </>
  );
}
