import { locateWilayat } from '../catalogue/geo.ts';
import { routeCase } from '../catalogue/route.ts';
import type { Catalogue, Category } from '../catalogue/types.ts';
import { classify, type NaiveBayesModel } from '../classify/classifier.ts';
import { type Inbound, messageInData } from '../intake/inbound.ts';
import { addBusinessMinutes, type BusinessCalendar } from '../sla/business-calendar.ts';
import { detectLanguage } from '../text/arabic.ts';
import type { Case, CaseEvent, Channel, Language, Priority } from './case.ts';

/** What case-intake decides before anything is stored: the classification and the route. */
export type CaseDraft = {
  categoryCode: string;
  departmentCode: string;
  priority: Priority;
  language: Language;
  wilayatCode?: string;
  confidence: number;
  needsTriage: boolean;
  /** Why: the words that decided the category, or `citizen` when the citizen chose it. */
  explanation: string[];
};

/**
 * Classifies and routes an inbound message. A category the citizen picked (web form, IVR menu) is
 * trusted; otherwise the classifier decides, and a low confidence sends the case to tier-1 triage.
 * Urgent words raise the priority whatever the category.
 */
export function draftCase(inbound: Inbound, model: NaiveBayesModel, catalogue: Catalogue): CaseDraft {
  const picked = catalogue.categories.find((c) => c.code === inbound.categoryCode);
  const result = classify(`${inbound.subject ?? ''} ${inbound.text}`, model);
  const category = picked ?? findCategory(catalogue, result.categoryCode);
  const wilayatCode =
    inbound.location?.wilayatCode ??
    (inbound.location ? locateWilayat(inbound.location, catalogue.wilayats)?.wilayat.code : undefined);
  return {
    categoryCode: category.code,
    departmentCode: routeCase(
      { categoryCode: category.code, ...(wilayatCode ? { wilayatCode } : {}) },
      catalogue,
    ),
    priority: result.urgency === 'urgent' ? 'urgent' : category.priority,
    language: inbound.language ?? detectLanguage(inbound.text),
    ...(wilayatCode ? { wilayatCode } : {}),
    confidence: picked ? 1 : result.confidence,
    needsTriage: picked ? false : result.needsTriage,
    explanation: picked ? ['citizen'] : result.explanation.map((e) => e.token),
  };
}

/** Voice, app and web have no outbound text of their own; e-mail and fax answer in kind, the rest by SMS. */
const REPLY_CHANNEL: Record<Channel, Channel> = {
  voice: 'sms',
  sms: 'sms',
  email: 'email',
  fax: 'fax',
  web: 'email',
  app: 'sms',
  chat: 'sms',
};

/** Builds the case and its first timeline events from the draft; nothing is stored here. */
export function buildCase(args: {
  inbound: Inbound;
  draft: CaseDraft;
  contactId: string;
  reference: string;
  now: Date;
  calendar: BusinessCalendar;
  catalogue: Catalogue;
}): { case: Case; events: CaseEvent[] } {
  const { inbound, draft, reference, now } = args;
  const category = findCategory(args.catalogue, draft.categoryCode);
  const at = now.toISOString();
  const caseItem: Case = {
    reference,
    type: category.caseType,
    categoryCode: draft.categoryCode,
    departmentCode: draft.departmentCode,
    status: 'new',
    priority: draft.priority,
    tier: 1,
    originChannel: inbound.channel,
    replyChannel:
      inbound.replyChannel ??
      (inbound.channel === 'web' && inbound.from.kind === 'phone' ? 'sms' : REPLY_CHANNEL[inbound.channel]),
    language: draft.language,
    contactId: args.contactId,
    description: inbound.text,
    // An e-mail's or fax's subject: often the complaint in a few words, so the agent sees it too.
    ...(inbound.subject ? { subject: inbound.subject } : {}),
    ...(inbound.location
      ? {
          location: { ...inbound.location, ...(draft.wilayatCode ? { wilayatCode: draft.wilayatCode } : {}) },
        }
      : {}),
    createdAt: at,
    updatedAt: at,
    dueAt: addBusinessMinutes(now, category.slaMinutes.tier1, args.calendar).toISOString(),
    classification: { confidence: draft.confidence, needsTriage: draft.needsTriage },
    version: 1,
  };
  const events: CaseEvent[] = [
    {
      reference,
      id: 'created',
      at,
      kind: 'created',
      actor: 'system',
      channel: inbound.channel,
      data: {
        categoryCode: draft.categoryCode,
        departmentCode: draft.departmentCode,
        explanation: draft.explanation,
      },
    },
    {
      reference,
      id: `in-${inbound.channel}-${inbound.externalId}`,
      at,
      kind: 'message_in',
      actor: 'citizen',
      channel: inbound.channel,
      text: inbound.text,
      ...withData(messageInData(inbound)),
    },
  ];
  return { case: caseItem, events };
}

const withData = (data: Record<string, unknown> | undefined) => (data ? { data } : {});

function findCategory(catalogue: Catalogue, code: string): Category {
  const category = catalogue.categories.find((c) => c.code === code);
  if (!category) throw new Error(`Unknown category ${code}`);
  return category;
}
