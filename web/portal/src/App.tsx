import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import type { PortalConfig } from './api.ts';
import { type Lang, LangContext, Ltr, rememberedLang, rememberLang, useT } from './i18n.tsx';
import { flushQueue, queued } from './offline-queue.ts';
import { onLinkClick, type Route, useRoute } from './router.ts';
import { Home } from './screens/Home.tsx';

// Everything but the first screen loads on demand: the first paint must stay under 100 KB of JS (gzip).
const ReportScreen = lazy(() => import('./screens/ReportScreen.tsx'));
const TrackScreen = lazy(() => import('./screens/TrackScreen.tsx'));
const ProceduresScreen = lazy(() => import('./screens/ProceduresScreen.tsx'));
const ContactScreen = lazy(() => import('./screens/ContactScreen.tsx'));
const RateScreen = lazy(() => import('./screens/RateScreen.tsx'));

function useOnline() {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

/** Reports saved offline: sent when the page opens online and whenever the connection returns. */
function useOutbox(lang: Lang, online: boolean) {
  const [waiting, setWaiting] = useState(0);
  const [sent, setSent] = useState<string[]>([]);
  const [refused, setRefused] = useState<string[]>([]);
  const refresh = useCallback(async () => {
    if ('indexedDB' in window) setWaiting((await queued().catch(() => [])).length);
  }, []);
  useEffect(() => {
    if (!online || !('indexedDB' in window)) {
      void refresh();
      return;
    }
    void flushQueue(lang)
      .then((results) => {
        const references = results.flatMap((r) => (r.reference ? [r.reference] : []));
        if (references.length) setSent((s) => [...s, ...references]);
        // A saved report the API refused for good (e.g. an expired photo upload): say so, with its reason.
        const reasons = results.flatMap((r) => (r.error ? [r.error.messages[lang]] : []));
        if (reasons.length) setRefused((s) => [...s, ...reasons]);
      })
      .finally(refresh);
  }, [online, lang, refresh]);
  useEffect(() => {
    window.addEventListener('nidaa:queued', refresh);
    return () => window.removeEventListener('nidaa:queued', refresh);
  }, [refresh]);
  return { waiting, sent, refused };
}

function Screen({ route, config }: { route: Route; config: PortalConfig }) {
  const t = useT();
  switch (route.page) {
    case 'home':
      return <Home />;
    case 'report':
      return <ReportScreen key={`${route.kind}-${route.category}`} route={route} config={config} />;
    case 'track':
      return (
        <TrackScreen
          key={route.reference ?? ''}
          reference={route.reference}
          referencePrefix={config.referencePrefix}
        />
      );
    case 'procedures':
      return <ProceduresScreen code={route.code} />;
    case 'contact':
      return <ContactScreen config={config} />;
    case 'rate':
      return <RateScreen key={route.reference} reference={route.reference} />;
    default:
      return <h1 tabIndex={-1}>{t('notFound')}</h1>;
  }
}

function Shell({ config, lang, setLang }: { config: PortalConfig; lang: Lang; setLang: (l: Lang) => void }) {
  const t = useT();
  const route = useRoute();
  const online = useOnline();
  const { waiting, sent, refused } = useOutbox(lang, online);
  const nav = [
    { href: '/', label: t('navHome'), page: 'home' },
    { href: '/report', label: t('navReport'), page: 'report' },
    { href: '/track', label: t('navTrack'), page: 'track' },
    { href: '/procedures', label: t('navProcedures'), page: 'procedures' },
    { href: '/contact', label: t('navContact'), page: 'contact' },
  ];
  return (
    <>
      <a className="skip" href="#main">
        {t('skipToContent')}
      </a>
      <header className="top">
        <a className="brand" href="/" onClick={onLinkClick}>
          <strong>{t('brand')}</strong> <span>{t('brandTail')}</span>
        </a>
        <button
          type="button"
          className="lang"
          lang={lang === 'ar' ? 'en' : 'ar'}
          aria-label={t('switchLanguageLabel')}
          onClick={() => setLang(lang === 'ar' ? 'en' : 'ar')}
        >
          {t('switchLanguage')}
        </button>
      </header>
      <nav className="tabs" aria-label={t('mainNav')}>
        <ul>
          {nav.map((item) => (
            <li key={item.href}>
              <a
                href={item.href}
                onClick={onLinkClick}
                aria-current={route.page === item.page ? 'page' : undefined}
              >
                {item.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div aria-live="polite">
        {!online && (
          <p className="banner warn" data-banner="offline">
            {t('offlineBanner')}
          </p>
        )}
        {waiting > 0 && (
          <p className="banner" data-banner="queued">
            {t('queued')}: <Ltr>{waiting}</Ltr>
          </p>
        )}
        {sent.map((reference) => (
          <p className="banner ok" key={reference} data-banner="sent">
            {t('sentFromQueue')}{' '}
            <a href={`/track/${reference}`} onClick={onLinkClick}>
              <Ltr>{reference}</Ltr>
            </a>
          </p>
        ))}
        {refused.map((reason) => (
          <p className="banner warn" key={reason} role="alert">
            {t('queueRefused')} {reason}
          </p>
        ))}
      </div>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p className="muted">{t('loading')}</p>}>
          <Screen route={route} config={config} />
        </Suspense>
      </main>
    </>
  );
}

export function App({ config }: { config: PortalConfig }) {
  const [lang, setLangState] = useState<Lang>(rememberedLang);
  useEffect(() => rememberLang(lang), [lang]);
  return (
    <LangContext.Provider value={{ lang, setLang: setLangState }}>
      <Shell config={config} lang={lang} setLang={setLangState} />
    </LangContext.Provider>
  );
}
