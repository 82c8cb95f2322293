/**
 * A small vocabulary for writing Amazon Connect flow-language JSON (Version 2019-10-30) in TypeScript: each
 * helper returns one action with every error branch spelled out, so a flow reads like its diagram and the
 * generated JSON is what Connect imports. Values are strings, as the flow language requires.
 */
import {
  IVR_PATH_ATTRIBUTE,
  IVR_WAITING_ATTRIBUTE,
  NOT_WAITING,
  nodeName,
} from '../../functions/core/analytics/contact-records.ts';
import type { PlaceholderKind } from '../placeholders.ts';

/** `${kind:key}`: what CDK (an ARN) and the simulator (a local name) put in its place. */
export const placeholder = (kind: PlaceholderKind, key: string) => `$${'{'}${kind}:${key}}`;

export type Condition = { NextAction: string; Condition: { Operator: string; Operands: string[] } };
export type FlowAction = {
  Identifier: string;
  Type: string;
  Parameters: Record<string, unknown>;
  Transitions: {
    NextAction?: string;
    Conditions?: Condition[];
    Errors?: { NextAction: string; ErrorType: string }[];
  };
};
export type Flow = {
  Version: '2019-10-30';
  StartAction: string;
  Metadata: Record<string, unknown>;
  Actions: FlowAction[];
};

const errors = (pairs: Record<string, string>) =>
  Object.entries(pairs).map(([ErrorType, NextAction]) => ({ NextAction, ErrorType }));
const equals = (operand: string, next: string): Condition => ({
  NextAction: next,
  Condition: { Operator: 'Equals', Operands: [operand] },
});

/** The contact attribute holding the caller's language (and every `p_` prompt in it). */
export const LANGUAGE = '$.Attributes.nidaaLanguage';

export const flow = (description: string, actions: FlowAction[]): Flow => ({
  Version: '2019-10-30',
  StartAction: actions[0]?.Identifier ?? '',
  Metadata: { description, generatedBy: 'contact-flows/build (npm run flows)' },
  Actions: actions,
});

export const say = (id: string, text: string, next: string): FlowAction => ({
  Identifier: id,
  Type: 'MessageParticipant',
  Parameters: { Text: text },
  Transitions: { NextAction: next, Errors: errors({ NoMatchingError: next }) },
});

/**
 * A one-key menu (voice: the flow language compares one key, 0–9, * or #, per condition). Silence and an
 * unknown key go to `onInvalid`; a failure of the block itself to `onError`.
 */
export function menu(
  id: string,
  text: string,
  choices: Record<string, string>,
  onInvalid: string,
  onError = onInvalid,
  timeoutSeconds = 8,
): FlowAction {
  const conditions = Object.entries(choices).map(([key, next]) => equals(key, next));
  return {
    Identifier: id,
    Type: 'GetParticipantInput',
    Parameters: { Text: text, StoreInput: 'False', InputTimeLimitSeconds: String(timeoutSeconds) },
    Transitions: {
      NextAction: onInvalid,
      Conditions: conditions,
      Errors: errors({
        InputTimeLimitExceeded: onInvalid,
        NoMatchingCondition: onInvalid,
        NoMatchingError: onError,
      }),
    },
  };
}

/** Several keys (a reference, ended by #) kept in $.StoredCustomerInput; silence stores "Timeout". */
export const collect = (
  id: string,
  text: string,
  maximumLength: number,
  next: string,
  onError: string,
  timeoutSeconds = 10,
): FlowAction => ({
  Identifier: id,
  Type: 'GetParticipantInput',
  Parameters: {
    Text: text,
    StoreInput: 'True',
    InputTimeLimitSeconds: String(timeoutSeconds),
    InputValidation: { CustomValidation: { MaximumLength: String(maximumLength) } },
  },
  Transitions: { NextAction: next, Errors: errors({ NoMatchingError: onError }) },
});

/** The hotline Lambda, synchronously, with the operation and the caller's language as parameters. */
export const invoke = (
  id: string,
  operation: string,
  parameters: Record<string, string>,
  next: string,
  onError: string,
  timeoutSeconds = 4,
): FlowAction => ({
  Identifier: id,
  Type: 'InvokeLambdaFunction',
  Parameters: {
    LambdaFunctionARN: placeholder('lambda', 'hotline'),
    InvocationTimeLimitSeconds: String(timeoutSeconds),
    InvocationType: 'SYNCHRONOUS',
    ResponseValidation: { ResponseType: 'STRING_MAP' },
    LambdaInvocationAttributes: { operation, lang: LANGUAGE, ...parameters },
  },
  Transitions: { NextAction: next, Errors: errors({ NoMatchingError: onError }) },
});

export const setAttributes = (
  id: string,
  attributes: Record<string, string>,
  next: string,
  onError = next,
): FlowAction => ({
  Identifier: id,
  Type: 'UpdateContactAttributes',
  Parameters: { TargetContact: 'Current', Attributes: attributes },
  Transitions: { NextAction: next, Errors: errors({ NoMatchingError: onError }) },
});

/** Branches on one value: `cases` by equality, anything else to `otherwise`. */
export const compare = (
  id: string,
  value: string,
  cases: Record<string, string>,
  otherwise: string,
): FlowAction => ({
  Identifier: id,
  Type: 'Compare',
  Parameters: { ComparisonValue: value },
  Transitions: {
    NextAction: otherwise,
    Conditions: Object.entries(cases).map(([operand, next]) => equals(operand, next)),
    Errors: errors({ NoMatchingCondition: otherwise }),
  },
});

/** Goes round `again` `count` times, then on to `done`: how a retry is bounded. */
export const loop = (id: string, count: number, again: string, done: string): FlowAction => ({
  Identifier: id,
  Type: 'Loop',
  Parameters: { LoopCount: String(count) },
  Transitions: {
    NextAction: done,
    Conditions: [equals('ContinueLooping', again), equals('DoneLooping', done)],
  },
});

export const voice = (
  id: string,
  name: string,
  engine: 'Neural' | 'Standard',
  next: string,
  onError: string,
): FlowAction => ({
  Identifier: id,
  Type: 'UpdateContactTextToSpeechVoice',
  Parameters: { TextToSpeechVoice: name, TextToSpeechEngine: engine, TextToSpeechStyle: 'None' },
  Transitions: { NextAction: next, Errors: errors({ NoMatchingError: onError }) },
});

export const setQueue = (id: string, queue: string, next: string, onError: string): FlowAction => ({
  Identifier: id,
  Type: 'UpdateContactTargetQueue',
  Parameters: { QueueId: queue },
  Transitions: { NextAction: next, Errors: errors({ NoMatchingError: onError }) },
});

export const checkHours = (
  id: string,
  hours: string,
  open: string,
  closed: string,
  onError: string,
): FlowAction => ({
  Identifier: id,
  Type: 'CheckHoursOfOperation',
  Parameters: { HoursOfOperationId: hours },
  Transitions: {
    NextAction: closed,
    Conditions: [equals('True', open), equals('False', closed)],
    Errors: errors({ NoMatchingError: onError }),
  },
});

export const transferToQueue = (id: string, after: string, onFull: string, onError: string): FlowAction => ({
  Identifier: id,
  Type: 'TransferContactToQueue',
  Parameters: {},
  Transitions: { NextAction: after, Errors: errors({ QueueAtCapacity: onFull, NoMatchingError: onError }) },
});

/** Contact events a flow can hook (flow-language reference, UpdateContactEventHooks). */
export type EventHook =
  | 'AgentHold'
  | 'AgentWhisper'
  | 'CustomerHold'
  | 'CustomerQueue'
  | 'CustomerRemaining'
  | 'CustomerWhisper'
  | 'DefaultAgentUI'
  | 'DisconnectAgentUI'
  | 'PauseContact'
  | 'ResumeContact';

/** Sets one event hook: the flow language allows a single entry per UpdateContactEventHooks block. */
export const eventHook = (id: string, hook: EventHook, flowArn: string, next: string): FlowAction => ({
  Identifier: id,
  Type: 'UpdateContactEventHooks',
  Parameters: { EventHooks: { [hook]: flowArn } },
  Transitions: { NextAction: next, Errors: errors({ NoMatchingError: next }) },
});

/** A queued call back to the caller's number, in `queue`, first attempt after `delaySeconds`. */
export const callback = (
  id: string,
  queue: string,
  next: string,
  onError: string,
  delaySeconds = 5,
): FlowAction => ({
  Identifier: id,
  Type: 'CreateCallbackContact',
  Parameters: {
    QueueId: queue,
    InitialCallDelaySeconds: String(delaySeconds),
    MaximumConnectionAttempts: '3',
    RetryDelaySeconds: '600',
  },
  Transitions: { NextAction: next, Errors: errors({ NoMatchingError: onError }) },
});

export const transferToFlow = (id: string, flowId: string, onError: string): FlowAction => ({
  Identifier: id,
  Type: 'TransferToFlow',
  Parameters: { ContactFlowId: flowId },
  Transitions: { NextAction: onError, Errors: errors({ NoMatchingError: onError }) },
});

export const queueMetrics = (id: string, next: string, onError: string): FlowAction => ({
  Identifier: id,
  Type: 'GetMetricData',
  Parameters: {},
  Transitions: { NextAction: next, Errors: errors({ NoMatchingError: onError }) },
});

export const logging = (id: string, next: string): FlowAction => ({
  Identifier: id,
  Type: 'UpdateFlowLoggingBehavior',
  Parameters: { FlowLoggingBehavior: 'Enabled' },
  Transitions: { NextAction: next },
});

/** Set recording and analytics behavior: no branches, no errors (flow-language reference). */
export const recording = (id: string, parameters: Record<string, unknown>, next: string): FlowAction => ({
  Identifier: id,
  Type: 'UpdateContactRecordingBehavior',
  Parameters: parameters,
  Transitions: { NextAction: next },
});

export const disconnect = (id: string): FlowAction => ({
  Identifier: id,
  Type: 'DisconnectParticipant',
  Parameters: {},
  Transitions: {},
});

export const endFlow = (id: string): FlowAction => ({
  Identifier: id,
  Type: 'EndFlowExecution',
  Parameters: {},
  Transitions: {},
});

/**
 * Records the IVR path in the contact attributes, as the analytics store reads it (docs/decisions/0118):
 * every transition into a menu (Get customer input) passes a block that names the menu in `nidaaWaiting`;
 * every answer (each key, the timeout, the wrong key; a stored input, as typed) invokes the hotline
 * Lambda's `ivrStep`, which answers the extended path, and a Set contact attributes block stores it and
 * sets `nidaaWaiting` back to `none`. Set contact attributes cannot append, hence the Lambda. A step the
 * Lambda fails to record is lost and the call goes on. The menu's own error (the block failing) records
 * nothing. Store and clear blocks are shared by all answers that lead to the same block.
 */
export function withIvrPath(actions: FlowAction[], stepSeconds = 3): FlowAction[] {
  const menus = new Set(actions.filter((a) => a.Type === 'GetParticipantInput').map((a) => a.Identifier));
  const entry = (id: string) => (menus.has(id) ? `Path in ${id}` : id);
  const added = new Map<string, FlowAction>();
  const add = (a: FlowAction) => {
    if (!added.has(a.Identifier)) added.set(a.Identifier, a);
    return a.Identifier;
  };
  const stored = (target: string) =>
    add(
      setAttributes(
        `Path stored to ${target}`,
        { [IVR_PATH_ATTRIBUTE]: '$.External.nidaaPath', [IVR_WAITING_ATTRIBUTE]: NOT_WAITING },
        target,
      ),
    );
  const notWaiting = (target: string) =>
    add(setAttributes(`Path left to ${target}`, { [IVR_WAITING_ATTRIBUTE]: NOT_WAITING }, target));
  const step = (menu: string, input: string, label: string, target: string) =>
    add(
      invoke(
        `Path ${menu} ${label}`,
        'ivrStep',
        { node: nodeName(menu), input },
        stored(entry(target)),
        notWaiting(entry(target)),
        stepSeconds,
      ),
    );

  const out: FlowAction[] = [];
  for (const original of actions) {
    const a: FlowAction = JSON.parse(JSON.stringify(original));
    const t = a.Transitions;
    if (a.Type !== 'GetParticipantInput') {
      if (t.NextAction) t.NextAction = entry(t.NextAction);
      for (const c of t.Conditions ?? []) c.NextAction = entry(c.NextAction);
      for (const e of t.Errors ?? []) e.NextAction = entry(e.NextAction);
      out.push(a);
      continue;
    }
    const id = a.Identifier;
    out.push(setAttributes(entry(id), { [IVR_WAITING_ATTRIBUTE]: nodeName(id) }, id));
    if (a.Parameters.StoreInput === 'True') {
      // What was typed goes to the Lambda, which keeps a single key and records a number as `entered`.
      if (t.NextAction) t.NextAction = step(id, '$.StoredCustomerInput', 'input', t.NextAction);
    } else {
      for (const c of t.Conditions ?? []) {
        const key = c.Condition.Operands[0] ?? '';
        c.NextAction = step(id, key, key, c.NextAction);
      }
      if (t.NextAction) t.NextAction = step(id, 'invalid', 'invalid', t.NextAction);
    }
    for (const e of t.Errors ?? []) {
      if (e.ErrorType === 'InputTimeLimitExceeded')
        e.NextAction = step(id, 'timeout', 'timeout', e.NextAction);
      else if (e.ErrorType === 'NoMatchingCondition')
        e.NextAction = step(id, 'invalid', 'invalid', e.NextAction);
      else e.NextAction = notWaiting(entry(e.NextAction));
    }
    out.push(a);
  }
  return [...out, ...added.values()];
}
