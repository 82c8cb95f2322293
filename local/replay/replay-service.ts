/**
 * `POST /_local/replay`: steps of a replay file (local/replay/replay-file.ts) through local mode's real
 * intake, each at its own time. The clock moves to the step's moment first (never back: timers due by
 * then fire, SLA deadlines pass as they would have), then the row's message goes through receiveInbound
 * as agentApi runs it (its own channel, an external id from the row's id, so a second run finds it
 * done), the case is resolved by an agent's answer and rated as a citizen would.
 */
import { createHash } from 'node:crypto';
import type { Staff } from '../../functions/core/auth/roles.ts';
import type { Location } from '../../functions/core/case/case.ts';
import { WILAYATS } from '../../functions/core/catalogue/seed.ts';
import type { Identity, Inbound } from '../../functions/core/intake/inbound.ts';
import { receiveInbound } from '../../functions/core/intake/receive-inbound.ts';
import { actOnCase } from '../../functions/core/lifecycle/lifecycle.ts';
import { rateAnswer } from '../../functions/core/lifecycle/rate-answer.ts';
import { container } from '../../functions/shared/container.ts';
import { intakeDeps } from '../../functions/shared/intake.ts';
import { notify } from '../../functions/shared/messaging.ts';
import { resumeDeps } from '../../functions/shared/workflows.ts';
import { runAsLocalFunction } from '../lambda-runner.ts';
import { checkRow, type ReplayStep } from './replay-file.ts';

/** Who answers replayed cases: one agent, so the timeline and per-agent figures name someone. */
const REPLAY_AGENT: Staff = { username: 'replay.agent', roles: ['supervisor'], departments: [] };

export type StepResult = {
  id: string;
  kind: ReplayStep['kind'];
  outcome: 'done' | 'already' | 'skipped';
  reference?: string;
  problem?: string;
};

type ReplayClock = { now(): Date; setTo(at: Date): boolean; hold(): void; release(): void };

/** A sender per row (a made-up Omani mobile, or a mailbox for e-mail): replayed citizens stay apart. */
export function replaySender(row: { id: string; channel: string }): Identity {
  const digits = BigInt(`0x${createHash('sha256').update(row.id).digest('hex').slice(0, 12)}`) % 10_000_000n;
  return row.channel === 'email'
    ? { kind: 'email', value: `replay-${row.id.toLowerCase()}@replay.nidaa.invalid` }
    : { kind: 'phone', value: `+9689${digits.toString().padStart(7, '0')}` };
}

function locationOf(row: ReplayStep['row']): Location {
  if (row.lat !== undefined && row.lng !== undefined)
    return { lat: row.lat, lng: row.lng, ...(row.wilayatCode ? { wilayatCode: row.wilayatCode } : {}) };
  const wilayat = WILAYATS.find((w) => w.code === row.wilayatCode) ?? WILAYATS[0];
  return { ...(wilayat?.centre ?? { lat: 23.6, lng: 58.5 }), wilayatCode: wilayat?.code ?? 'muscat' };
}

function replayInbound(step: ReplayStep): Inbound {
  const { row } = step;
  return {
    channel: row.channel,
    externalId: `replay-${row.id}`,
    from: replaySender(row),
    receivedAt: row.createdAt,
    text: row.text,
    language: row.language,
    // A row is one report: never a follow-up of the same made-up sender's earlier one.
    intent: 'new_case',
    categoryCode: row.categoryCode,
    location: locationOf(row),
  };
}

/** The case a row opened before (its inbound message is stored with the outcome), if any. */
async function openedBefore(step: ReplayStep): Promise<string | undefined> {
  const stored = await container().inbound.get(step.row.channel, `replay-${step.row.id}`);
  const outcome = stored?.outcome;
  return outcome && 'reference' in outcome ? outcome.reference : undefined;
}

/** The clock at the step's moment; a moment already past (beyond a minute) cannot be replayed now. */
function moveTo(step: ReplayStep, clock: ReplayClock): string | undefined {
  const at = new Date(step.at);
  if (clock.setTo(at) || at.getTime() >= clock.now().getTime() - 60_000) return undefined;
  return `${step.at} is before the local clock (${clock.now().toISOString()}): replay into a fresh data dir started with NIDAA_CLOCK at or before the first row`;
}

async function runStep(step: ReplayStep, clock: ReplayClock): Promise<StepResult> {
  const base = { id: step.row.id, kind: step.kind };
  const known = await openedBefore(step);
  if (step.kind === 'open') {
    if (known) return { ...base, outcome: 'already', reference: known };
    const late = moveTo(step, clock);
    if (late) return { ...base, outcome: 'skipped', problem: late };
    const result = await receiveInbound(
      replayInbound(step),
      intakeDeps(async () => {}),
    );
    return result.kind === 'new_case'
      ? { ...base, outcome: result.duplicate ? 'already' : 'done', reference: result.reference }
      : { ...base, outcome: 'skipped', problem: `intake answered ${result.kind}` };
  }
  if (!known) return { ...base, outcome: 'skipped', problem: 'its case was not opened' };
  const reference = known;
  const c = await container().cases.get(reference);
  if (step.kind === 'resolve' && c?.resolvedAt) return { ...base, outcome: 'already', reference };
  if (step.kind === 'rate' && c?.satisfaction) return { ...base, outcome: 'already', reference };
  const late = moveTo(step, clock);
  if (late) return { ...base, outcome: 'skipped', reference, problem: late };
  if (step.kind === 'resolve') {
    await actOnCase(
      reference,
      { kind: 'resolve', answer: 'تمت معالجة البلاغ. / Your request has been dealt with.' },
      REPLAY_AGENT,
      { ...resumeDeps(), notify },
    );
    return { ...base, outcome: 'done', reference };
  }
  const rated = await rateAnswer(
    reference,
    { rating: step.row.satisfaction ?? 5, channel: step.row.channel },
    container(),
  );
  if (rated.kind === 'stored') return { ...base, outcome: 'done', reference };
  if (rated.kind === 'already') return { ...base, outcome: 'already', reference };
  return { ...base, outcome: 'skipped', reference, problem: rated.kind };
}

/** The route: `{ steps: [{ kind, at, row }] }` in time order → one result per step. */
export function replayService(clock: ReplayClock) {
  return async (input: Record<string, unknown>) => {
    const raw = Array.isArray(input.steps) ? (input.steps as unknown[]) : undefined;
    if (!raw || raw.length === 0 || raw.length > 500)
      return {
        status: 400 as const,
        body: { ar: 'أرسلوا steps: من 1 إلى 500 خطوة.', en: 'Send steps: 1 to 500 of them.' },
      };
    const steps: ReplayStep[] = [];
    for (const item of raw) {
      const s = (item ?? {}) as Record<string, unknown>;
      const row = checkRow((s.row ?? {}) as Record<string, unknown>);
      const kind = s.kind;
      if (typeof row === 'string' || (kind !== 'open' && kind !== 'resolve' && kind !== 'rate'))
        return {
          status: 400 as const,
          body: {
            ar: `خطوة غير صالحة: ${typeof row === 'string' ? row : 'kind'}`,
            en: `A step is not valid: ${typeof row === 'string' ? row : 'kind is open, resolve or rate'}`,
          },
        };
      steps.push({ kind, at: kind === 'open' ? row.createdAt : (row.resolvedAt ?? row.createdAt), row });
    }
    const results: StepResult[] = [];
    // Time stands still within a step, so everything it writes carries the row's own time.
    clock.hold();
    try {
      await runSteps(steps, results, clock);
    } finally {
      clock.release();
    }
    return { status: 200 as const, body: { results, now: clock.now().toISOString() } };
  };
}

async function runSteps(steps: readonly ReplayStep[], results: StepResult[], clock: ReplayClock) {
  for (const step of steps) {
    results.push(
      await runAsLocalFunction('agentApi', () => runStep(step, clock)).catch(
        (error: unknown): StepResult => ({
          id: step.row.id,
          kind: step.kind,
          outcome: 'skipped',
          problem: (error as Error).message,
        }),
      ),
    );
  }
}
