import { useState } from 'react';
import { takeTokenFromUrl } from '../access-token.ts';
import { ApiError, api } from '../api.ts';
import { Ltr, useLang, useT } from '../i18n.tsx';

const RATINGS = [1, 2, 3, 4, 5] as const;

/** One tap rates the answer to the citizen's request (1–5); a thank-you replaces the choices. */
export default function RateScreen({ reference }: { reference: string }) {
  const t = useT();
  const lang = useLang();
  const [token] = useState(() => takeTokenFromUrl(reference));
  const [state, setState] = useState<'choose' | 'sending' | 'thanks' | 'already'>('choose');
  // The failure as it came, put in words when shown (in the language chosen then).
  const [failure, setFailure] = useState<{ cause: unknown }>();

  const rate = async (rating: number) => {
    if (!token || state === 'sending') return;
    setState('sending');
    try {
      const out = await api.rate(lang, reference, token, rating);
      setState(out.stored ? 'thanks' : 'already');
      setFailure(undefined);
    } catch (cause) {
      setState('choose');
      setFailure({ cause });
    }
  };
  const error = !token
    ? t('rateNoLink')
    : failure
      ? failure.cause instanceof ApiError
        ? failure.cause.messages[lang]
        : t('networkError')
      : '';

  return (
    <>
      <h1 tabIndex={-1}>{t('rateTitle')}</h1>
      {/* Which request: a citizen may have several answers waiting for a rating. */}
      <p data-field="rate-reference">
        {t('reference')} <Ltr>{reference}</Ltr>
      </p>
      {state === 'thanks' || state === 'already' ? (
        <p role="status" data-field="rate-thanks">
          {t(state === 'thanks' ? 'rateThanks' : 'rateAlready')}
        </p>
      ) : (
        <fieldset className="rating" disabled={!token || state === 'sending'}>
          <legend>{t('rateHint')}</legend>
          <div className="rating-choices">
            {RATINGS.map((n) => (
              <button
                key={n}
                type="button"
                data-rating={n}
                aria-label={`${t('rateOption')} ${n} ${t('rateOutOf')}`}
                onClick={() => void rate(n)}
              >
                {n}
              </button>
            ))}
          </div>
        </fieldset>
      )}
      {error && (
        <p className="error" role="alert" data-field="error">
          {error}
        </p>
      )}
    </>
  );
}
