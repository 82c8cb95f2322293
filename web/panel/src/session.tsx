import { createContext, useContext } from 'react';
import type { Api, Me } from './api.ts';
import type { ContactSource } from './contact-context.ts';

/** What every screen needs: the API with the user's token, who the user is, and the contact source. */
export type Session = { api: Api; me: Me; contacts: ContactSource; now: () => Date };

export const SessionContext = createContext<Session | undefined>(undefined);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in panel');
  return session;
}
