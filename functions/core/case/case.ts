import type { Bilingual } from '../errors.ts';

/** Channels a citizen can reach us on, and be answered on. */
export const CHANNELS = ['voice', 'sms', 'email', 'web', 'app', 'fax', 'chat'] as const;
export type Channel = (typeof CHANNELS)[number];

export type Language = 'ar' | 'en';
export type Tier = 1 | 2 | 3;

export const CASE_TYPES = [
  'complaint',
  'suggestion',
  'inquiry',
  'report',
  'compliment',
  'information_request',
] as const;
export type CaseType = (typeof CASE_TYPES)[number];

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const CASE_STATUSES = [
  'new',
  'assigned',
  'in_progress',
  'waiting_citizen',
  'resolved',
  'closed',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export type Location = { lat: number; lng: number; address?: string; wilayatCode?: string };

export type Case = {
  reference: string;
  type: CaseType;
  categoryCode: string;
  departmentCode: string;
  status: CaseStatus;
  priority: Priority;
  tier: Tier;
  assignee?: string;
  originChannel: Channel;
  replyChannel: Channel;
  language: Language;
  contactId: string;
  /** The citizen's first words, kept as plain text and always rendered escaped. */
  description: string;
  /** The subject the citizen gave (e-mail, fax), without Re:/Fwd: markers. */
  subject?: string;
  location?: Location;
  createdAt: string;
  updatedAt: string;
  /** When the current tier's SLA runs out (business time already applied). */
  dueAt: string;
  resolvedAt?: string;
  closedAt?: string;
  classification: { confidence: number; needsTriage: boolean };
  duplicateOf?: string;
  /** Closed as a duplicate of this case: the citizen follows its answer (functions/core/lifecycle/merge.ts). */
  mergedInto?: string;
  /** Cases merged into this one, whose citizens receive its answer too. */
  followers?: string[];
  /**
   * The case-lifecycle execution waiting on this case: its task token (never shown to anyone) and what it
   * waits for. Stored with the case so an agent's action or a citizen's reply can resume it.
   */
  workflow?: { taskToken: string; waitingFor: 'agent' | 'reopen_window'; since: string; timer: string };
  /**
   * How often the tier's Connect task was closed in Connect with no decision in Nidaa and opened again
   * (docs/decisions/0014). Part of the next task's ClientToken and timer name, so Connect opens a fresh task.
   */
  taskReopens?: number;
  /** The answer the citizen received when the case was last resolved. */
  resolution?: { answer: string; at: string; by: string };
  /**
   * The citizen's rating (1–5) from the hotline's post-call survey, kept on the case for statistics; the
   * timeline keeps a `survey` event too. The latest rating wins.
   */
  satisfaction?: { rating: 1 | 2 | 3 | 4 | 5; at: string; channel: Channel; contactId: string };
  /** Optimistic lock: every update is conditional on the version it read. */
  version: number;
};

export const OPEN_STATUSES: readonly CaseStatus[] = ['new', 'assigned', 'in_progress', 'waiting_citizen'];
export const isOpen = (c: Pick<Case, 'status'>) => OPEN_STATUSES.includes(c.status);

/** Which status may follow which; anything else is refused. Reopen is resolved → in_progress. */
const NEXT: Record<CaseStatus, readonly CaseStatus[]> = {
  new: ['assigned', 'in_progress', 'resolved'],
  assigned: ['in_progress', 'waiting_citizen', 'resolved', 'assigned'],
  in_progress: ['waiting_citizen', 'resolved', 'assigned'],
  waiting_citizen: ['in_progress', 'resolved', 'assigned'],
  resolved: ['closed', 'in_progress'],
  closed: [],
};

export const canTransition = (from: CaseStatus, to: CaseStatus) => NEXT[from].includes(to);

export const STATUS_LABELS: Record<CaseStatus, Bilingual> = {
  new: { ar: 'جديد', en: 'New' },
  // In a tier's queue: to the citizen it is under review, whoever picks it up.
  assigned: { ar: 'قيد المراجعة', en: 'Under review' },
  in_progress: { ar: 'قيد المعالجة', en: 'In progress' },
  waiting_citizen: { ar: 'بانتظار ردّكم', en: 'Waiting for your reply' },
  resolved: { ar: 'تمت المعالجة', en: 'Resolved' },
  closed: { ar: 'مغلق', en: 'Closed' },
};

export type CaseEventKind =
  | 'created'
  | 'message_in'
  | 'message_out'
  | 'note'
  | 'status'
  | 'assignment'
  | 'tier'
  | 'category'
  | 'merge'
  | 'attachment'
  /** A rating from the post-call survey (hotline or chat). */
  | 'survey'
  /** An Amazon Connect chat transcript, as one entry. */
  | 'transcript'
  /** What became of a message we sent: delivered, bounced, complained (SES events, DSNs). */
  | 'delivery'
  /** Contact Lens post-call analysis of a call: sentiment, categories, talk and non-talk time (no words). */
  | 'contact_analysis';

/** One append-only timeline entry. `id` is unique within the case and sorts by time. */
export type CaseEvent = {
  reference: string;
  id: string;
  at: string;
  kind: CaseEventKind;
  /** `citizen`, `system`, or the agent's username. */
  actor: string;
  channel?: Channel;
  text?: string;
  data?: Record<string, unknown>;
};
