import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Flow, type FlowAction, placeholder } from '../../../contact-flows/build/dsl.ts';
import { FLOW_SOURCES } from '../../../contact-flows/build/flows.ts';
import { CONTACT_FLOWS } from '../../../contact-flows/catalog.ts';
import type { Channel, FlowType } from '../../../contact-flows/flow-language.ts';
import { PROMPTS } from '../../../functions/core/hotline/prompts.ts';
import { PROJECT_ROOT } from '../../../lib/project-root.ts';
import { readFlowText } from '../../../local/ivr/flow-files.ts';
import { validateCatalog, validateFlow } from '../../../local/ivr/validator.ts';

describe('the catalogue flows', () => {
  it('pass every check', () => {
    expect(validateCatalog()).toEqual([]);
  });

  it.each(Object.entries(CONTACT_FLOWS))(
    '%s is what contact-flows/build generates (run npm run flows)',
    (name, spec) => {
      const committed = JSON.parse(readFileSync(path.join(PROJECT_ROOT, spec.file), 'utf8'));
      expect(committed).toEqual(FLOW_SOURCES[name]);
    },
  );

  it('registers every generated flow, and tier-task as the flow Connect tasks start in', () => {
    expect(Object.keys(FLOW_SOURCES).sort()).toEqual(Object.keys(CONTACT_FLOWS).sort());
    expect(CONTACT_FLOWS['tier-task']?.type).toBe('CONTACT_FLOW');
    expect(CONTACT_FLOWS['customer-queue']?.type).toBe('CUSTOMER_QUEUE');
  });
});

/** The hotline flow with one change, as a broken edit would make it. */
function brokenHotline(edit: (flow: Flow) => void) {
  const flow = JSON.parse(readFlowText('hotline-inbound')) as Flow;
  edit(flow);
  return validateFlow('broken', JSON.stringify(flow));
}
const action = (flow: Flow, id: string): FlowAction => {
  const found = flow.Actions.find((a) => a.Identifier === id);
  if (!found) throw new Error(id);
  return found;
};
const problemsOf = (problems: { action?: string; problem: string }[]) =>
  problems.map((p) => `${p.action ?? ''}: ${p.problem}`);

describe('the validator catches a broken flow', () => {
  it('a transition to an action that does not exist', () => {
    const problems = brokenHotline((f) => {
      action(f, 'Say status').Transitions.NextAction = 'Nowhere';
    });
    expect(problemsOf(problems)).toContain('Say status: goes to Nowhere, which does not exist');
  });

  it('an error branch left out (a Lambda failure would end in dead air)', () => {
    const problems = brokenHotline((f) => {
      action(f, 'Look up status').Transitions.Errors = [];
    });
    expect(problemsOf(problems)).toContain('Look up status: does not handle NoMatchingError');
  });

  it('a menu without a timeout branch', () => {
    const problems = brokenHotline((f) => {
      const menu = action(f, 'Main menu');
      menu.Transitions.Errors = menu.Transitions.Errors?.filter(
        (e) => e.ErrorType !== 'InputTimeLimitExceeded',
      );
    });
    expect(problemsOf(problems)).toContain('Main menu: does not handle InputTimeLimitExceeded');
  });

  it('a retry without a Loop bound: a silent caller would hear the menu for ever', () => {
    const problems = brokenHotline((f) => {
      for (const e of action(f, 'Main menu').Transitions.Errors ?? []) {
        if (e.ErrorType !== 'NoMatchingError') e.NextAction = 'Main retry invalid';
      }
    });
    // The cycle also passes the block that marks the menu as waiting (the IVR path, decision 0118).
    const cycles = problems
      .filter((p) => p.problem.startsWith('can hold a caller forever: '))
      .map((p) => p.problem.replace(/^[^:]*: | \(add a Loop block\)$/g, '').split(' → '));
    expect(cycles).toContainEqual(
      expect.arrayContaining(['Path in Main menu', 'Main menu', 'Main retry invalid']),
    );
  });

  it('a prompt that exists in one language only, or not at all', () => {
    const literal = brokenHotline((f) => {
      action(f, 'Goodbye').Parameters.Text = 'Goodbye!';
    });
    expect(problemsOf(literal)[0]).toMatch(/^Goodbye: speaks a literal text that is not in prompts.ts/);
    const unknown = brokenHotline((f) => {
      action(f, 'Goodbye').Parameters.Text = '$.Attributes.p_farewell';
    });
    expect(problemsOf(unknown)).toContain('Goodbye: speaks p_farewell, which is not in prompts.ts');
    const english = brokenHotline((f) => {
      (action(f, 'Set English').Parameters.Attributes as Record<string, string>).p_bye = PROMPTS.bye.ar;
    });
    expect(problemsOf(english)).toContain('Set English: does not set p_bye to its en text');
  });

  it('an unknown or malformed placeholder', () => {
    const problems = brokenHotline((f) => {
      action(f, 'Agent').Parameters.QueueId = placeholder('queue', 't9');
      action(f, 'Callback queue').Parameters.QueueId = `$${'{'}queues:callback}`;
    });
    expect(problemsOf(problems)).toEqual(
      expect.arrayContaining([
        `: unknown placeholder ${placeholder('queue', 't9')}`,
        `: malformed placeholder $${'{'}queues:callback}`,
      ]),
    );
  });

  it('a block it does not know, a bad Lambda limit, and a missing start', () => {
    const problems = brokenHotline((f) => {
      f.StartAction = 'Missing start';
      action(f, 'Log this flow').Type = 'ConnectParticipantWithLexBot';
      action(f, 'File complaint').Parameters.InvocationTimeLimitSeconds = '20';
    });
    expect(problemsOf(problems)).toEqual(
      expect.arrayContaining([
        ': StartAction Missing start is not an action',
        'Log this flow: block type ConnectParticipantWithLexBot is not one the simulator and validator know',
        'File complaint: InvocationTimeLimitSeconds must be a static integer from 1 to 8',
      ]),
    );
  });
});

/** A flow of the given type and channels around one action under test, checked as the catalogue would be. */
function withAction(under: FlowAction, kind: { type?: FlowType; channels?: Channel[] } = {}): string[] {
  const flow = {
    Version: '2019-10-30',
    StartAction: under.Identifier,
    Actions: [under, { Identifier: 'End', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} }],
  };
  return problemsOf(
    validateFlow(
      'rules',
      JSON.stringify(flow),
      {},
      {
        type: kind.type ?? 'CONTACT_FLOW',
        channels: kind.channels ?? ['VOICE'],
      },
    ),
  ).filter((p) => !p.includes('never reached'));
}
const next = { NextAction: 'End', Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'End' }] };

describe('the flow-language rules (contact-flows/flow-language.ts)', () => {
  it('one event hook per UpdateContactEventHooks, and only hooks that exist', () => {
    const hooks = (EventHooks: Record<string, string>) =>
      withAction({
        Identifier: 'Hooks',
        Type: 'UpdateContactEventHooks',
        Parameters: { EventHooks },
        Transitions: next,
      });
    expect(hooks({ CustomerQueue: 'arn:q' })).toEqual([]);
    expect(hooks({ CustomerQueue: 'arn:q', CustomerRemaining: 'arn:s' })).toContain(
      'Hooks: EventHooks must hold exactly one entry, not 2',
    );
    expect(hooks({ CustomerWaiting: 'arn:q' })).toContain('Hooks: CustomerWaiting is not an event hook');
  });

  it('Loop counts 0–100 and branches on ContinueLooping and DoneLooping only', () => {
    const loop = (LoopCount: string, operands = ['ContinueLooping', 'DoneLooping']) =>
      withAction({
        Identifier: 'Loop',
        Type: 'Loop',
        Parameters: { LoopCount },
        Transitions: {
          NextAction: 'End',
          Conditions: operands.map((o) => ({
            NextAction: 'End',
            Condition: { Operator: 'Equals', Operands: [o] },
          })),
        },
      });
    expect(loop('3')).toEqual([]);
    expect(loop('101')).toContain('Loop: LoopCount must be 0–100, fully static or fully dynamic');
    expect(loop('3', ['ContinueLooping'])).toContain('Loop: needs a condition for DoneLooping');
    expect(loop('3', ['ContinueLooping', 'DoneLooping', 'Maybe'])).toContain('Loop: cannot branch on Maybe');
  });

  it('a menu compares single keys 0–9, * and # (Arabic-Indic digits are for chat text, not the keypad)', () => {
    const menu = (keys: string[]) =>
      withAction({
        Identifier: 'Menu',
        Type: 'GetParticipantInput',
        Parameters: { Text: '$.Attributes.p_main', StoreInput: 'False', InputTimeLimitSeconds: '5' },
        Transitions: {
          NextAction: 'End',
          Conditions: keys.map((k) => ({
            NextAction: 'End',
            Condition: { Operator: 'Equals', Operands: [k] },
          })),
          Errors: ['NoMatchingError', 'NoMatchingCondition', 'InputTimeLimitExceeded'].map((ErrorType) => ({
            ErrorType,
            NextAction: 'End',
          })),
        },
      });
    expect(menu(['1', '#'])).toEqual([]);
    expect(menu(['١'])).toContain('Menu: a key condition compares one key (0–9, *, #), not "١"');
    expect(menu(['12'])).toContain('Menu: a key condition compares one key (0–9, *, #), not "12"');
  });

  it('Store customer input needs its validation and takes no conditions or NoMatchingCondition', () => {
    const problems = withAction({
      Identifier: 'Collect',
      Type: 'GetParticipantInput',
      Parameters: { Text: '$.Attributes.p_main', StoreInput: 'True', InputTimeLimitSeconds: '0' },
      Transitions: {
        NextAction: 'End',
        Errors: [
          { ErrorType: 'NoMatchingError', NextAction: 'End' },
          { ErrorType: 'NoMatchingCondition', NextAction: 'End' },
        ],
      },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'Collect: InputTimeLimitSeconds must be a static integer above 0',
        'Collect: InputValidation is required if and only if StoreInput is "True"',
        'Collect: GetParticipantInput cannot raise NoMatchingCondition',
      ]),
    );
  });

  it('call-back delays within three days, attempts above zero, queue or agent but not both', () => {
    const problems = withAction({
      Identifier: 'Callback',
      Type: 'CreateCallbackContact',
      Parameters: {
        QueueId: 'arn:q',
        AgentId: 'arn:a',
        InitialCallDelaySeconds: '300000',
        MaximumConnectionAttempts: '0',
        RetryDelaySeconds: '$.Attributes.delay',
      },
      Transitions: next,
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'Callback: only one of QueueId, AgentId may be given',
        'Callback: InitialCallDelaySeconds must be a static integer from 1 to 259200',
        'Callback: MaximumConnectionAttempts must be a static integer above 0',
        'Callback: RetryDelaySeconds must be a static integer from 1 to 259200',
      ]),
    );
  });

  it('which actions each flow type allows', () => {
    const transfer = {
      Identifier: 'Transfer',
      Type: 'TransferContactToQueue',
      Parameters: {},
      Transitions: {
        NextAction: 'End',
        Errors: [
          { ErrorType: 'QueueAtCapacity', NextAction: 'End' },
          { ErrorType: 'NoMatchingError', NextAction: 'End' },
        ],
      },
    };
    expect(withAction(transfer)).toEqual([]);
    expect(withAction(transfer, { type: 'CUSTOMER_QUEUE' })).toContain(
      'Transfer: TransferContactToQueue is not allowed in a CUSTOMER_QUEUE flow',
    );
    const end = { Identifier: 'Finish', Type: 'EndFlowExecution', Parameters: {}, Transitions: {} };
    expect(withAction(end, { type: 'CUSTOMER_QUEUE' })).toEqual([]);
    expect(withAction(end)).toContain('Finish: EndFlowExecution is not allowed in a CONTACT_FLOW flow');
  });

  it('a channel must not reach a block it does not serve, unless a $.Channel check routes it around', () => {
    const menu = {
      Identifier: 'Menu',
      Type: 'GetParticipantInput',
      Parameters: { Text: '$.Attributes.p_main', StoreInput: 'False', InputTimeLimitSeconds: '5' },
      Transitions: {
        NextAction: 'End',
        Conditions: [{ NextAction: 'End', Condition: { Operator: 'Equals', Operands: ['1'] } }],
        Errors: ['NoMatchingError', 'NoMatchingCondition', 'InputTimeLimitExceeded'].map((ErrorType) => ({
          ErrorType,
          NextAction: 'End',
        })),
      },
    };
    expect(withAction(menu, { channels: ['VOICE', 'CHAT'] })).toContain(
      'Menu: is reached by CHAT contacts, which GetParticipantInput does not serve (Connect takes its error branch): route CHAT around it',
    );
    const routed = {
      Version: '2019-10-30',
      StartAction: 'Channel',
      Actions: [
        {
          Identifier: 'Channel',
          Type: 'Compare',
          Parameters: { ComparisonValue: '$.Channel' },
          Transitions: {
            NextAction: 'End',
            Conditions: [{ NextAction: 'Menu', Condition: { Operator: 'Equals', Operands: ['VOICE'] } }],
            Errors: [{ ErrorType: 'NoMatchingCondition', NextAction: 'End' }],
          },
        },
        menu,
        { Identifier: 'End', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} },
      ],
    };
    expect(
      validateFlow(
        'routed',
        JSON.stringify(routed),
        {},
        { type: 'CONTACT_FLOW', channels: ['VOICE', 'CHAT'] },
      ),
    ).toEqual([]);
  });
});
