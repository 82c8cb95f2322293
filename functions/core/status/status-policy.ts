/**
 * The one status policy of every channel (docs/decisions/0085): what anyone holding a reference may learn,
 * what only the case's own citizen may learn, and who counts as that citizen. Pure: the channels' adapters
 * decide who is asking, these functions decide what they are told.
 */
import type { Case, CaseEvent, CaseStatus, Channel } from '../case/case.ts';
import { isOpen, STATUS_LABELS } from '../case/case.ts';
import type { Catalogue } from '../catalogue/types.ts';
import type { Bilingual } from '../errors.ts';

/**
 * What anyone holding a reference learns, on any channel: where the case stands and who handles it. No
 * free text (descriptions and answers may name people, phones, addresses) and nothing about the citizen.
 */
export type PublicStatus = {
  view: 'public' | 'citizen';
  reference: string;
  status: CaseStatus;
  statusLabel: Bilingual;
  category?: Bilingual;
  department?: Bilingual;
  createdAt: string;
  updatedAt: string;
  resolvedAt?: string;
  closedAt?: string;
  /** Closed as a duplicate: the citizen follows that request instead. */
  mergedInto?: string;
};

/** One step of the timeline as its citizen sees it: no internal notes, staff names or other citizens. */
export type TimelineStep = {
  at: string;
  step: 'received' | 'status' | 'message_sent' | 'citizen_wrote' | 'merged';
  channel?: Channel;
  /** For `status`: the status the case moved to. */
  status?: CaseStatus;
  statusLabel?: Bilingual;
  /** What the citizen wrote, or what we wrote to them (an answer, a reply): their own conversation. */
  text?: string;
  /** For `merged`: the request this one joined. */
  into?: string;
};

/** A file on the timeline the citizen may open: the department's photos, and their own. */
export type CitizenFile = { key: string; at: string; addedBy: 'department' | 'citizen' };

/** What only the case's own citizen learns (with proof: docs/decisions/0085). */
export type CitizenStatus = PublicStatus & {
  view: 'citizen';
  /** The answer the citizen was sent, without who wrote it. */
  answer?: string;
  timeline: TimelineStep[];
  files: CitizenFile[];
  /** A resolved case can be reopened until its window closes (the lifecycle closes it then). */
  canReopen: boolean;
  reopenUntil?: string;
  /** New information and photos are taken while the case is open; a resolved one is reopened instead. */
  canAddInformation: boolean;
};

type Names = Pick<Catalogue, 'categories' | 'departments'>;

export function publicStatus(c: Case, catalogue: Names): PublicStatus {
  const category = catalogue.categories.find((x) => x.code === c.categoryCode)?.name;
  const department = catalogue.departments.find((d) => d.code === c.departmentCode)?.name;
  return {
    view: 'public',
    reference: c.reference,
    status: c.status,
    statusLabel: STATUS_LABELS[c.status],
    ...(category ? { category } : {}),
    ...(department ? { department } : {}),
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    ...(c.resolvedAt && c.status !== 'new' ? { resolvedAt: c.resolvedAt } : {}),
    ...(c.closedAt ? { closedAt: c.closedAt } : {}),
    ...(c.mergedInto ? { mergedInto: c.mergedInto } : {}),
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A resolved case may be reopened by its citizen for `reopenWindowDays` after it was resolved. */
export function reopenWindow(
  c: Pick<Case, 'status' | 'resolvedAt' | 'mergedInto'>,
  reopenWindowDays: number,
  now: Date,
): { open: boolean; until?: string } {
  if (c.status !== 'resolved' || !c.resolvedAt || c.mergedInto) return { open: false };
  const until = new Date(Date.parse(c.resolvedAt) + reopenWindowDays * DAY_MS);
  return { open: now < until, until: until.toISOString() };
}

/** Templates whose text is a person's answer to the citizen, not a notice (acknowledgements, codes). */
const ANSWER_TEMPLATES = new Set(['reply', 'resolved']);

/**
 * The public steps of a timeline, oldest first: received, each status it went through, what we sent the
 * citizen (the words only for answers) and what they wrote. Internal notes, assignments, tiers, categories,
 * transcripts, surveys and delivery reports are for staff; a merge shows only where this case went (never
 * which other citizen's request joined it).
 */
export function publicSteps(events: readonly CaseEvent[]): TimelineStep[] {
  const steps: TimelineStep[] = [];
  for (const e of [...events].sort((a, b) => a.at.localeCompare(b.at))) {
    const data = e.data ?? {};
    switch (e.kind) {
      case 'created':
        steps.push({ at: e.at, step: 'received', ...(e.channel ? { channel: e.channel } : {}) });
        break;
      case 'status': {
        const to = data.to as CaseStatus | undefined;
        if (to && to in STATUS_LABELS)
          steps.push({ at: e.at, step: 'status', status: to, statusLabel: STATUS_LABELS[to] });
        break;
      }
      case 'message_out': {
        if (data.deliveryStatus === 'suppressed' || !e.channel) break;
        const answer = ANSWER_TEMPLATES.has(String(data.template)) && e.text ? { text: e.text } : {};
        steps.push({ at: e.at, step: 'message_sent', channel: e.channel, ...answer });
        break;
      }
      case 'message_in':
        if (e.actor !== 'citizen') break;
        steps.push({
          at: e.at,
          step: 'citizen_wrote',
          ...(e.channel ? { channel: e.channel } : {}),
          ...(e.text ? { text: e.text } : {}),
        });
        break;
      case 'merge':
        if (typeof data.into === 'string') steps.push({ at: e.at, step: 'merged', into: data.into });
        break;
      default:
        break;
    }
  }
  return steps;
}

/** Files listed on the case's public events: what the citizen sent, and what staff added for them. */
export function citizenFiles(events: readonly CaseEvent[]): CitizenFile[] {
  const files: CitizenFile[] = [];
  for (const e of events) {
    if (e.kind === 'note' || e.kind === 'transcript') continue;
    const keys = e.data?.attachments;
    if (!Array.isArray(keys)) continue;
    const addedBy = e.actor === 'citizen' || e.kind === 'created' ? 'citizen' : 'department';
    for (const key of keys) if (typeof key === 'string') files.push({ key, at: e.at, addedBy });
  }
  return files;
}

export function citizenStatus(
  c: Case,
  events: readonly CaseEvent[],
  options: { catalogue: Names; reopenWindowDays: number; now: Date },
): CitizenStatus {
  const window = reopenWindow(c, options.reopenWindowDays, options.now);
  return {
    ...publicStatus(c, options.catalogue),
    view: 'citizen',
    ...(c.resolution ? { answer: c.resolution.answer } : {}),
    timeline: publicSteps(events),
    files: citizenFiles(events),
    canReopen: window.open,
    ...(window.open && window.until ? { reopenUntil: window.until } : {}),
    canAddInformation: isOpen(c) && !c.mergedInto,
  };
}
