/**
 * Runs Amazon Connect flow-language JSON on this machine, as Connect would for one contact: it speaks the
 * prompts as text, takes key presses (or chat replies), invokes the local Lambda handlers with the event
 * Connect sends (ConnectContactFlowEvent), follows conditions and error branches. The IVR path is only what
 * the flows' own blocks set (`nidaaPath`, `nidaaWaiting`: docs/decisions/0118), as in Connect.
 * It knows the blocks Nidaa's flows use (validator.ts refuses any other), with Connect's documented
 * behaviour: Loop counters, STRING_MAP responses, the invocation time limit, Store customer input's
 * "Timeout", hours of operation, queue hooks and queued call backs.
 */
import type { ConnectContactFlowEvent } from 'aws-lambda';
import { type Channel, FLOW_LANGUAGE } from '../../contact-flows/flow-language.ts';
import type { FunctionName } from '../../lib/function-catalog.ts';
import type { FlowAction, FlowDocument } from './flow-files.ts';

export type SimChannel = Extract<Channel, 'VOICE' | 'CHAT'>;

export type SimDeps = {
  loadFlow(name: string): FlowDocument;
  invoke(name: FunctionName, event: unknown): Promise<unknown>;
  now(): Date;
  /** Whether `hours:<key>` are open at `at`. */
  isOpen(hours: string, at: Date): boolean;
  /** What Connect's Get queue metrics would return for this contact in `queue`. */
  queueMetrics(queue: string): { position: number; waitSeconds: number };
  instanceArn: string;
};

export type Outcome = 'in_ivr' | 'with_agent' | 'callback' | 'disconnected';

export type Turn = {
  say: string[];
  language: 'ar' | 'en';
  ended: boolean;
  outcome: Outcome;
  /** The queue the contact was transferred to, if any. */
  queue?: string;
};

/** Voices that Set voice accepts locally, with their engines (Amazon Polly; research §3). */
const VOICES: Record<string, string[]> = {
  Zayd: ['Neural'],
  Hala: ['Neural'],
  Zeina: ['Standard'],
  Joanna: ['Neural', 'Standard'],
  Matthew: ['Neural', 'Standard'],
  Ruth: ['Neural'],
  Danielle: ['Neural'],
  Kendra: ['Neural', 'Standard'],
  Joey: ['Neural', 'Standard'],
  Stephen: ['Neural'],
};

/** Connect's limit on one Lambda answer. */
const MAX_LAMBDA_RESPONSE_BYTES = 32 * 1024;
/** More actions than this without waiting for the caller means the flow is going round by itself. */
const MAX_STEPS_PER_TURN = 400;

export class FlowTrapError extends Error {}

export class SimulatedContact {
  readonly contactId = crypto.randomUUID();
  readonly attributes: Record<string, string> = {};
  readonly path: string[] = [];
  readonly callbacks: { queue: string; number: string }[] = [];
  readonly lambdaEvents: ConnectContactFlowEvent[] = [];
  /** What was said and typed, in order, as a chat transcript records it (the flow speaks as SYSTEM). */
  readonly conversation: { at: string; role: 'SYSTEM' | 'CUSTOMER'; text: string }[] = [];
  /** Times a contact record reports: started, queued, answered by an agent, ended; and why it ended. */
  readonly times: { started: string; enqueued?: string; answered?: string; ended?: string } = {
    started: '',
  };
  disconnectReason: string | undefined;
  /**
   * What the last "Set recording and analytics behavior" block asked for: who is recorded, and the
   * Contact Lens post-call language when analytics is on (local mode makes a synthetic analysis from it).
   */
  recording: { participants: string[]; analyticsLanguage?: string; since: Date } | undefined;
  /** Its contact record was written (once, when it ended), as Connect writes one per contact. */
  recordStored = false;
  ended = false;
  outcome: Outcome = 'in_ivr';
  queue: string | undefined;
  private flowName: string;
  private flow: FlowDocument;
  private current: string | undefined;
  private waiting: FlowAction | undefined;
  private external: Record<string, string> = {};
  private storedInput: string | undefined;
  private metrics: { position: number; waitSeconds: number } | undefined;
  private readonly hooks: Record<string, string> = {};
  private readonly loops = new Map<string, number>();
  private say: string[] = [];
  /** In the customer queue flow: the next pass through its first block means an agent answered. */
  private queueRoundsLeft = 0;

  constructor(
    private readonly deps: SimDeps,
    readonly options: {
      flow: string;
      channel: SimChannel;
      from?: string;
      dialed: string;
      /** Attributes the contact starts with (a chat widget's StartChatContact Attributes). */
      attributes?: Record<string, string>;
    },
  ) {
    Object.assign(this.attributes, options.attributes);
    this.times.started = deps.now().toISOString();
    this.flowName = options.flow;
    this.flow = deps.loadFlow(options.flow);
    this.current = this.flow.StartAction;
  }

  get language(): 'ar' | 'en' {
    return this.attributes.nidaaLanguage === 'en' ? 'en' : 'ar';
  }

  async start(): Promise<Turn> {
    return this.runTurn();
  }

  /** Key presses on a call (`#` ends a number), or what the customer typed in chat. */
  async input(keys: string): Promise<Turn> {
    const action = this.waiting;
    if (!action || this.ended) throw new Error('The contact is not waiting for input');
    this.waiting = undefined;
    this.conversation.push({ at: this.deps.now().toISOString(), role: 'CUSTOMER', text: keys });
    const t = action.Transitions ?? {};
    const errorTo = (type: string) => t.Errors?.find((e) => e.ErrorType === type)?.NextAction;
    if (action.Parameters?.StoreInput === 'True') {
      const max = Number(
        (action.Parameters.InputValidation as { CustomValidation?: { MaximumLength?: string } })
          ?.CustomValidation?.MaximumLength ?? 20,
      );
      const entered =
        this.options.channel === 'VOICE' ? (keys.split('#')[0] ?? '').slice(0, max) : keys.trim();
      // Store customer input: silence takes the success branch with the value "Timeout".
      this.storedInput = entered === '' ? 'Timeout' : entered;
      this.current = t.NextAction;
    } else {
      const key = this.options.channel === 'VOICE' ? keys.replace(/#/g, '').slice(0, 1) : keys.trim();
      if (key === '') {
        this.current = errorTo('InputTimeLimitExceeded');
      } else {
        const match = t.Conditions?.find(
          (c) => c.Condition.Operator === 'Equals' && c.Condition.Operands[0] === key,
        );
        this.current = match ? match.NextAction : errorTo('NoMatchingCondition');
      }
    }
    return this.runTurn();
  }

  /** The agent ends their side: the disconnect flow (CustomerRemaining hook) runs, or the call ends. */
  async agentHangsUp(): Promise<Turn> {
    if (this.outcome !== 'with_agent' || this.ended) throw new Error('No agent is on this contact');
    this.disconnectReason ??= 'AGENT_DISCONNECT';
    const next = this.hooks.CustomerRemaining;
    if (!next) {
      this.ended = true;
      this.outcome = 'disconnected';
      return this.turn();
    }
    this.outcome = 'in_ivr';
    this.enterFlow(next);
    return this.runTurn();
  }

  /** The customer leaves the chat (or hangs up): the contact ends where it is. */
  end(): Turn {
    this.ended = true;
    this.disconnectReason ??= 'CUSTOMER_DISCONNECT';
    this.waiting = undefined;
    if (this.outcome !== 'callback') this.outcome = 'disconnected';
    return this.turn();
  }

  private speak(text: string) {
    this.say.push(text);
    this.conversation.push({ at: this.deps.now().toISOString(), role: 'SYSTEM', text });
  }

  private turn(): Turn {
    if (this.outcome === 'with_agent') this.times.answered ??= this.deps.now().toISOString();
    if (this.ended) {
      this.times.ended ??= this.deps.now().toISOString();
      this.disconnectReason ??= 'CONTACT_FLOW_DISCONNECT';
    }
    const out: Turn = { say: this.say, language: this.language, ended: this.ended, outcome: this.outcome };
    if (this.queue) out.queue = this.queue;
    this.say = [];
    return out;
  }

  private enterFlow(name: string) {
    this.flowName = name;
    this.flow = this.deps.loadFlow(name);
    this.current = this.flow.StartAction;
  }

  private async runTurn(): Promise<Turn> {
    for (let steps = 0; ; steps++) {
      if (steps > MAX_STEPS_PER_TURN) {
        throw new FlowTrapError(
          `Flow ${this.flowName} ran ${MAX_STEPS_PER_TURN} blocks without the caller: ${this.path.slice(-12).join(' → ')}`,
        );
      }
      if (this.ended || this.waiting || this.outcome === 'with_agent') return this.turn();
      const id = this.current;
      const action = this.flow.Actions.find((a) => a.Identifier === id);
      if (!action) {
        // A missing transition: Connect would drop the contact. The validator prevents this.
        this.path.push(`${this.flowName}:${id ?? '(none)'} (missing)`);
        this.ended = true;
        this.outcome = 'disconnected';
        return this.turn();
      }
      this.path.push(`${this.flowName}:${action.Identifier}`);
      this.current = await this.execute(action);
    }
  }

  private resolve(value: unknown): string | undefined {
    if (typeof value !== 'string') return undefined;
    if (!value.startsWith('$.')) return value;
    const [root, ...rest] = value.slice(2).split('.');
    const key = rest.join('.');
    switch (root) {
      case 'Attributes':
        return this.attributes[key];
      case 'External':
        return this.external[key];
      case 'StoredCustomerInput':
        return this.storedInput;
      case 'Channel':
        return this.options.channel;
      case 'ContactId':
      case 'InitialContactId':
        return this.contactId;
      case 'CustomerEndpoint':
        return this.options.channel === 'VOICE' && key === 'Address' ? this.options.from : undefined;
      case 'SystemEndpoint':
        return key === 'Address' ? this.options.dialed : undefined;
      case 'Queue':
        return key === 'Name' || key === 'ARN' ? this.queue : undefined;
      case 'Metrics': {
        if (!this.metrics) return undefined;
        if (key === 'Contact.PositionInQueue' || key === 'Queue.Size') return String(this.metrics.position);
        if (key === 'Contact.EstimatedWaitTime' || key === 'Queue.EstimatedWaitTime')
          return String(this.metrics.waitSeconds);
        return undefined;
      }
      default:
        return undefined;
    }
  }

  private async execute(a: FlowAction): Promise<string | undefined> {
    const t = a.Transitions ?? {};
    const p = a.Parameters ?? {};
    const error = (type = 'NoMatchingError') => t.Errors?.find((e) => e.ErrorType === type)?.NextAction;
    const condition = (operand: string) =>
      t.Conditions?.find((c) => c.Condition.Operator === 'Equals' && c.Condition.Operands[0] === operand)
        ?.NextAction;
    // What Connect does with a block the contact's channel does not serve: its error branch.
    if (FLOW_LANGUAGE[a.Type]?.channels.includes(this.options.channel) === false) return error();
    switch (a.Type) {
      case 'UpdateContactRecordingBehavior': {
        const recorded = (p.RecordingBehavior as { RecordedParticipants?: string[] } | undefined)
          ?.RecordedParticipants;
        const analytics = p.AnalyticsBehavior as
          | {
              Enabled?: string;
              AnalyticsLanguage?: string;
              ChannelConfiguration?: { Voice?: { AnalyticsModes?: string[] } };
            }
          | undefined;
        const postCall =
          analytics?.Enabled === 'True' &&
          analytics.ChannelConfiguration?.Voice?.AnalyticsModes?.includes('PostContact') === true;
        this.recording = {
          participants: recorded ?? this.recording?.participants ?? [],
          since: this.deps.now(),
          ...(postCall && analytics.AnalyticsLanguage
            ? { analyticsLanguage: analytics.AnalyticsLanguage }
            : {}),
        };
        return t.NextAction;
      }
      case 'UpdateFlowLoggingBehavior':
      case 'UpdateContactData':
        return t.NextAction;
      case 'MessageParticipant': {
        const text = this.resolve(p.Text);
        if (!text) return error();
        this.speak(text);
        return t.NextAction;
      }
      case 'GetParticipantInput': {
        const text = this.resolve(p.Text);
        if (!text) return error();
        this.speak(text);
        this.waiting = a;
        return a.Identifier;
      }
      case 'UpdateContactAttributes': {
        for (const [k, v] of Object.entries((p.Attributes as Record<string, string>) ?? {})) {
          this.attributes[k] = this.resolve(v) ?? '';
        }
        return t.NextAction;
      }
      case 'Compare': {
        const value = this.resolve(p.ComparisonValue) ?? '';
        const match = t.Conditions?.find((c) =>
          compareValues(c.Condition.Operator, value, c.Condition.Operands[0] ?? ''),
        );
        return match ? match.NextAction : error('NoMatchingCondition');
      }
      case 'Loop': {
        const key = `${this.flowName}/${a.Identifier}`;
        const done = this.loops.get(key) ?? 0;
        if (done < Number(p.LoopCount)) {
          this.loops.set(key, done + 1);
          return condition('ContinueLooping');
        }
        this.loops.set(key, 0);
        return condition('DoneLooping');
      }
      case 'UpdateContactTextToSpeechVoice': {
        if (this.options.channel !== 'VOICE') return t.NextAction;
        const engines = VOICES[String(p.TextToSpeechVoice)];
        return engines?.includes(String(p.TextToSpeechEngine)) ? t.NextAction : error();
      }
      case 'InvokeLambdaFunction':
        return (await this.invokeLambda(p)) ? t.NextAction : error();
      case 'UpdateContactTargetQueue': {
        const queue = this.resolve(p.QueueId);
        if (!queue?.startsWith('queue:')) return error();
        this.queue = queue.slice('queue:'.length);
        return t.NextAction;
      }
      case 'CheckHoursOfOperation': {
        const hours = this.resolve(p.HoursOfOperationId);
        if (!hours?.startsWith('hours:')) return error();
        return condition(this.deps.isOpen(hours.slice('hours:'.length), this.deps.now()) ? 'True' : 'False');
      }
      case 'UpdateContactEventHooks': {
        Object.assign(this.hooks, p.EventHooks as Record<string, string>);
        return t.NextAction;
      }
      case 'TransferContactToQueue': {
        if (!this.queue) return error();
        this.times.enqueued ??= this.deps.now().toISOString();
        const queueFlow = this.hooks.CustomerQueue;
        if (!queueFlow) {
          this.outcome = 'with_agent';
          return t.NextAction;
        }
        this.enterFlow(queueFlow);
        this.queueRoundsLeft = 1;
        return this.flow.StartAction;
      }
      case 'GetMetricData': {
        if (!this.queue) return error();
        // Waiting callers hear one round of the queue flow; on the next an agent answers.
        if (this.queueRoundsLeft-- <= 0) {
          this.outcome = 'with_agent';
          return a.Identifier;
        }
        this.metrics = this.deps.queueMetrics(this.queue);
        return t.NextAction;
      }
      case 'CreateCallbackContact': {
        const queue = this.resolve(p.QueueId) ?? (this.queue ? `queue:${this.queue}` : undefined);
        if (!queue?.startsWith('queue:') || !this.options.from) return error();
        this.callbacks.push({ queue: queue.slice('queue:'.length), number: this.options.from });
        this.outcome = 'callback';
        return t.NextAction;
      }
      case 'TransferToFlow': {
        const target = this.resolve(p.ContactFlowId);
        if (!target) return error();
        try {
          this.enterFlow(target);
        } catch {
          return error();
        }
        return this.flow.StartAction;
      }
      case 'EndFlowExecution':
        // The end of a queue flow leaves the caller in the queue, where an agent answers.
        if (this.queue) this.outcome = 'with_agent';
        else {
          this.ended = true;
          this.outcome = 'disconnected';
        }
        return undefined;
      case 'DisconnectParticipant':
        this.ended = true;
        if (this.outcome !== 'callback') this.outcome = 'disconnected';
        return undefined;
      default:
        throw new Error(`The simulator does not know block type ${a.Type} (${a.Identifier})`);
    }
  }

  /** The event Connect sends for "Invoke AWS Lambda function" (research §2); false on any failure. */
  private async invokeLambda(p: Record<string, unknown>): Promise<boolean> {
    const name = String(p.LambdaFunctionARN) as FunctionName;
    const parameters: Record<string, string> = {};
    for (const [k, v] of Object.entries((p.LambdaInvocationAttributes as Record<string, string>) ?? {})) {
      const value = this.resolve(v);
      if (value !== undefined) parameters[k] = value;
    }
    const voice = this.options.channel === 'VOICE';
    const event: ConnectContactFlowEvent = {
      Name: 'ContactFlowEvent',
      Details: {
        ContactData: {
          Attributes: { ...this.attributes },
          Channel: this.options.channel,
          ContactId: this.contactId,
          CustomerEndpoint:
            voice && this.options.from ? { Address: this.options.from, Type: 'TELEPHONE_NUMBER' } : null,
          InitialContactId: this.contactId,
          InitiationMethod: voice ? 'INBOUND' : 'API',
          InstanceARN: this.deps.instanceArn,
          PreviousContactId: this.contactId,
          Queue: this.queue
            ? { ARN: `${this.deps.instanceArn}/queue/local-${this.queue}`, Name: this.queue }
            : null,
          SystemEndpoint: voice ? { Address: this.options.dialed, Type: 'TELEPHONE_NUMBER' } : null,
          MediaStreams: { Customer: { Audio: null } },
        } as ConnectContactFlowEvent['Details']['ContactData'],
        Parameters: parameters,
      },
    };
    this.lambdaEvents.push(event);
    const limitMs = Number(p.InvocationTimeLimitSeconds ?? 8) * 1000;
    let timer: NodeJS.Timeout | undefined;
    try {
      const result = await Promise.race([
        this.deps.invoke(name, event),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('InvocationTimeLimitSeconds passed')), limitMs);
        }),
      ]);
      if (!isStringMap(result) || Buffer.byteLength(JSON.stringify(result)) > MAX_LAMBDA_RESPONSE_BYTES)
        return false;
      this.external = Object.fromEntries(Object.entries(result).map(([k, v]) => [k, v ?? '']));
      return true;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
}

const isStringMap = (value: unknown): value is Record<string, string | null> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.values(value).every((v) => typeof v === 'string' || v === null);

function compareValues(operator: string, value: string, operand: string): boolean {
  const [a, b] = [Number(value), Number(operand)];
  switch (operator) {
    case 'Equals':
      return value === operand;
    case 'NumberGreaterThan':
      return a > b;
    case 'NumberLessThan':
      return a < b;
    case 'NumberGreaterOrEqualTo':
      return a >= b;
    case 'NumberLessOrEqualTo':
      return a <= b;
    default:
      return false;
  }
}
