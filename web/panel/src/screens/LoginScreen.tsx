import { useEffect, useState } from 'react';
import { cognitoSignInUrl, type DemoUser, demoUsers, localToken, type PanelConfig } from '../auth.ts';
import { pick, useLang, useT } from '../i18n.tsx';

/** Local mode: a list of demo users. In AWS: a button to Cognito's hosted sign-in. */
export function LoginScreen({ config, onToken }: { config: PanelConfig; onToken: (token: string) => void }) {
  const t = useT();
  const lang = useLang();
  const [users, setUsers] = useState<DemoUser[]>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (config.auth === 'local') demoUsers().then(setUsers, (e: Error) => setError(e.message));
  }, [config]);

  if (config.auth === 'cognito') {
    return (
      <section className="login card">
        <h1>{t('signIn')}</h1>
        <button
          type="button"
          className="primary"
          onClick={async () => {
            window.location.href = await cognitoSignInUrl(config);
          }}
        >
          {t('signInCognito')}
        </button>
      </section>
    );
  }
  return (
    <section className="login card" aria-labelledby="login-title">
      <h1 id="login-title">{t('signInAs')}</h1>
      <p className="muted">{t('signInLocalHint')}</p>
      {error ? <p role="alert">{error}</p> : null}
      <ul className="users">
        {(users ?? []).map((u) => {
          const [en, ar] = u.name.split(' / ');
          return (
            <li key={u.username}>
              <button
                type="button"
                data-username={u.username}
                onClick={() => localToken(u.username).then(onToken, (e: Error) => setError(e.message))}
              >
                <strong>{pick({ ar: ar ?? u.name, en: en ?? u.name }, lang)}</strong>
                <bdi dir="ltr" className="muted">
                  {u.username}
                </bdi>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
