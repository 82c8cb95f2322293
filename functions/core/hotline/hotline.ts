/**
 * The hotline's answers to Amazon Connect flows (voice and chat): one operation per flow step, each taking
 * a few string parameters and answering a flat map of strings (what Connect's STRING_MAP response allows),
 * always in the caller's language. Pure: the stores, intake and SMS come in as ports.
 */
import { extendIvrPath } from '../analytics/contact-records.ts';
import { type Channel, isOpen, type Language } from '../case/case.ts';
import { parseReference } from '../case/reference.ts';
import type { Catalogue } from '../catalogue/types.ts';
import { retryOnConflict } from '../conflicts.ts';
import type { Bilingual } from '../errors.ts';
import type { Identity, Inbound } from '../intake/inbound.ts';
import type { IntakeResult } from '../intake/receive-inbound.ts';
import type { Procedure } from '../knowledge/types.ts';
import type { CaseStore, Clock, ContactCaseLinks, ContactStore, SurveyTally } from '../ports.ts';
import { lastDays } from '../stats/satisfaction.ts';
import { toLatinDigits } from '../text/digits.ts';
import type { HotlineSettings } from './settings.ts';
import type { Audience, HotlineChannel } from './speech.ts';
import * as say from './speech.ts';

export const HOTLINE_OPERATIONS = [
  'identify',
  'checkReference',
  'status',
  'myCases',
  'procedureMenu',
  'procedure',
  'sendProcedure',
  'categoryMenu',
  'complaint',
  'queueStatus',
  'survey',
  'ivrStep',
] as const;
export type HotlineOperation = (typeof HOTLINE_OPERATIONS)[number];

/** The attribute a chat widget may pass (StartChatContact Attributes) with the citizen's number. */
export const CHAT_PHONE_ATTRIBUTE = 'customerPhone';

/** One request from a flow: the operation, its parameters, and who is on the contact. */
export type HotlineRequest = {
  operation: HotlineOperation;
  parameters: Record<string, string>;
  contactId: string;
  channel: HotlineChannel;
  language: Language;
  /** The caller's number (E.164) on a call; on chat, the number the portal passed, if any. */
  phone?: string;
  /** The contact's IVR path so far (its `nidaaPath` attribute, which Connect sends with every event). */
  ivrPath?: string;
};

/** Connect's STRING_MAP: a flat object of strings. */
export type FlowAnswer = Record<string, string>;

export type HotlineDeps = {
  cases: Pick<CaseStore, 'get' | 'listByContact' | 'update'>;
  contacts: Pick<ContactStore, 'findByIdentity'>;
  links: ContactCaseLinks;
  clock: Clock;
  config: { municipality: Bilingual; referencePrefix: string };
  catalogue: Pick<Catalogue, 'categories' | 'departments'>;
  procedures: readonly Procedure[];
  settings: HotlineSettings;
  /** Files a new case through the same intake as every channel (functions/core/intake/receive-inbound.ts). */
  receive(inbound: Inbound): Promise<IntakeResult>;
  /** Sends one SMS at most once per `messageId`; false when it could not be sent (no mobile number). */
  sendSms(to: string, text: string, messageId: string): Promise<boolean>;
  /**
   * Counts a status lookup about a request that is not the caller's own (by caller ID, else by contact)
   * and says whether it is within the limit (docs/decisions/0085); without it nothing is limited.
   */
  countPublicLookup?(caller: string): Promise<boolean>;
  /** Daily survey counts for the supervisors, and the local day a rating falls on. */
  surveys: SurveyTally;
  utcOffsetMinutes: number;
};

/** Key presses and chat replies name menu entries 1–9 (Arabic-Indic digits too). */
function menuIndex(key: string | undefined, size: number): number | undefined {
  const digit = Number(toLatinDigits((key ?? '').trim()).replace(/#$/, ''));
  return Number.isInteger(digit) && digit >= 1 && digit <= size ? digit - 1 : undefined;
}

const yes = (value: boolean) => (value ? 'true' : 'false');

export async function answerFlow(req: HotlineRequest, deps: HotlineDeps): Promise<FlowAnswer> {
  const a: Audience = { language: req.language, channel: req.channel };
  const p = req.parameters;
  switch (req.operation) {
    case 'identify':
      return identify(req, deps);
    case 'checkReference': {
      const parsed = parseReference(p.reference ?? '', [deps.config.referencePrefix]);
      if (!parsed.ok) return { valid: 'false', message: say.invalidReference(a) };
      return {
        valid: 'true',
        reference: parsed.reference,
        message: say.confirmReference(parsed.reference, a),
      };
    }
    case 'status': {
      const parsed = parseReference(p.reference ?? '', [deps.config.referencePrefix]);
      if (!parsed.ok) return { found: 'false', message: say.invalidReference(a) };
      // Anyone may hear a request's public status (status, department: docs/decisions/0085), but only so
      // often: a caller ID is not proof (it can be forged), so the IVR never reads an answer aloud.
      if (!(await withinLookupLimit(req, parsed.reference, deps))) {
        return { found: 'false', limited: 'true', message: say.tooManyLookups(a) };
      }
      const found = await deps.cases.get(parsed.reference);
      if (!found) return { found: 'false', message: say.referenceNotFound(parsed.reference, a) };
      await deps.links.link(req.contactId, found.reference, deps.clock.now().toISOString());
      const department = deps.catalogue.departments.find((d) => d.code === found.departmentCode)?.name;
      return {
        found: 'true',
        reference: found.reference,
        status: found.status,
        message: say.caseStatus(found, department, a),
      };
    }
    case 'myCases': {
      const open = await openCasesOf(req, deps);
      const read = open.slice(0, deps.settings.openCasesToRead);
      return {
        count: String(open.length),
        ...(read[0] ? { reference: read[0].reference } : {}),
        message: say.openCasesSummary(read, open.length, a),
      };
    }
    case 'procedureMenu':
      return {
        message: say.menu(
          menuProcedures(deps).map((x) => x.title),
          a,
        ),
      };
    case 'procedure': {
      const procedures = menuProcedures(deps);
      const index = menuIndex(p.key, procedures.length);
      const chosen = index === undefined ? undefined : procedures[index];
      if (!chosen) return { found: 'false', message: say.noChoice(a) };
      return { found: 'true', code: chosen.code, message: say.procedureSpeech(chosen, a) };
    }
    case 'sendProcedure': {
      const chosen = deps.procedures.find((x) => x.code === p.code);
      if (!chosen || !req.phone) return { sent: 'false', message: say.procedureNotSent(a) };
      const sent = await deps.sendSms(
        req.phone,
        say.procedureSms(chosen, req.language),
        `hotline-procedure-${req.contactId}-${chosen.code}`,
      );
      return { sent: yes(sent), message: sent ? say.procedureSent(a) : say.procedureNotSent(a) };
    }
    case 'categoryMenu':
      return {
        message: say.menu(
          menuCategories(deps).map((c) => c.name),
          a,
        ),
      };
    case 'complaint':
      return complaint(req, deps, a);
    case 'queueStatus': {
      const position = numberOrUndefined(p.position);
      const wait = numberOrUndefined(p.waitSeconds);
      const offerCallback =
        req.channel === 'VOICE' && wait !== undefined && wait > deps.settings.callbackAfterWaitSeconds;
      return { offerCallback: yes(offerCallback), message: say.queueStatus(position, wait, a) };
    }
    case 'survey':
      return survey(req, deps, a);
    case 'ivrStep':
      // Set contact attributes cannot append: the flow stores this answer as the new path (decision 0118).
      return { nidaaPath: extendIvrPath(req.ivrPath, p.node ?? '', p.input) };
  }
}

const numberOrUndefined = (value: string | undefined) => {
  const n = Number(toLatinDigits(value ?? ''));
  return value && value.trim() !== '' && Number.isFinite(n) ? n : undefined;
};

function menuProcedures(deps: HotlineDeps): Procedure[] {
  return deps.settings.procedureMenu.flatMap((code) => deps.procedures.find((x) => x.code === code) ?? []);
}

function menuCategories(deps: HotlineDeps) {
  return deps.settings.complaintMenu.flatMap(
    (code) => deps.catalogue.categories.find((c) => c.code === code) ?? [],
  );
}

/** The caller's own open requests are never counted; anything else is, per caller ID or per contact. */
async function withinLookupLimit(req: HotlineRequest, reference: string, deps: HotlineDeps) {
  if (!deps.countPublicLookup) return true;
  if ((await openCasesOf(req, deps)).some((c) => c.reference === reference)) return true;
  return deps.countPublicLookup(req.phone ? `phone:${req.phone}` : `contact:${req.contactId}`);
}

const phoneIdentity = (phone: string): Identity => ({ kind: 'phone', value: phone });

async function openCasesOf(req: HotlineRequest, deps: HotlineDeps) {
  if (!req.phone) return [];
  const contact = await deps.contacts.findByIdentity(phoneIdentity(req.phone));
  if (!contact) return [];
  // Newest first; a citizen with more than 50 cases hears the newest open ones.
  return (await deps.cases.listByContact(contact.contactId, 50)).filter(isOpen);
}

/** Who is calling: their open cases for the agent's screen-pop, and the greeting with the municipality's name. */
async function identify(req: HotlineRequest, deps: HotlineDeps): Promise<FlowAnswer> {
  const open = await openCasesOf(req, deps);
  const greeting = say.welcome(deps.config.municipality);
  const latest = open[0];
  if (latest) await deps.links.link(req.contactId, latest.reference, deps.clock.now().toISOString());
  return {
    callerPhone: req.phone ?? '',
    // References are 9–12 digits: ten of them stay far below Connect's 32 KB attribute budget.
    openCases: open
      .slice(0, 10)
      .map((c) => c.reference)
      .join(','),
    openCount: String(open.length),
    reference: latest?.reference ?? '',
    welcomeAr: greeting.ar,
    welcomeEn: greeting.en,
  };
}

/** A new case through the common intake, idempotent on the contact and the chosen category. */
async function complaint(req: HotlineRequest, deps: HotlineDeps, a: Audience): Promise<FlowAnswer> {
  const categories = menuCategories(deps);
  const index = menuIndex(req.parameters.key, categories.length);
  const category = index === undefined ? undefined : categories[index];
  if (!category) return { created: 'false', message: say.noChoice(a) };
  const channel: Channel = req.channel === 'VOICE' ? 'voice' : 'chat';
  const from: Identity = req.phone
    ? phoneIdentity(req.phone)
    : // A chat without a number: the citizen is known by this conversation only and reads the reference here.
      { kind: 'device', value: `connect-chat:${req.contactId}` };
  const result = await deps.receive({
    channel,
    externalId: `${req.contactId}:${category.code}`,
    from,
    receivedAt: deps.clock.now().toISOString(),
    text:
      req.language === 'ar'
        ? `بلاغ عبر ${channel === 'voice' ? 'الخط الساخن' : 'المحادثة'}: ${category.name.ar}`
        : `Report by ${channel === 'voice' ? 'hotline' : 'chat'}: ${category.name.en}`,
    language: req.language,
    categoryCode: category.code,
    intent: 'new_case',
  });
  if (result.kind !== 'new_case' && result.kind !== 'follow_up') {
    // Another delivery of this same request is still being filed (Connect retries within its limit).
    throw new Error(`complaint not filed yet: ${result.kind}`);
  }
  await deps.links.link(req.contactId, result.reference, deps.clock.now().toISOString());
  return {
    created: 'true',
    reference: result.reference,
    message: say.complaintCreated(result.reference, category.name, Boolean(req.phone), a),
  };
}

/** The rating 1–5 on the contact's case: a timeline event and the case's `satisfaction`, once per contact. */
async function survey(req: HotlineRequest, deps: HotlineDeps, a: Audience): Promise<FlowAnswer> {
  const rating = menuIndex(req.parameters.rating, 5);
  if (rating === undefined) return { stored: 'false', valid: 'false', message: say.noChoice(a) };
  const value = (rating + 1) as 1 | 2 | 3 | 4 | 5;
  const reference =
    parseReferenceOrUndefined(req.parameters.reference, deps) ?? (await deps.links.find(req.contactId));
  if (!reference) return { stored: 'false', valid: 'true', message: say.surveyThanks(a) };
  const channel: Channel = req.channel === 'VOICE' ? 'voice' : 'chat';
  let firstRating = false;
  const stored = await retryOnConflict(async () => {
    firstRating = false;
    const current = await deps.cases.get(reference);
    if (!current) return false;
    if (current.satisfaction?.contactId === req.contactId && current.satisfaction.rating === value)
      return true;
    firstRating = current.satisfaction?.contactId !== req.contactId;
    const at = deps.clock.now().toISOString();
    await deps.cases.update(
      reference,
      current.version,
      { satisfaction: { rating: value, at, channel, contactId: req.contactId } },
      [
        {
          reference,
          id: `survey-${req.contactId}`,
          at,
          kind: 'survey',
          actor: 'citizen',
          channel,
          data: { rating: value, contactId: req.contactId },
        },
      ],
    );
    return true;
  });
  // Counted once per contact, after the case holds it (a lost count is possible, a doubled one is not).
  if (stored && firstRating) {
    const [day] = lastDays(deps.clock.now(), 1, deps.utcOffsetMinutes);
    await deps.surveys.add(day as string, value);
  }
  return { stored: yes(stored), valid: 'true', message: say.surveyThanks(a) };
}

function parseReferenceOrUndefined(value: string | undefined, deps: HotlineDeps) {
  if (!value) return undefined;
  const parsed = parseReference(value, [deps.config.referencePrefix]);
  return parsed.ok ? parsed.reference : undefined;
}
