import { type FormEvent, lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { AlertsScreen } from './alerts/AlertsScreen.tsx';
import { createApi, type Me } from './api.ts';
import {
  claimsOf,
  finishCognitoSignIn,
  forgetToken,
  isExpired,
  type PanelConfig,
  savedToken,
  saveToken,
} from './auth.ts';
import { RegionBoundary } from './components/RegionBoundary.tsx';
import {
  type ContactSource,
  inFrame,
  StandInContactSource,
  screenPopTarget,
  workspaceContactSource,
} from './contact-context.ts';
import { type Lang, LangContext, Ltr, useT } from './i18n.tsx';
import { go, href, type Route, useRoute } from './router.ts';
import { CaseScreen } from './screens/CaseScreen.tsx';
import { ContactScreen, useActiveContact } from './screens/ContactScreen.tsx';
import { LoginScreen } from './screens/LoginScreen.tsx';
import { MergeScreen } from './screens/MergeScreen.tsx';
import { QueuesScreen } from './screens/QueuesScreen.tsx';
import { SupervisorScreen } from './screens/SupervisorScreen.tsx';
import { type Session, SessionContext } from './session.tsx';

const LANG_KEY = 'nidaa.panel.lang';

// Charts and the hotspot map load with the Analytics screen only: the first screen stays as small as it was.
const AnalyticsScreen = lazy(() =>
  import('./screens/AnalyticsScreen.tsx').then((m) => ({ default: m.AnalyticsScreen })),
);

function LoadingScreen() {
  const t = useT();
  return <p aria-live="polite">{t('loading')}</p>;
}

function initialLang(): Lang {
  const saved = localStorage.getItem(LANG_KEY);
  return saved === 'en' ? 'en' : 'ar';
}

/** Opens the case a task is about as soon as the task reaches the agent (the screen-pop). */
function ScreenPop() {
  const contact = useActiveContact();
  const [popped, setPopped] = useState<string>();
  useEffect(() => {
    if (!contact || contact.contactId === popped) return;
    setPopped(contact.contactId);
    const target = screenPopTarget(contact);
    go(target.kind === 'case' ? { screen: 'case', reference: target.reference } : { screen: 'contact' });
  }, [contact, popped]);
  return null;
}

function Screen({ route }: { route: Route }) {
  switch (route.screen) {
    case 'case':
      return <CaseScreen key={route.reference} reference={route.reference} />;
    case 'merge':
      return <MergeScreen duplicate={route.duplicate} primary={route.primary} />;
    case 'alerts':
      return <AlertsScreen focus={route.id} />;
    case 'contact':
      return <ContactScreen />;
    case 'supervisor':
      return <SupervisorScreen />;
    case 'analytics':
      return (
        <Suspense fallback={<LoadingScreen />}>
          <AnalyticsScreen />
        </Suspense>
      );
    default:
      return <QueuesScreen view={route.view} />;
  }
}

function Header(props: { lang: Lang; setLang: (lang: Lang) => void; me?: Me; onSignOut?: () => void }) {
  const t = useT();
  const [reference, setReference] = useState('');
  const supervisor = props.me?.staff.roles.some((r) => r === 'supervisor' || r === 'admin');
  function openCase(e: FormEvent) {
    e.preventDefault();
    // Any form the citizen reads out: prefix, dashes, Arabic-Indic digits.
    const digits = reference
      .replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660))
      .replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
      .replace(/\D/g, '');
    if (digits) go({ screen: 'case', reference: digits });
  }
  return (
    <header className="top">
      <a className="skip" href="#main">
        {t('skipToContent')}
      </a>
      <strong className="brand">
        {t('brand')}
        <span className="brand-tail">{t('brandTail')}</span>
      </strong>
      {props.me ? (
        <nav aria-label="main">
          <a href={href({ screen: 'queues', view: 'mine' })}>{t('navQueues')}</a>
          <a href={href({ screen: 'contact' })}>{t('navContact')}</a>
          {supervisor ? <a href={href({ screen: 'alerts' })}>{t('navAlerts')}</a> : null}
          {supervisor ? <a href={href({ screen: 'supervisor' })}>{t('navSupervisor')}</a> : null}
          {supervisor ? <a href={href({ screen: 'analytics' })}>{t('navAnalytics')}</a> : null}
        </nav>
      ) : null}
      {props.me ? (
        <form className="open-ref" onSubmit={openCase} aria-label={t('openByReference')}>
          <label>
            <span className="visually-hidden">{t('openByReference')}</span>
            <input
              className="open-ref-input"
              dir="ltr"
              inputMode="numeric"
              placeholder={t('openByReference')}
              value={reference}
              onChange={(e) => setReference(e.target.value)}
            />
          </label>
          <button type="submit">{t('open')}</button>
        </form>
      ) : null}
      <span className="spacer" />
      <button
        type="button"
        lang={props.lang === 'ar' ? 'en' : 'ar'}
        aria-label={t('switchLanguageLabel')}
        onClick={() => props.setLang(props.lang === 'ar' ? 'en' : 'ar')}
      >
        {t('switchLanguage')}
      </button>
      {props.me ? (
        <span className="user">
          <Ltr>{props.me.staff.username}</Ltr>
        </span>
      ) : null}
      {props.onSignOut ? (
        <button type="button" onClick={props.onSignOut}>
          {t('signOut')}
        </button>
      ) : null}
    </header>
  );
}

export function App({ config }: { config: PanelConfig }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const [token, setToken] = useState(() => {
    const saved = savedToken();
    return saved && !isExpired(saved) ? saved : undefined;
  });
  const [me, setMe] = useState<Me>();
  const [error, setError] = useState<string>();
  const [contacts, setContacts] = useState<ContactSource>();
  const route = useRoute();

  const setLang = (next: Lang) => {
    localStorage.setItem(LANG_KEY, next);
    setLangState(next);
  };
  useEffect(() => {
    document.documentElement.lang = lang;
    document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
    document.title = lang === 'ar' ? 'نداء · لوحة البلاغات' : 'Nidaa · Case panel';
  }, [lang]);

  // Back from Cognito's hosted UI with ?code=…
  useEffect(() => {
    const code = new URLSearchParams(window.location.search).get('code');
    if (config.auth !== 'cognito' || !code) return;
    finishCognitoSignIn(config, code).then(
      (idToken) => {
        saveToken(idToken);
        window.history.replaceState(null, '', window.location.pathname);
        setToken(idToken);
      },
      (e: Error) => setError(e.message),
    );
  }, [config]);

  const api = useMemo(
    () =>
      token
        ? createApi(
            token,
            () => initialLang(),
            () => {
              forgetToken();
              setToken(undefined);
              setMe(undefined);
            },
          )
        : undefined,
    [token],
  );
  useEffect(() => {
    if (!api) return;
    api.me().then(setMe, (e: Error) => {
      setError(e.message);
      forgetToken();
      setToken(undefined);
    });
  }, [api]);
  useEffect(() => {
    // In the agent workspace the SDK gives the contact; anywhere else the stand-in does.
    if (inFrame()) workspaceContactSource().then(setContacts, () => setContacts(new StandInContactSource()));
    else setContacts(new StandInContactSource());
  }, []);

  const signOut = () => {
    forgetToken();
    setToken(undefined);
    setMe(undefined);
  };
  const session: Session | undefined =
    api && me && contacts ? { api, me, contacts, now: () => new Date() } : undefined;

  return (
    <LangContext.Provider value={lang}>
      <RegionBoundary region="header">
        <Header lang={lang} setLang={setLang} {...(me ? { me, onSignOut: signOut } : {})} />
      </RegionBoundary>
      <main id="main" tabIndex={-1}>
        {error ? (
          <p role="alert" className="error">
            {error}
          </p>
        ) : null}
        {!token ? (
          <LoginScreen
            config={config}
            onToken={(t) => {
              saveToken(t);
              setToken(t);
              if (claimsOf(t)) go({ screen: 'queues', view: 'mine' });
            }}
          />
        ) : session ? (
          <SessionContext.Provider value={session}>
            <ScreenPop />
            {/* A new route is a new screen: a region that failed on the last one gets a fresh try. */}
            <RegionBoundary key={JSON.stringify(route)} region={`screen-${route.screen}`}>
              <Screen route={route} />
            </RegionBoundary>
          </SessionContext.Provider>
        ) : null}
      </main>
    </LangContext.Provider>
  );
}
