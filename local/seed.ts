import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
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
 * uses. Most are closed; the last fortnight's are still in the tier queues. Each year's references
 * follow `afterSequence` (the numbers already handed out that year; none by default).
 */
export function demoCity(
  count: number,
  now: Date,
  calendar: BusinessCalendar,
  afterSequence: ReadonlyMap<number, number> = new Map(),
) {
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
    const sequence = (sequences.get(year) ?? afterSequence.get(year) ?? 0) + 1;
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

/** How many conditional puts are in flight at once (dynalite has no batch conditions: one put each). */
const SEED_CONCURRENCY = 16;
/** Claims written per round, before the items they own are batch-written. */
const SEED_ROUND = 400;

/** An item put only if its key is free, and the items under its key that it then owns (a case's events). */
type Claim = { item: Record<string, unknown>; owned: Record<string, unknown>[] };

/**
 * Writes the demo city (first run of `npm start`) without ever overwriting a live record:
 * - each year's block of references is reserved on the live counter first (the same atomic ADD intake
 *   uses), so a case opened meanwhile can never get a number the seeder writes, and later ones follow;
 * - every case, citizen and identity is put only if its key is free (attribute_not_exists): one that
 *   exists is left as it is, and so is everything under it;
 * - a case's timeline events and ledger entries are batch-written only under a case the seeder has just
 *   claimed, so they cannot land in a live case's timeline (docs/decisions/0070).
 */
export async function seedDemoCity(
  endpoint: string,
  tableName: string,
  options: {
    count: number;
    now: Date;
    calendar: BusinessCalendar;
    /** Awaited before each round of writes (tests: a live write arriving mid-seed). */
    onProgress?: (written: number, total: number) => Promise<void> | void;
  },
) {
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint }), {
    marshallOptions: { removeUndefinedValues: true },
  });
  const draft = demoCity(options.count, options.now, options.calendar);
  const reserved = new Map<number, number>();
  for (const [year, count] of draft.counters) {
    const out = await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.counter(`REF#${year}`),
        UpdateExpression: 'ADD #seq :count',
        ExpressionAttributeNames: { '#seq': 'seq' },
        ExpressionAttributeValues: { ':count': count },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    reserved.set(year, Number(out.Attributes?.seq) - count);
  }
  // Only when numbers were already taken does the city move up behind them (same PRNG, same city).
  const city = [...reserved.values()].some((after) => after > 0)
    ? demoCity(options.count, options.now, options.calendar, reserved)
    : draft;
  const claims: Claim[] = [
    ...city.contacts.flatMap((contact) => [
      { item: { ...keys.contact(contact.contactId), entity: 'contact', ...contact }, owned: [] },
      ...contact.identities.map((i) => ({
        item: { ...keys.identity(i), entity: 'identity', contactId: contact.contactId, ...i },
        owned: [],
      })),
    ]),
    ...city.cases.map(({ case: c, events }) => ({
      item: records.case(c),
      owned: [
        ...events.map(records.caseEvent),
        // Its answer went out long ago: the outbound ledger knows, so a restarted lifecycle does not resend.
        ...(c.resolution
          ? [
              {
                pk: `OUTBOUND#resolved-${c.reference}-${c.resolution.at}`,
                sk: 'OUTBOUND',
                entity: 'outbound',
                providerMessageId: 'demo',
              },
            ]
          : []),
      ],
    })),
  ];
  let kept = 0;
  const claim = async ({ item }: Claim) => {
    try {
      await db.send(
        new PutCommand({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
      );
      return true;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      kept++;
      return false;
    }
  };
  const batchWrite = async (items: Record<string, unknown>[]) => {
    let pending = items.map((Item) => ({ PutRequest: { Item } }));
    while (pending.length > 0) {
      const out = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = (out.UnprocessedItems?.[tableName] ?? []) as typeof pending;
    }
  };
  for (let i = 0; i < claims.length; i += SEED_ROUND) {
    await options.onProgress?.(i, claims.length);
    const round = claims.slice(i, i + SEED_ROUND);
    const owned: Record<string, unknown>[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: SEED_CONCURRENCY }, async () => {
        while (next < round.length) {
          const c = round[next++] as Claim;
          if (await claim(c)) owned.push(...c.owned);
        }
      }),
    );
    const batches = Array.from({ length: Math.ceil(owned.length / 25) }, (_, b) =>
      owned.slice(b * 25, b * 25 + 25),
    );
    for (let b = 0; b < batches.length; b += 8) await Promise.all(batches.slice(b, b + 8).map(batchWrite));
  }
  return {
    cases: city.cases.length,
    contacts: city.contacts.length,
    open: city.cases.filter(({ case: c }) => c.status !== 'closed').length,
    /** Cases, citizens and identities whose key a live record already had, left untouched. */
    kept,
  };
}
