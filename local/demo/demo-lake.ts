/**
 * The demo year in local mode's analytics lake (docs/decisions/0115): at the first start of a data dir,
 * each row of local/demo/year-2026.csv.gz becomes the case versions and timeline events it would have
 * left (opened, escalated on SLA breach, resolved, rated), written through the same record transforms the
 * stream uses (functions/core/analytics/records.ts). Replaying 20 000 reports through intake would take an
 * hour; this takes seconds. Demo cases are marked: references with a 7-digit sequence from 9 000 001
 * (the case table's own never reach it), a citizen key `demo:<n>`, and their own `part-demo.jsonl` files.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { caseEventRow, caseRow } from '../../functions/core/analytics/records.ts';
import type { RowOf } from '../../functions/core/analytics/tables.ts';
import type { Case, CaseEvent } from '../../functions/core/case/case.ts';
import { formatReference } from '../../functions/core/case/reference.ts';
import { routeCase } from '../../functions/core/catalogue/route.ts';
import type { Catalogue } from '../../functions/core/catalogue/types.ts';
import { dueAtFor, moveTier, tierAfterBreach } from '../../functions/core/lifecycle/tiers.ts';
import type { BusinessCalendar } from '../../functions/core/sla/business-calendar.ts';
import type { LocalLake } from '../analytics/lake.ts';
import { type ReplayRow, readDemoYear } from './demo-year.ts';

const DEMO_SEQUENCE_START = 9_000_001;
/** Present once the demo year is in the lake: a second start does not add it again. */
const DEMO_MARKER = '.demo-year';
const DEMO_AGENT = 'demo.agent';

type Versions = { versions: Case[]; events: CaseEvent[] };

/** The versions and events one demo row stands for, as the real lifecycle would have written them. */
export function demoCaseHistory(
  row: ReplayRow,
  index: number,
  catalogue: Catalogue,
  calendar: BusinessCalendar,
  now = new Date(),
): Versions {
  const category = catalogue.categories.find((c) => c.code === row.categoryCode);
  if (!category) throw new Error(`demo year: unknown category ${row.categoryCode}`);
  const reference = formatReference(Number(row.createdAt.slice(0, 4)), DEMO_SEQUENCE_START + index);
  const wilayat = catalogue.wilayats.find((w) => w.code === row.wilayatCode);
  let c: Case = {
    reference,
    type: 'report',
    categoryCode: row.categoryCode,
    departmentCode: routeCase({ categoryCode: row.categoryCode, wilayatCode: row.wilayatCode }, catalogue),
    status: 'assigned',
    priority: category.priority,
    tier: 1,
    originChannel: row.channel,
    replyChannel: row.channel === 'voice' || row.channel === 'chat' ? 'sms' : row.channel,
    language: row.language,
    contactId: `demo:${index}`,
    description: row.text,
    ...(wilayat ? { location: { ...wilayat.centre, wilayatCode: wilayat.code } } : {}),
    createdAt: row.createdAt,
    updatedAt: row.createdAt,
    dueAt: dueAtFor(category, 1, new Date(row.createdAt), calendar),
    classification: { confidence: 1, needsTriage: false },
    version: 1,
  };
  const versions: Case[] = [c];
  const events: CaseEvent[] = [
    { reference, id: 'created', at: row.createdAt, kind: 'created', actor: 'citizen', channel: row.channel },
  ];
  const next = (changes: Partial<Case>, added: CaseEvent[]) => {
    c = { ...c, ...changes, version: c.version + 1 };
    versions.push(c);
    events.push(...added);
  };
  // Each deadline passed before the answer (or, unanswered, before now): escalated as the SLA timer
  // would have, up to tier 3.
  const end = row.resolvedAt ?? now.toISOString();
  while (c.dueAt < end && c.tier < 3) {
    const move = moveTier(c, tierAfterBreach(c.tier), {
      reason: 'SLA passed / تجاوز المهلة',
      actor: 'system',
      now: new Date(c.dueAt),
      calendar,
      category,
      cause: 'sla_breach',
    });
    next(move.changes, move.events);
  }
  if (row.resolvedAt) {
    const at = row.resolvedAt;
    next(
      { status: 'resolved', resolvedAt: at, updatedAt: at, resolution: { answer: '', at, by: DEMO_AGENT } },
      [
        {
          reference,
          id: `resolve-${c.version}`,
          at,
          kind: 'status',
          actor: DEMO_AGENT,
          data: { from: c.status, to: 'resolved' },
        },
      ],
    );
    if (row.satisfaction) {
      const rating = row.satisfaction as 1 | 2 | 3 | 4 | 5;
      const channel = c.replyChannel;
      next({ satisfaction: { rating, at, channel, contactId: c.contactId }, updatedAt: at }, [
        {
          reference,
          id: `rating-resolve-${c.version - 1}`,
          at,
          kind: 'survey',
          actor: 'citizen',
          channel,
          data: { rating, agent: DEMO_AGENT },
        },
      ]);
    }
  }
  return { versions, events };
}

/**
 * Writes the demo year into the lake once (a marker file says it is there); returns how many cases were
 * written, 0 when they already were.
 */
export function seedDemoLake(
  lake: LocalLake,
  lakeDir: string,
  deps: { catalogue: Catalogue; calendar: BusinessCalendar; rows?: readonly ReplayRow[] },
): number {
  const marker = path.join(lakeDir, DEMO_MARKER);
  if (existsSync(marker)) return 0;
  const rows = deps.rows ?? readDemoYear();
  const cases: RowOf<'cases'>[] = [];
  const caseEvents: RowOf<'case_events'>[] = [];
  rows.forEach((row, index) => {
    const { versions, events } = demoCaseHistory(row, index, deps.catalogue, deps.calendar);
    // The citizen key is the demo marker itself: no real citizen stands behind these rows.
    for (const v of versions) cases.push(caseRow(v, (id) => id, deps.calendar));
    const last = versions.at(-1) as Case;
    for (const e of events) caseEvents.push(caseEventRow(e, last, deps.calendar));
  });
  lake.append('cases', cases, 'demo');
  lake.append('case_events', caseEvents, 'demo');
  mkdirSync(lakeDir, { recursive: true });
  writeFileSync(marker, `${JSON.stringify({ cases: rows.length, at: new Date().toISOString() })}\n`);
  return rows.length;
}
