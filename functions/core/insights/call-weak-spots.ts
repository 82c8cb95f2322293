/**
 * Weak spots of the hotline (docs/decisions/0108): IVR menus where callers hang up or press keys the menu
 * does not offer far more than usual, and queues where more callers give up waiting. The inputs are rows
 * of the contacts and ivr_steps tables (aggregated by the detect_* queries once those tables land): each a
 * count of calls in the window and over the baseline days, so the test is a rate against the same node's
 * or queue's own rate, not against a fixed number.
 */
import { poissonTail } from '../analytics/spikes.ts';
import type { AlertKind, AlertPlace, Finding } from './alert.ts';

/** One IVR menu node: calls that reached it, hung up there, and pressed a key it does not offer. */
export type IvrNodeRow = {
  menu_node: string;
  /** `window` (the hours just closed) or `baseline` (the same node over the baseline days). */
  period: 'window' | 'baseline';
  entered: number;
  dropped: number;
  wrong_key: number;
  /** Up to a few contact ids or case references behind the window's count (none for the baseline). */
  references?: string;
};

/** One queue: calls offered and abandoned before an agent answered. */
export type QueueRow = {
  queue: string;
  period: 'window' | 'baseline';
  offered: number;
  abandoned: number;
  references?: string;
};

export type CallSettings = {
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
  minCalls: 20,
  minEvents: 8,
  minRatio: 1.5,
  minPoints: 15,
  alpha: 1e-4,
};

type Rate = { events: number; calls: number; references?: string | undefined };

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
    references: (window.references ?? '').split(',').filter(Boolean).sort(),
  };
}

/** Menu nodes with a drop-off or wrong-key rate well above their own. */
export function ivrFindings(
  rows: readonly IvrNodeRow[],
  span: { from: string; to: string },
  s: CallSettings = DEFAULT_CALL_SETTINGS,
): Finding[] {
  const nodes = [...new Set(rows.map((r) => r.menu_node))].sort();
  return nodes.flatMap((node) => {
    const window = rows.find((r) => r.menu_node === node && r.period === 'window');
    const baseline = rows.find((r) => r.menu_node === node && r.period === 'baseline');
    if (!window) return [];
    const place = { menuNode: node };
    const of = (r: IvrNodeRow | undefined, field: 'dropped' | 'wrong_key') =>
      r && { events: Number(r[field]), calls: Number(r.entered), references: r.references };
    return [
      rateFinding(
        'ivr_dropoff',
        'dropoff_rate',
        place,
        of(window, 'dropped') as Rate,
        of(baseline, 'dropped'),
        span,
        s,
      ),
      rateFinding(
        'ivr_wrong_key',
        'wrong_key_rate',
        place,
        of(window, 'wrong_key') as Rate,
        of(baseline, 'wrong_key'),
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
    const of = (r: QueueRow | undefined) =>
      r && { events: Number(r.abandoned), calls: Number(r.offered), references: r.references };
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
