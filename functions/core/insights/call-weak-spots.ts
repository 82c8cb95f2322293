/**
 * Weak spots of the hotline (docs/decisions/0108): IVR menus where callers hang up or press keys the menu
 * does not offer far more than usual, and queues where more callers give up waiting. The inputs are the
 * rows of detect_ivr_nodes.sql and detect_queue_abandonment.sql over the contacts and ivr_steps tables:
 * counts in the window and over the baseline days, so the test is a rate against the same node's or
 * queue's own rate, not against a fixed number.
 */
import { poissonTail } from '../analytics/spikes.ts';
import type { AlertKind, AlertPlace, Finding } from './alert.ts';

/**
 * One IVR menu node (a row of detect_ivr_nodes.sql): times it was answered (a caller may answer it again
 * after a wrong key), calls that reached it, calls that ended there, wrong keys and silences.
 */
export type IvrNodeRow = {
  node: string;
  /** `window` (the hours just closed) or `baseline` (the same node over the baseline days). */
  period: 'window' | 'baseline';
  visits: number;
  calls: number;
  drops: number;
  wrong_keys: number;
  timeouts?: number;
};

/** One queue: calls offered and abandoned before an agent answered. */
export type QueueRow = {
  queue: string;
  period: 'window' | 'baseline';
  offered: number;
  abandoned: number;
};

export type CallSettings = {
  /** The hours just closed that are tested, and the days before them that are the node's own rate. */
  windowHours: number;
  baselineDays: number;
  /** No alert on fewer calls than this reaching the node or queue in the window. */
  minCalls: number;
  /** No alert on fewer bad outcomes (drops, wrong keys, abandoned calls) than this. */
  minEvents: number;
  /** The window's rate must be this multiple of the baseline's and this many points above it. */
  minRatio: number;
  minPoints: number;
  /** Poisson probability of that many bad outcomes at the baseline rate, below which it alerts. */
  alpha: number;
};

export const DEFAULT_CALL_SETTINGS: CallSettings = {
  windowHours: 3,
  baselineDays: 14,
  minCalls: 20,
  minEvents: 8,
  minRatio: 1.5,
  minPoints: 15,
  alpha: 1e-4,
};

type Rate = { events: number; calls: number };

function rateFinding(
  kind: AlertKind,
  metric: string,
  place: AlertPlace,
  window: Rate,
  baseline: Rate | undefined,
  span: { from: string; to: string },
  s: CallSettings,
): Finding | undefined {
  if (window.calls < s.minCalls || window.events < s.minEvents) return undefined;
  // A node or queue with no history is compared with a small rate, not with zero.
  const baseRate = baseline && baseline.calls > 0 ? Math.max(baseline.events / baseline.calls, 0.02) : 0.02;
  const rate = window.events / window.calls;
  if (rate < s.minRatio * baseRate || (rate - baseRate) * 100 < s.minPoints) return undefined;
  if (poissonTail(window.events, baseRate * window.calls) >= s.alpha) return undefined;
  return {
    kind,
    detectedAt: span.to,
    from: span.from,
    to: span.to,
    place: { ...place, metric },
    observed: Math.round(rate * 1000) / 10,
    expected: Math.round(baseRate * 1000) / 10,
    unit: 'percent',
    // Calls are not cases: these alerts name no case (the panel and the notice show none).
    references: [],
  };
}

/** Menu nodes with a drop-off or wrong-key rate well above their own. */
export function ivrFindings(
  rows: readonly IvrNodeRow[],
  span: { from: string; to: string },
  s: CallSettings = DEFAULT_CALL_SETTINGS,
): Finding[] {
  const nodes = [...new Set(rows.map((r) => r.node))].sort();
  return nodes.flatMap((node) => {
    const window = rows.find((r) => r.node === node && r.period === 'window');
    const baseline = rows.find((r) => r.node === node && r.period === 'baseline');
    if (!window) return [];
    const place = { menuNode: node };
    // A drop is per call that reached the menu; a wrong key per time the menu was answered.
    const drops = (r: IvrNodeRow | undefined) => r && { events: Number(r.drops), calls: Number(r.calls) };
    const wrongKeys = (r: IvrNodeRow | undefined) =>
      r && { events: Number(r.wrong_keys), calls: Number(r.visits) };
    return [
      rateFinding('ivr_dropoff', 'dropoff_rate', place, drops(window) as Rate, drops(baseline), span, s),
      rateFinding(
        'ivr_wrong_key',
        'wrong_key_rate',
        place,
        wrongKeys(window) as Rate,
        wrongKeys(baseline),
        span,
        s,
      ),
    ].filter((f): f is Finding => f !== undefined);
  });
}

/** Queues where the share of callers who give up rose well above its own. */
export function queueFindings(
  rows: readonly QueueRow[],
  span: { from: string; to: string },
  s: CallSettings = DEFAULT_CALL_SETTINGS,
): Finding[] {
  const queues = [...new Set(rows.map((r) => r.queue))].sort();
  return queues.flatMap((queue) => {
    const window = rows.find((r) => r.queue === queue && r.period === 'window');
    const baseline = rows.find((r) => r.queue === queue && r.period === 'baseline');
    if (!window) return [];
    const of = (r: QueueRow | undefined) => r && { events: Number(r.abandoned), calls: Number(r.offered) };
    const found = rateFinding(
      'queue_abandonment',
      'abandonment_rate',
      { queue },
      of(window) as Rate,
      of(baseline),
      span,
      s,
    );
    return found ? [found] : [];
  });
}
