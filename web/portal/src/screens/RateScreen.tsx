import { useEffect, useState } from 'react';
import { ApiError, api } from '../api.ts';
import { useLang, useT } from '../i18n.tsx';

const RATINGS = [1, 2, 3, 4, 5] as const;
const ARABIC_DIGITS = '٠١٢٣٤٥٦٧٨٩';

/**
 * The token of the rating link (`/rate/<reference>#k=<token>`, the tracking token of decision 0086): read
 * once and taken out of the address bar, so a copied address does not carry it.
 */
function takeToken(): string | undefined {
  const token = new URLSearchParams(location.hash.slice(1)).get('k') ?? undefined;
  if (token) history.replaceState(history.state, '', location.pathname + location.search);
  return token;
}

/** One tap rates the answer to the citizen's request (1–5); a thank-you replaces the choices. */
export default function RateScreen({ reference }: { reference: string }) {
  const t = useT();
  const lang = useLang();
  const [token] = useState(takeToken);
  const [state, setState] = useState<'choose' | 'sending' | 'thanks' | 'already'>('choose');
  const [error, setError] = useState('');
  useEffect(() => {
    if (!token) setError(t('rateNoLink'));
  }, [token, t]);

  const rate = async (rating: number) => {
    if (!token || state === 'sending') return;
    setState('sending');
    try {
      const out = await api.rate(lang, reference, token, rating);
      setState(out.stored ? 'thanks' : 'already');
      setError('');
    } catch (err) {
      setState('choose');
      setError(err instanceof ApiError ? err.messages[lang] : t('networkError'));
    }
  };

  return (
    <>
      <h1 tabIndex={-1}>{t('rateTitle')}</h1>
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
                {lang === 'ar' ? ARABIC_DIGITS[n] : n}
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
