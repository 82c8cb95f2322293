import type { ConnectContactFlowEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { PROMPTS } from '../../../functions/core/hotline/prompts.ts';
import { loadLocalFlow } from '../../../local/ivr/flow-files.ts';
import { type SimDeps, SimulatedContact } from '../../../local/ivr/simulator.ts';
import { identify, ivrStepAnswer } from '../../support/hotline-answers.ts';

/** The simulator with a stand-in hotline Lambda: `answer` decides what each operation returns. */
function contact(
  answer: (operation: string, event: ConnectContactFlowEvent) => Promise<unknown>,
  open = true,
) {
  const deps: SimDeps = {
    loadFlow: loadLocalFlow,
    invoke: async (_name, event) => {
      const e = event as ConnectContactFlowEvent;
      // Each menu answer is recorded through the hotline's ivrStep, answered as the real one does.
      if (e.Details.Parameters.operation === 'ivrStep') return ivrStepAnswer(e);
      return answer(String(e.Details.Parameters.operation), e);
    },
    now: () => new Date('2026-03-01T06:00:00Z'),
    isOpen: () => open,
    queueMetrics: () => ({ position: 1, waitSeconds: 30 }),
    instanceArn: 'arn:aws:connect:eu-central-1:111122223333:instance/local',
  };
  return new SimulatedContact(deps, {
    flow: 'hotline-inbound',
    channel: 'VOICE',
    from: '+96891234567',
    dialed: '+96880077222',
  });
}

describe('the flow simulator', () => {
  it('invokes the Lambda with the event Connect sends', async () => {
    const events: ConnectContactFlowEvent[] = [];
    const c = contact(async (op, e) => {
      events.push(e);
      return op === 'identify' ? identify : { valid: 'false', message: 'not valid' };
    });
    await c.start();
    const [first] = events;
    expect(first).toMatchObject({
      Name: 'ContactFlowEvent',
      Details: {
        ContactData: {
          Channel: 'VOICE',
          ContactId: c.contactId,
          InitiationMethod: 'INBOUND',
          CustomerEndpoint: { Address: '+96891234567', Type: 'TELEPHONE_NUMBER' },
          SystemEndpoint: { Address: '+96880077222', Type: 'TELEPHONE_NUMBER' },
          Queue: null,
        },
        Parameters: { operation: 'identify' },
      },
    });
  });

  it('greets with the built-in welcome when the caller lookup fails', async () => {
    const turn = await contact(async () => {
      throw new Error('table unavailable');
    }).start();
    expect(turn.say).toEqual([PROMPTS.welcome.ar, PROMPTS.languageChoice.en]);
  });

  it.each([
    ['throws', async () => Promise.reject(new Error('boom'))],
    ['answers nested JSON, which STRING_MAP refuses', async () => ({ found: { nested: 'yes' } })],
    ['answers more than 32 KB', async () => ({ message: 'x'.repeat(33 * 1024) })],
  ])('apologises and hands the caller to an agent when the Lambda %s', async (_, failure) => {
    const c = contact(async (op) => (op === 'identify' ? identify : failure()));
    await c.start();
    await c.input('2'); // English
    const turn = await c.input('2'); // procedures: the menu lookup fails
    // The queue flow's own lookup fails the same way: it says the caller is still waiting, never nothing.
    expect(turn.say).toEqual([PROMPTS.error.en, PROMPTS.transferring.en, PROMPTS.stillWaiting.en]);
    expect(turn.outcome).toBe('with_agent');
  });

  it('takes the error branch when the Lambda outlives the block’s time limit', async () => {
    const c = contact(async (op) => {
      if (op === 'identify') return identify;
      await new Promise((resolve) => setTimeout(resolve, 4_500));
      return { message: 'too late' };
    });
    await c.start();
    await c.input('1');
    const turn = await c.input('2');
    expect(turn.say[0]).toBe(PROMPTS.error.ar);
  }, 10_000);

  it('falls back to the standard Arabic voice when the neural one is refused, and keeps going', async () => {
    const c = contact(async () => identify);
    await c.start();
    expect(c.path.slice(0, 7)).toEqual([
      'hotline-inbound:Log this flow',
      'hotline-inbound:Identify caller',
      'hotline-inbound:Remember caller',
      'hotline-inbound:Which channel',
      'hotline-inbound:Arabic voice',
      'hotline-inbound:Say welcome',
      'hotline-inbound:English voice',
    ]);
  });
});

describe('the tier task flow', () => {
  const task = (queueId: string) => {
    const deps: SimDeps = {
      loadFlow: loadLocalFlow,
      invoke: async () => ({}),
      now: () => new Date('2026-03-01T06:00:00Z'),
      isOpen: () => true,
      queueMetrics: () => ({ position: 1, waitSeconds: 0 }),
      instanceArn: 'arn:aws:connect:eu-central-1:111122223333:instance/local',
    };
    return new SimulatedContact(deps, {
      flow: 'tier-task',
      channel: 'CHAT',
      dialed: '',
      attributes: { reference: '260001233', tier: '3', department: 'roads', queue: 't3#roads', queueId },
    });
  };

  it('puts the task in the queue its attributes name', async () => {
    const turn = await task('queue:t3#roads').start();
    expect(turn).toMatchObject({ outcome: 'with_agent', queue: 't3#roads', say: [] });
  });

  it('falls back to tier 1 when the named queue cannot be set', async () => {
    const contact = task('');
    const turn = await contact.start();
    expect(turn).toMatchObject({ outcome: 'with_agent', queue: 't1' });
    expect(contact.path).toContain('tier-task:Set tier 1 queue');
  });
});

describe('the prompts', () => {
  it('exist in Arabic (Arabic script) and English (none) for every key', () => {
    for (const [key, text] of Object.entries(PROMPTS)) {
      expect(/[\u0600-\u06FF]/.test(text.ar), `${key}.ar`).toBe(true);
      expect(/[\u0600-\u06FF]/.test(text.en), `${key}.en`).toBe(false);
    }
  });
});
