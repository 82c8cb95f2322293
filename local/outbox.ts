import { appendJsonLine, readJsonLines } from './journal.ts';

/**
 * Everything local mode "sent": SMS published to SNS, supervisors' alerts published to their topic, tasks
 * and callbacks started in Connect, and the e-mails aws-ses-v2-local received. GET /_local/outbox lists them oldest first.
 */
export type OutboxEntry = {
  channel: 'sms' | 'email' | 'task' | 'callback' | 'alert';
  to: string;
  subject?: string;
  text: string;
  at: string;
  [detail: string]: unknown;
};

type SesStoreEmail = {
  messageId: string;
  destination: { to: string[] };
  replyTo?: string[];
  subject: string;
  body: { text?: string; html?: string };
  headers?: { name: string; value: string }[];
  attachments?: { filename?: string; contentType?: string; size?: number }[];
  at: number;
};

export class Outbox {
  private readonly captured: OutboxEntry[];

  /** With a file, captured messages survive restarts of local mode (one JSON object per line). */
  constructor(
    private readonly sesUrl: string,
    private readonly file?: string,
  ) {
    this.captured = readJsonLines<OutboxEntry>(file);
  }

  add(entry: OutboxEntry) {
    this.captured.push(entry);
    if (this.file) appendJsonLine(this.file, entry);
  }

  /** Captured messages and the SES emulator's mail, merged by time. */
  async list(): Promise<OutboxEntry[]> {
    const response = await fetch(`${this.sesUrl}/store`);
    const { emails } = (await response.json()) as { emails: SesStoreEmail[] };
    const mails: OutboxEntry[] = emails.map((e) => ({
      channel: 'email',
      to: e.destination.to.join(', '),
      subject: e.subject,
      text: e.body.text ?? '',
      at: new Date(e.at * 1000).toISOString(),
      messageId: e.messageId,
      // What the citizen's mail client threads on, and a fax's letter.
      ...(e.replyTo?.length ? { replyTo: e.replyTo.join(', ') } : {}),
      ...(e.headers?.length ? { headers: Object.fromEntries(e.headers.map((h) => [h.name, h.value])) } : {}),
      ...(e.attachments?.length
        ? {
            attachments: e.attachments.map((a) => ({
              filename: a.filename,
              contentType: a.contentType,
              size: a.size,
            })),
          }
        : {}),
    }));
    return [...this.captured, ...mails].sort((a, b) => a.at.localeCompare(b.at));
  }
}
