import { SCREEN_POP_ATTRIBUTES } from '../../../functions/core/contact/screen-pop.ts';

/** The contact on the agent's line, as the panel needs it for the screen-pop. */
export type ActiveContact = {
  contactId: string;
  channel: 'voice' | 'chat' | 'task';
  /** Task contacts: the case the task is about. */
  reference?: string;
  callerPhone?: string;
  openCases: string[];
  language?: 'ar' | 'en';
  intent?: string;
};

export type ContactListener = (contact: ActiveContact | undefined) => void;

/** Where contacts come from: the Amazon Connect agent workspace, or the local stand-in. */
export interface ContactSource {
  readonly kind: 'workspace' | 'stand-in';
  subscribe(listener: ContactListener): () => void;
}

/** Reads the screen-pop attributes the contact flows set (functions/core/contact/screen-pop.ts). */
export function contactFromAttributes(
  contactId: string,
  channel: ActiveContact['channel'],
  attributes: Record<string, string | undefined>,
): ActiveContact {
  const a = SCREEN_POP_ATTRIBUTES;
  const language = attributes[a.language];
  const reference = attributes[a.reference]?.trim();
  const callerPhone = attributes[a.callerPhone]?.trim();
  const intent = attributes[a.intent]?.trim();
  return {
    contactId,
    channel,
    ...(reference ? { reference } : {}),
    ...(callerPhone ? { callerPhone } : {}),
    openCases: (attributes[a.openCases] ?? '')
      .split(',')
      .map((r) => r.trim())
      .filter(Boolean),
    ...(language === 'ar' || language === 'en' ? { language } : {}),
    ...(intent ? { intent } : {}),
  };
}

/** What the panel opens for a contact: a task's case, else the caller's cases (and a new-case form). */
export function screenPopTarget(
  contact: ActiveContact,
): { kind: 'case'; reference: string } | { kind: 'caller'; phone?: string; openCases: string[] } {
  if (contact.channel === 'task' && contact.reference) return { kind: 'case', reference: contact.reference };
  return {
    kind: 'caller',
    ...(contact.callerPhone ? { phone: contact.callerPhone } : {}),
    openCases: contact.openCases,
  };
}

/**
 * Outside Connect: a person simulates "a contact arrives with these attributes" from the Current contact
 * screen. Kept in sessionStorage so a reload keeps the contact, like the workspace would.
 */
export class StandInContactSource implements ContactSource {
  readonly kind = 'stand-in' as const;
  private readonly listeners = new Set<ContactListener>();
  private current: ActiveContact | undefined = StandInContactSource.restore();

  subscribe(listener: ContactListener) {
    this.listeners.add(listener);
    listener(this.current);
    return () => this.listeners.delete(listener);
  }

  arrive(contact: ActiveContact) {
    this.set(contact);
  }

  end() {
    this.set(undefined);
  }

  private set(contact: ActiveContact | undefined) {
    this.current = contact;
    if (contact) sessionStorage.setItem('nidaa.panel.contact', JSON.stringify(contact));
    else sessionStorage.removeItem('nidaa.panel.contact');
    for (const listener of this.listeners) listener(contact);
  }

  private static restore(): ActiveContact | undefined {
    try {
      const saved = sessionStorage.getItem('nidaa.panel.contact');
      return saved ? (JSON.parse(saved) as ActiveContact) : undefined;
    } catch {
      return undefined;
    }
  }
}

/** True when the page runs in an iframe (the agent workspace hosts third-party apps in one). */
export const inFrame = () => {
  try {
    return window.self !== window.top;
  } catch {
    return true;
  }
};

/**
 * Inside the Amazon Connect agent workspace: the Amazon Connect SDK for apps. Loaded only there (a
 * dynamic import), so the stand-alone panel does not carry it. The app's contact (and any contact that
 * connects later) is read with the screen-pop attributes; a cleared contact empties the panel's contact.
 */
export async function workspaceContactSource(): Promise<ContactSource> {
  const [{ AmazonConnectApp }, { ContactClient }] = await Promise.all([
    import('@amazon-connect/app'),
    import('@amazon-connect/contact'),
  ]);
  const listeners = new Set<ContactListener>();
  let last: ActiveContact | undefined;
  const emit = (contact: ActiveContact | undefined) => {
    last = contact;
    for (const listener of listeners) listener(contact);
  };
  let client: InstanceType<typeof ContactClient> | undefined;
  const load = async (contactId: string) => {
    if (!client) return;
    const [attributes, channelType] = await Promise.all([
      client.getAttributes(contactId, Object.values(SCREEN_POP_ATTRIBUTES)),
      client.getChannelType(contactId),
    ]);
    const channel = channelType.type === 'task' ? 'task' : channelType.type === 'chat' ? 'chat' : 'voice';
    emit(contactFromAttributes(contactId, channel, attributes));
  };
  // Registered per contact (lib/constructs/web/panel-site.ts): the workspace names the contact at creation.
  const { provider } = AmazonConnectApp.init({
    onCreate: async (event) => {
      const scope = event.context.scope;
      if (scope && 'contactId' in scope && typeof scope.contactId === 'string') await load(scope.contactId);
    },
  });
  client = new ContactClient(provider);
  client.onConnected(async ({ contactId }) => load(contactId));
  client.onCleared(async () => emit(undefined));
  return {
    kind: 'workspace',
    subscribe(listener) {
      listeners.add(listener);
      listener(last);
      return () => listeners.delete(listener);
    },
  };
}
