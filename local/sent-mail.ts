import * as sesStoreModule from 'aws-ses-v2-local/dist/store.js';
import { appendJsonLine, readJsonLines } from './journal.ts';

type SesStore = typeof sesStoreModule;
type SentEmail = ReturnType<SesStore['getStoreReadonly']>['emails'][number];

// CommonJS: Node's ESM loader may hand over module.exports as the default export.
const sesStore = ((sesStoreModule as unknown as { default?: SesStore }).default ??
  sesStoreModule) as SesStore;

let journal: string | undefined;

/**
 * aws-ses-v2-local keeps what it was sent in memory; local mode's outbox and its mail viewer read that
 * store. With a data dir, every e-mail it accepts is appended to `file` before SES answers, and the
 * file is put back into the store on start, so acknowledgements survive a restart (or a kill -9) as
 * they would in a mailbox. One store per process: the latest data dir wins.
 */
export function keepSentMail(file: string) {
  journal = file;
  const emails = sesStore.getStoreReadonly().emails;
  const known = new Set(emails.map((e) => e.messageId));
  emails.unshift(...readJsonLines<SentEmail>(file).filter((e) => !known.has(e.messageId)));
  if ((emails as { journaled?: boolean }).journaled) return;
  const push = emails.push.bind(emails);
  Object.assign(emails, {
    journaled: true,
    push: (...sent: SentEmail[]) => {
      for (const email of sent) if (journal) appendJsonLine(journal, email);
      return push(...sent);
    },
  });
}
