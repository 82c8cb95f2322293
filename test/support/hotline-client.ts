import { isWorkingTime, nextWorkingStart } from '../../functions/core/sla/business-calendar.ts';
import { readRuntimeConfig } from '../../functions/shared/runtime-config.ts';
import type { LocalStack } from '../../local/local-stack.ts';
import { localClient } from './local-client.ts';

/** What `POST /_local/calls…` answers: what the caller hears and where the contact is. */
export type CallView = {
  callId: string;
  say: string[];
  language: 'ar' | 'en';
  ended: boolean;
  outcome: 'in_ivr' | 'with_agent' | 'callback' | 'disconnected';
  queue?: string;
  attributes: Record<string, string>;
  callbacks: { queue: string; number: string }[];
  path: string[];
};

/** A simulated caller (or chat customer) on local mode's hotline. */
export function hotlineClient(stack: () => LocalStack) {
  const { post } = localClient(stack);
  const view = async (res: Response) => {
    if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
    return (await res.json()) as CallView;
  };
  return {
    call: async (from: string, extra: Record<string, unknown> = {}) =>
      view(await post('/_local/calls', { from, dialed: '80077222', ...extra })),
    chat: async (extra: Record<string, unknown> = {}) =>
      view(await post('/_local/calls', { channel: 'chat', dialed: 'web', ...extra })),
    press: async (call: CallView, digits: string) =>
      view(await post(`/_local/calls/${call.callId}/keys`, { digits })),
    endChat: async (call: CallView) => view(await post(`/_local/calls/${call.callId}/end-chat`, {})),
    agentHangsUp: async (call: CallView) => view(await post(`/_local/calls/${call.callId}/agent-hangup`, {})),
    /** Moves local time (forward only) until the contact center is open, or closed. */
    async moveClockUntil(open: boolean) {
      const calendar = readRuntimeConfig().calendar;
      const clock = await post('/_local/clock', { advanceMinutes: 0.001 });
      const now = new Date(((await clock.json()) as { now: string }).now);
      if (isWorkingTime(now, calendar) === open) return;
      let target = now;
      if (open) target = new Date(nextWorkingStart(now, calendar).getTime() + 60 * 60_000);
      else while (isWorkingTime(target, calendar)) target = new Date(target.getTime() + 30 * 60_000);
      await post('/_local/clock', { advanceMinutes: (target.getTime() - now.getTime()) / 60_000 + 1 });
    },
    /** Presses each entry in turn and returns the last answer. */
    keys: async (call: CallView, ...sequence: string[]) => {
      let last = call;
      for (const digits of sequence)
        last = await view(await post(`/_local/calls/${call.callId}/keys`, { digits }));
      return last;
    },
  };
}
