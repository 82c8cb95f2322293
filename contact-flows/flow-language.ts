/**
 * What the Amazon Connect flow language allows for each action Nidaa's flows use, as its reference states
 * it ("Actions in the Amazon Connect Flow language" and "Supported channels for flow blocks"): the flow
 * types an action may appear in, the channels it serves (elsewhere Connect takes its error branch), the
 * conditions and errors it may carry, and the rules on its parameters. Plain data and small checks, read by
 * the flow validator (local/ivr/validator.ts); an action missing here is refused there, so a new block
 * gets its rules written down before a flow may use it.
 */

/** AWS::Connect::ContactFlow Type. */
export type FlowType =
  | 'CONTACT_FLOW'
  | 'CUSTOMER_QUEUE'
  | 'CUSTOMER_HOLD'
  | 'CUSTOMER_WHISPER'
  | 'AGENT_HOLD'
  | 'AGENT_WHISPER'
  | 'OUTBOUND_WHISPER'
  | 'AGENT_TRANSFER'
  | 'QUEUE_TRANSFER';

/** The `$.Channel` values a contact may have. */
export type Channel = 'VOICE' | 'CHAT' | 'TASK';

const INBOUND: FlowType[] = ['CONTACT_FLOW'];
const TRANSFER: FlowType[] = ['AGENT_TRANSFER', 'QUEUE_TRANSFER'];
const QUEUE: FlowType[] = ['CUSTOMER_QUEUE'];
const HOLD: FlowType[] = ['CUSTOMER_HOLD', 'AGENT_HOLD'];
const WHISPER: FlowType[] = ['CUSTOMER_WHISPER', 'AGENT_WHISPER', 'OUTBOUND_WHISPER'];
const EVERY_FLOW: FlowType[] = [...INBOUND, ...TRANSFER, ...QUEUE, ...HOLD, ...WHISPER];
const EVERY_CHANNEL: Channel[] = ['VOICE', 'CHAT', 'TASK'];

type Parameters = Record<string, unknown>;

export type ConditionRule =
  | { kind: 'none' }
  | { kind: 'exactly'; operands: string[] }
  | { kind: 'keys' }
  | { kind: 'compare' };

/** Operators a Compare condition may use. */
export const COMPARE_OPERATORS = [
  'Equals',
  'NumberGreaterThan',
  'NumberGreaterOrEqualTo',
  'NumberLessThan',
  'NumberLessOrEqualTo',
  'StartsWith',
  'Contains',
];

export type ActionRule = {
  flowTypes: readonly FlowType[];
  channels: readonly Channel[];
  /** Error types the action may declare; `required` ones must be declared. */
  errors: (p: Parameters) => { allowed: readonly string[]; required: readonly string[] };
  /**
   * `none`: no conditions; `exactly`: one Equals condition for each operand and no others; `keys`: Equals
   * on one static key each (0–9, *, #); `compare`: the comparison operators on static operands.
   */
  conditions: (p: Parameters) => ConditionRule;
  /** Ends the flow: no transitions at all. */
  terminal?: boolean;
  /** Problems with the parameters, in the reference's own terms. */
  parameters?: (p: Parameters) => string[];
};

const JSON_PATH = /^\$\.[A-Za-z][\w.]*$/;
const isDynamic = (v: unknown) => typeof v === 'string' && v.startsWith('$.');
const isStaticInteger = (v: unknown, min: number, max = Number.MAX_SAFE_INTEGER) =>
  typeof v === 'string' && /^\d+$/.test(v) && Number(v) >= min && Number(v) <= max;
/** "Fully static or a single valid JSONPath identifier." */
const staticOrOnePath = (name: string, v: unknown) =>
  v === undefined || typeof v !== 'string' || (v.includes('$.') && !JSON_PATH.test(v))
    ? [`${name} must be static or a single JSONPath`]
    : [];
const oneOf = (p: Parameters, names: string[], need: boolean) => {
  const present = names.filter((n) => p[n] !== undefined);
  if (present.length > 1) return [`only one of ${names.join(', ')} may be given`];
  if (need && present.length === 0) return [`needs one of ${names.join(', ')}`];
  return [];
};

const only =
  (...allowed: string[]) =>
  () => ({ allowed, required: allowed });
const noErrors = () => ({ allowed: [], required: [] });
const noConditions = () => ({ kind: 'none' as const });

/** Valid event hooks (UpdateContactEventHooks). */
export const EVENT_HOOKS = [
  'AgentHold',
  'AgentWhisper',
  'CustomerHold',
  'CustomerQueue',
  'CustomerRemaining',
  'CustomerWhisper',
  'DefaultAgentUI',
  'DisconnectAgentUI',
  'PauseContact',
  'ResumeContact',
];

const promptParameters = (p: Parameters) => oneOf(p, ['Text', 'SSML', 'PromptId', 'Media'], true);

/** Participants `RecordedParticipants` may name; screen recording is the agent's only. */
const RECORDABLE = ['Agent', 'Customer'];
const VOICE_ANALYTICS_MODES = ['RealTime', 'PostContact'];
const LANGUAGE_CODE = /^[a-z]{2}-[A-Z]{2}$/;
const isTrueFalse = (v: unknown) => v === 'True' || v === 'False';
const staticList = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string' && !isDynamic(x));

/**
 * "Set recording and analytics behavior" (UpdateContactRecordingBehavior), as its flow-language page states
 * it: which participants to record, and Contact Lens analytics only when both Agent and Customer are.
 */
function recordingParameters(p: Parameters): string[] {
  const problems: string[] = [];
  const recording = p.RecordingBehavior as Record<string, unknown> | undefined;
  const analytics = p.AnalyticsBehavior as Record<string, unknown> | undefined;
  if (!recording && !analytics) problems.push('needs RecordingBehavior or AnalyticsBehavior');
  const recorded = recording?.RecordedParticipants;
  if (recording) {
    if (!staticList(recorded) || !(recorded as string[]).every((r) => RECORDABLE.includes(r)))
      problems.push(
        'RecordedParticipants must be a static list of "Agent" and "Customer" (empty: no recording)',
      );
    const screen = recording.ScreenRecordedParticipants;
    if (screen !== undefined && !(staticList(screen) && (screen as string[]).every((r) => r === 'Agent')))
      problems.push('ScreenRecordedParticipants may name only "Agent"');
    const ivr = recording.IVRRecordingBehavior;
    if (ivr !== undefined && ivr !== 'Enabled' && ivr !== 'Disabled')
      problems.push('IVRRecordingBehavior must be "Enabled" or "Disabled" (static)');
  }
  if (!analytics) return problems;
  const both = Array.isArray(recorded) && RECORDABLE.every((r) => (recorded as string[]).includes(r));
  if (!both) problems.push('AnalyticsBehavior needs RecordedParticipants with both "Agent" and "Customer"');
  if (!isTrueFalse(analytics.Enabled))
    problems.push('AnalyticsBehavior.Enabled must be "True" or "False" (static)');
  const language = analytics.AnalyticsLanguage;
  if (analytics.Enabled === 'True' && !(typeof language === 'string' && LANGUAGE_CODE.test(language)))
    problems.push('AnalyticsLanguage must be a static xx-XX code of a Contact Lens language, such as ar-AE');
  const redaction = analytics.AnalyticsRedactionBehavior;
  if (redaction !== undefined && redaction !== 'Enabled' && redaction !== 'Disabled')
    problems.push('AnalyticsRedactionBehavior must be "Enabled" or "Disabled"');
  const results = analytics.AnalyticsRedactionResults;
  if (
    results !== undefined &&
    !isDynamic(results) &&
    results !== 'RedactedAndOriginal' &&
    results !== 'RedactedOnly'
  )
    problems.push('AnalyticsRedactionResults must be "RedactedAndOriginal" or "RedactedOnly"');
  const mask = analytics.AnalyticsRedactionMaskMode;
  if (mask !== undefined && mask !== 'PII' && mask !== 'EntityType')
    problems.push('AnalyticsRedactionMaskMode must be "PII" or "EntityType" (static)');
  const entities = analytics.AnalyticsRedactionEntities;
  if (entities !== undefined && !(staticList(entities) && (entities as unknown[]).length > 0))
    problems.push('AnalyticsRedactionEntities must be a non-empty list of entity types');
  const channels = (analytics.ChannelConfiguration ?? {}) as Record<string, { AnalyticsModes?: unknown }>;
  for (const name of Object.keys(channels)) {
    if (name !== 'Voice' && name !== 'Chat') problems.push(`ChannelConfiguration.${name} is not a channel`);
  }
  const voice = channels.Voice?.AnalyticsModes;
  if (
    voice !== undefined &&
    !(staticList(voice) && (voice as string[]).every((m) => VOICE_ANALYTICS_MODES.includes(m)))
  )
    problems.push('ChannelConfiguration.Voice.AnalyticsModes may hold only "RealTime" and "PostContact"');
  const chat = channels.Chat?.AnalyticsModes;
  if (chat !== undefined && !(staticList(chat) && (chat as string[]).every((m) => m === 'ContactLens')))
    problems.push('ChannelConfiguration.Chat.AnalyticsModes may hold only "ContactLens"');
  const summary = (analytics.SummaryConfiguration as { SummaryModes?: unknown } | undefined)?.SummaryModes;
  if (
    summary !== undefined &&
    !(staticList(summary) && (summary as string[]).every((m) => m === 'PostContact'))
  )
    problems.push('SummaryConfiguration.SummaryModes may hold only "PostContact"');
  const sentiment = analytics.SentimentConfiguration as { Enabled?: unknown } | undefined;
  if (sentiment !== undefined && !isTrueFalse(sentiment.Enabled))
    problems.push('SentimentConfiguration.Enabled must be "True" or "False" (static)');
  return problems;
}

export const FLOW_LANGUAGE: Record<string, ActionRule> = {
  MessageParticipant: {
    flowTypes: [...INBOUND, ...TRANSFER, ...WHISPER, ...QUEUE],
    channels: ['VOICE', 'CHAT'],
    errors: only('NoMatchingError'),
    conditions: noConditions,
    parameters: promptParameters,
  },
  GetParticipantInput: {
    flowTypes: [...INBOUND, ...TRANSFER, ...QUEUE],
    // Chat only through an Amazon Lex bot; without one Connect takes the error branch.
    channels: ['VOICE'],
    errors: (p) => {
      const stores = p.StoreInput === 'True';
      const validation = p.InputValidation as { PhoneNumberValidation?: unknown } | undefined;
      const phone = stores && validation?.PhoneNumberValidation !== undefined;
      return {
        allowed: [
          'NoMatchingError',
          'InputTimeLimitExceeded',
          ...(stores ? [] : ['NoMatchingCondition']),
          ...(phone ? ['InvalidPhoneNumber'] : []),
        ],
        required: ['NoMatchingError', ...(phone ? ['InvalidPhoneNumber'] : [])],
      };
    },
    conditions: (p) => (p.StoreInput === 'True' ? { kind: 'none' } : { kind: 'keys' }),
    parameters: (p) => {
      const problems = promptParameters(p);
      if (!isStaticInteger(p.InputTimeLimitSeconds, 1))
        problems.push('InputTimeLimitSeconds must be a static integer above 0');
      if (p.StoreInput !== 'True' && p.StoreInput !== 'False')
        problems.push('StoreInput must be "True" or "False"');
      const validation = p.InputValidation as Record<string, Record<string, unknown>> | undefined;
      if ((p.StoreInput === 'True') !== (validation !== undefined))
        problems.push('InputValidation is required if and only if StoreInput is "True"');
      if (validation) {
        problems.push(...oneOf(validation, ['PhoneNumberValidation', 'CustomValidation'], true));
        const phone = validation.PhoneNumberValidation;
        if (phone && !['Local', 'E164'].includes(String(phone.NumberFormat)))
          problems.push('PhoneNumberValidation.NumberFormat must be "Local" or "E164"');
        if (phone?.NumberFormat === 'Local' && typeof phone.CountryCode !== 'string')
          problems.push('a Local PhoneNumberValidation needs a CountryCode');
        const custom = validation.CustomValidation;
        if (custom && !isStaticInteger(custom.MaximumLength, 1))
          problems.push('CustomValidation.MaximumLength must be a static integer above 0');
      }
      if (p.InputEncryption !== undefined && validation?.CustomValidation === undefined)
        problems.push('InputEncryption needs CustomValidation');
      const dtmf = p.DTMFConfiguration as { InputTerminationSequence?: unknown } | undefined;
      const terminator = dtmf?.InputTerminationSequence;
      if (terminator !== undefined && !(typeof terminator === 'string' && /^[0-9#*]{1,5}$/.test(terminator)))
        problems.push('DTMFConfiguration.InputTerminationSequence is up to five keys');
      return problems;
    },
  },
  InvokeLambdaFunction: {
    flowTypes: EVERY_FLOW,
    channels: EVERY_CHANNEL,
    errors: only('NoMatchingError'),
    conditions: noConditions,
    parameters: (p) => [
      ...(typeof p.LambdaFunctionARN === 'string' ? [] : ['needs a LambdaFunctionARN']),
      ...(isStaticInteger(p.InvocationTimeLimitSeconds, 1, 8)
        ? []
        : ['InvocationTimeLimitSeconds must be a static integer from 1 to 8']),
      ...(p.InvocationType === undefined || ['SYNCHRONOUS', 'ASYNCHRONOUS'].includes(String(p.InvocationType))
        ? []
        : ['InvocationType must be SYNCHRONOUS or ASYNCHRONOUS']),
    ],
  },
  UpdateContactAttributes: {
    flowTypes: EVERY_FLOW,
    channels: EVERY_CHANNEL,
    errors: only('NoMatchingError'),
    conditions: noConditions,
    parameters: (p) =>
      p.Attributes && typeof p.Attributes === 'object' && Object.keys(p.Attributes).length > 0
        ? []
        : ['needs at least one attribute'],
  },
  Compare: {
    flowTypes: EVERY_FLOW,
    channels: EVERY_CHANNEL,
    errors: only('NoMatchingCondition'),
    conditions: () => ({ kind: 'compare' }),
    parameters: (p) =>
      typeof p.ComparisonValue === 'string' && JSON_PATH.test(p.ComparisonValue)
        ? []
        : ['ComparisonValue must be a single JSONPath'],
  },
  Loop: {
    flowTypes: EVERY_FLOW,
    channels: EVERY_CHANNEL,
    errors: noErrors,
    conditions: () => ({ kind: 'exactly', operands: ['ContinueLooping', 'DoneLooping'] }),
    parameters: (p) =>
      isStaticInteger(p.LoopCount, 0, 100) || (isDynamic(p.LoopCount) && JSON_PATH.test(String(p.LoopCount)))
        ? []
        : ['LoopCount must be 0–100, fully static or fully dynamic'],
  },
  UpdateContactTextToSpeechVoice: {
    flowTypes: EVERY_FLOW,
    channels: EVERY_CHANNEL,
    errors: () => ({ allowed: ['NoMatchingError'], required: [] }),
    conditions: noConditions,
    parameters: (p) => [
      ...(typeof p.TextToSpeechVoice === 'string' && !isDynamic(p.TextToSpeechVoice)
        ? []
        : ['TextToSpeechVoice must be static']),
      ...(p.TextToSpeechEngine === undefined ||
      ['Standard', 'Neural', 'Generative'].includes(String(p.TextToSpeechEngine))
        ? []
        : ['TextToSpeechEngine must be Standard, Neural or Generative']),
    ],
  },
  UpdateContactTargetQueue: {
    flowTypes: [...INBOUND, ...TRANSFER],
    channels: EVERY_CHANNEL,
    errors: only('NoMatchingError'),
    conditions: noConditions,
    parameters: (p) => [
      ...oneOf(p, ['QueueId', 'AgentId'], true),
      ...(p.QueueId !== undefined ? staticOrOnePath('QueueId', p.QueueId) : []),
    ],
  },
  CheckHoursOfOperation: {
    flowTypes: [...INBOUND, ...TRANSFER, ...QUEUE],
    channels: EVERY_CHANNEL,
    errors: only('NoMatchingError'),
    conditions: () => ({ kind: 'exactly', operands: ['True', 'False'] }),
    parameters: (p) =>
      p.HoursOfOperationId === undefined ? [] : staticOrOnePath('HoursOfOperationId', p.HoursOfOperationId),
  },
  TransferContactToQueue: {
    flowTypes: [...INBOUND, ...TRANSFER],
    channels: EVERY_CHANNEL,
    errors: only('QueueAtCapacity', 'NoMatchingError'),
    conditions: noConditions,
    parameters: (p) => (Object.keys(p).length === 0 ? [] : ['takes no parameters']),
  },
  UpdateContactEventHooks: {
    flowTypes: EVERY_FLOW,
    channels: EVERY_CHANNEL,
    errors: only('NoMatchingError'),
    conditions: noConditions,
    parameters: (p) => {
      const hooks = Object.keys((p.EventHooks as object | undefined) ?? {});
      return [
        ...(hooks.length === 1 ? [] : [`EventHooks must hold exactly one entry, not ${hooks.length}`]),
        ...hooks.filter((h) => !EVENT_HOOKS.includes(h)).map((h) => `${h} is not an event hook`),
      ];
    },
  },
  CreateCallbackContact: {
    flowTypes: [...INBOUND, ...TRANSFER, ...QUEUE],
    // A call back is a phone call: a chat takes the error branch.
    channels: ['VOICE'],
    errors: only('NoMatchingError'),
    conditions: noConditions,
    parameters: (p) => [
      ...oneOf(p, ['QueueId', 'AgentId'], false),
      ...(isStaticInteger(p.InitialCallDelaySeconds, 1, 259_200)
        ? []
        : ['InitialCallDelaySeconds must be a static integer from 1 to 259200']),
      ...(isStaticInteger(p.MaximumConnectionAttempts, 1)
        ? []
        : ['MaximumConnectionAttempts must be a static integer above 0']),
      ...(isStaticInteger(p.RetryDelaySeconds, 1, 259_200)
        ? []
        : ['RetryDelaySeconds must be a static integer from 1 to 259200']),
    ],
  },
  TransferToFlow: {
    flowTypes: [...INBOUND, ...TRANSFER],
    channels: EVERY_CHANNEL,
    errors: only('NoMatchingError'),
    conditions: noConditions,
    parameters: (p) => staticOrOnePath('ContactFlowId', p.ContactFlowId),
  },
  GetMetricData: {
    flowTypes: EVERY_FLOW,
    channels: EVERY_CHANNEL,
    errors: only('NoMatchingError'),
    conditions: noConditions,
    parameters: (p) => [
      ...oneOf(p, ['QueueId', 'AgentId'], false),
      ...(p.QueueChannel === undefined ||
      isDynamic(p.QueueChannel) ||
      ['Voice', 'Chat'].includes(String(p.QueueChannel))
        ? []
        : ['QueueChannel must be Voice or Chat']),
    ],
  },
  UpdateFlowLoggingBehavior: {
    flowTypes: EVERY_FLOW,
    channels: EVERY_CHANNEL,
    errors: noErrors,
    conditions: noConditions,
    parameters: (p) =>
      ['Enabled', 'Disabled'].includes(String(p.FlowLoggingBehavior))
        ? []
        : ['FlowLoggingBehavior must be Enabled or Disabled (static)'],
  },
  UpdateContactRecordingBehavior: {
    // "Supported only in contact flows, transfer flows, outbound whispers, and customer queue flows."
    flowTypes: [...INBOUND, ...TRANSFER, 'OUTBOUND_WHISPER', ...QUEUE],
    // Voice analytics, and chat analytics through ChannelConfiguration.Chat; tasks are not recorded.
    channels: ['VOICE', 'CHAT'],
    // "Results and conditions: None. Errors: None."
    errors: noErrors,
    conditions: noConditions,
    parameters: recordingParameters,
  },
  DisconnectParticipant: {
    flowTypes: EVERY_FLOW,
    channels: EVERY_CHANNEL,
    errors: noErrors,
    conditions: noConditions,
    terminal: true,
  },
  EndFlowExecution: {
    flowTypes: [...WHISPER, ...QUEUE],
    channels: EVERY_CHANNEL,
    errors: noErrors,
    conditions: noConditions,
    terminal: true,
  },
};
