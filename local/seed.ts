import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { keys, records } from '../functions/adapters/dynamodb/keys.ts';
import type { Case, CaseEvent, Channel, Tier } from '../functions/core/case/case.ts';
import { buildCase, type CaseDraft } from '../functions/core/case/open-case.ts';
import { formatReference } from '../functions/core/case/reference.ts';
import { routeCase } from '../functions/core/catalogue/route.ts';
import { SEED_CATALOGUE } from '../functions/core/catalogue/seed.ts';
import { TRAINING_EXAMPLES } from '../functions/core/classify/training-examples.ts';
import type { Identity } from '../functions/core/intake/inbound.ts';
import { dueAtFor, moveTier } from '../functions/core/lifecycle/tiers.ts';
import type { Contact } from '../functions/core/ports.ts';
import { type BusinessCalendar, localDate } from '../functions/core/sla/business-calendar.ts';
import { detectLanguage } from '../functions/core/text/arabic.ts';

/** A small deterministic PRNG (mulberry32): the same demo city on every machine. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How citizens of a Gulf municipality reach it (rough shares): the hotline first, then SMS and the web. */
const CHANNEL_MIX: [Channel, number][] = [
  ['voice', 0.34],
  ['sms', 0.2],
  ['web', 0.18],
  ['app', 0.12],
  ['email', 0.1],
  ['chat', 0.04],
  ['fax', 0.02],
];

const RESOLUTIONS = [
  { ar: 'تمت المعالجة من قبل الفريق الميداني.', en: 'The field team has dealt with it.' },
  {
    ar: 'تم التنسيق مع الجهة المختصة وحُلّت المشكلة.',
    en: 'Coordinated with the responsible unit; the problem is solved.',
  },
  { ar: 'تمت الإجابة على الاستفسار.', en: 'The question has been answered.' },
];

const DAY = 24 * 3600_000;

/**
 * A year of past cases for local mode's demo city: the classifier's labelled citizen texts (Arabic and
 * English), across channels and wilayats, routed and timed by the same domain functions the pipeline
 * uses. Most are closed; the last fortnight's are still in the tier queues.
 */
export function demoCity(count: number, now: Date, calendar: BusinessCalendar) {
  const rand = random(2026);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)] as T;
  const weighted = <T>(mix: [T, number][]) => {
    let r = rand();
    for (const [value, share] of mix) {
      r -= share;
      if (r < 0) return value;
    }
    return (mix.at(-1) as [T, number])[0];
  };

  const contacts: Contact[] = Array.from({ length: Math.ceil(count / 2) }, (_, i) => {
    const phone: Identity = { kind: 'phone', value: `+9689${String(1_000_000 + i * 37).padStart(7, '0')}` };
    const email: Identity = { kind: 'email', value: `citizen${i}@example.om` };
    return {
      contactId: `demo-contact-${i}`,
      identities: i % 5 === 0 ? [phone, email] : i % 7 === 0 ? [email] : [phone],
      preferredLanguage: i % 4 === 0 ? 'en' : 'ar',
      createdAt: new Date(now.getTime() - 400 * DAY).toISOString(),
    };
  });

  const created = Array.from(
    { length: count },
    () => new Date(now.getTime() - Math.floor(rand() * 365 * DAY)),
  ).sort((a, b) => a.getTime() - b.getTime());
  const sequences = new Map<number, number>();
  const cases: { case: Case; events: CaseEvent[] }[] = [];
  for (const at of created) {
    const example = pick(TRAINING_EXAMPLES);
    const category = SEED_CATALOGUE.categories.find((c) => c.code === example.categoryCode);
    if (!category) continue;
    const wilayat = pick(SEED_CATALOGUE.wilayats);
    const contact = pick(contacts);
    const channel = weighted(CHANNEL_MIX);
    const year = Number(localDate(at, calendar).slice(0, 4));
    const sequence = (sequences.get(year) ?? 0) + 1;
    sequences.set(year, sequence);
    const draft: CaseDraft = {
      categoryCode: category.code,
      departmentCode: routeCase({ categoryCode: category.code, wilayatCode: wilayat.code }, SEED_CATALOGUE),
      priority: category.priority,
      language: detectLanguage(example.text),
      wilayatCode: wilayat.code,
      confidence: 0.9,
      needsTriage: false,
      explanation: ['demo'],
    };
    const location = {
      lat: wilayat.centre.lat + (rand() - 0.5) * 0.04,
      lng: wilayat.centre.lng + (rand() - 0.5) * 0.04,
    };
    const built = buildCase({
      inbound: {
        channel,
        externalId: `demo-${year}-${sequence}`,
        from: contact.identities[0] as Identity,
        receivedAt: at.toISOString(),
        text: example.text,
        location,
      },
      draft,
      contactId: contact.contactId,
      reference: formatReference(year, sequence),
      now: at,
      calendar,
      catalogue: SEED_CATALOGUE,
    });
    cases.push(age(built, now, rand, calendar));
  }
  return { contacts, cases, counters: sequences };
}

/** Moves a freshly built case through the tiers and statuses a case of its age would have reached. */
function age(
  built: { case: Case; events: CaseEvent[] },
  now: Date,
  rand: () => number,
  calendar: BusinessCalendar,
) {
  let c = built.case;
  const events = [...built.events];
  const category = SEED_CATALOGUE.categories.find((x) => x.code === c.categoryCode);
  const createdAt = Date.parse(c.createdAt);
  const tier: Tier = rand() < 0.6 ? 1 : rand() < 0.6 ? 2 : 3;
  for (let t = 2 as Tier; t <= tier && category; t = (t + 1) as Tier) {
    const at = new Date(createdAt + (t - 1) * 0.5 * DAY);
    const move = moveTier(c, t, {
      reason: 'demo',
      actor: t === 2 ? 'agent1' : 'agent2',
      now: at,
      calendar,
      category,
      cause: rand() < 0.3 ? 'sla_breach' : 'agent',
    });
    c = { ...c, ...move.changes, version: c.version + 1 };
    events.push(...move.events);
  }
  const ageDays = (now.getTime() - createdAt) / DAY;
  const open = ageDays < 14 && rand() < 0.7;
  if (open) {
    const working = rand() < 0.5;
    const assignee = c.tier === 1 ? 'agent1' : c.tier === 2 ? 'agent2' : `dept.${c.departmentCode}`;
    // Still inside its tier's SLA (some close to it), so the demo opens without a wave of breaches.
    const dueAt = category
      ? dueAtFor(category, c.tier, new Date(now.getTime() - rand() * 2 * 3600_000), calendar)
      : c.dueAt;
    return {
      case: {
        ...c,
        dueAt,
        status: working ? 'in_progress' : 'assigned',
        ...(working ? { assignee } : {}),
      } as Case,
      events,
    };
  }
  const resolvedAt = new Date(createdAt + (0.3 + rand() * 4) * DAY).toISOString();
  const answer = RESOLUTIONS[Math.floor(rand() * RESOLUTIONS.length)] as { ar: string; en: string };
  const text = c.language === 'ar' ? answer.ar : answer.en;
  events.push({
    reference: c.reference,
    id: 'resolve-demo',
    at: resolvedAt,
    kind: 'status',
    actor: 'dept.demo',
    text,
    data: { from: 'in_progress', to: 'resolved' },
  });
  const closedAt = new Date(Date.parse(resolvedAt) + 7 * DAY);
  const closed = closedAt.getTime() < now.getTime();
  if (closed)
    events.push({
      reference: c.reference,
      id: 'close-demo',
      at: closedAt.toISOString(),
      kind: 'status',
      actor: 'system',
      data: { from: 'resolved', to: 'closed' },
    });
  return {
    case: {
      ...c,
      status: closed ? 'closed' : 'resolved',
      resolvedAt,
      resolution: { answer: text, at: resolvedAt, by: 'dept.demo' },
      ...(closed ? { closedAt: closedAt.toISOString() } : {}),
      updatedAt: closed ? closedAt.toISOString() : resolvedAt,
    } as Case,
    events,
  };
}

/** Writes the demo city into an empty table (first run of `npm start`). */
export async function seedDemoCity(
  endpoint: string,
  tableName: string,
  options: { count: number; now: Date; calendar: BusinessCalendar },
) {
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint }), {
    marshallOptions: { removeUndefinedValues: true },
  });
  const city = demoCity(options.count, options.now, options.calendar);
  const items: Record<string, unknown>[] = [
    ...city.contacts.flatMap((contact) => [
      { ...keys.contact(contact.contactId), entity: 'contact', ...contact },
      ...contact.identities.map((i) => ({
        ...keys.identity(i),
        entity: 'identity',
        contactId: contact.contactId,
        ...i,
      })),
    ]),
    ...city.cases.flatMap(({ case: c, events }) => [...events.map(records.caseEvent), records.case(c)]),
    // Their answers went out long ago: the outbound ledger knows, so a restarted lifecycle does not resend.
    ...city.cases
      .filter(({ case: c }) => c.resolution)
      .map(({ case: c }) => ({
        pk: `OUTBOUND#resolved-${c.reference}-${c.resolution?.at}`,
        sk: 'OUTBOUND',
        entity: 'outbound',
        providerMessageId: 'demo',
      })),
  ];
  const batches = Array.from({ length: Math.ceil(items.length / 25) }, (_, i) =>
    items.slice(i * 25, i * 25 + 25),
  );
  const write = async (batch: Record<string, unknown>[]) => {
    let pending = batch.map((Item) => ({ PutRequest: { Item } }));
    while (pending.length > 0) {
      const out = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = (out.UnprocessedItems?.[tableName] ?? []) as typeof pending;
    }
  };
  for (let i = 0; i < batches.length; i += 8) await Promise.all(batches.slice(i, i + 8).map(write));
  // New cases continue each year's sequence after the demo ones.
  for (const [year, seq] of city.counters) {
    await db.send(new PutCommand({ TableName: tableName, Item: { ...keys.counter(`REF#${year}`), seq } }));
  }
  return {
    cases: city.cases.length,
    contacts: city.contacts.length,
    open: city.cases.filter(({ case: c }) => c.status !== 'closed').length,
  };
}
