import '../functions/shared/node20-polyfills.ts';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { type RunOptions, StateMachine } from 'aws-local-stepfunctions';
import {
  aslArnKey,
  FUNCTIONS,
  type FunctionName,
  STATE_MACHINES,
  type StateMachineName,
} from '../lib/function-catalog.ts';
import { PROJECT_ROOT } from '../lib/project-root.ts';

const REGION = 'me-central-1';
const ACCOUNT = '000000000000';

export const localFunctionArn = (name: FunctionName) =>
  `arn:aws:lambda:${REGION}:${ACCOUNT}:function:nidaa-${name}`;
export const localStateMachineArn = (name: StateMachineName) =>
  `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:nidaa-${name}`;

type AslState = {
  Type: string;
  Resource?: string;
  Parameters?: { FunctionName?: string };
  Retry?: unknown[];
};
type Asl = { States: Record<string, AslState> };
type Json = Record<string, unknown>;

/** The `$$.Task.Token` a run starts with (`<prefix><machine>:<execution>`), swapped for a real one per wait. */
const PLACEHOLDER_TOKEN = 'local-wait-for:';
const START_EXECUTION = 'arn:aws:states:::states:startExecution';
const INVOKE_AND_WAIT = 'arn:aws:states:::lambda:invoke.waitForTaskToken';

/** The ASL file with every `${…}` placeholder replaced by local ARNs, exactly as CDK substitutes real ones. */
export function loadDefinition(name: StateMachineName): Asl {
  let text = readFileSync(path.join(PROJECT_ROOT, STATE_MACHINES[name].file), 'utf8');
  for (const fn of Object.keys(FUNCTIONS) as FunctionName[]) {
    text = text.replaceAll(`\${${aslArnKey(fn)}}`, localFunctionArn(fn));
  }
  for (const machine of Object.keys(STATE_MACHINES) as StateMachineName[]) {
    text = text.replaceAll(`\${${machine}StateMachineArn}`, localStateMachineArn(machine));
  }
  return JSON.parse(text) as Asl;
}

/** Which catalogued function a Task state calls: a direct Lambda ARN or lambda:invoke's FunctionName. */
function functionOf(state: AslState): FunctionName | undefined {
  const arn = state.Resource?.startsWith('arn:aws:states:::lambda:invoke')
    ? state.Parameters?.FunctionName
    : state.Resource;
  return (Object.keys(FUNCTIONS) as FunctionName[]).find((fn) => arn === localFunctionArn(fn));
}

export type ExecutionResult =
  | { status: 'SUCCEEDED'; output: unknown }
  | { status: 'FAILED'; error: string; cause: string };

export type Invoke = (fn: FunctionName, event: unknown) => Promise<unknown>;

/** An error with the name Step Functions' Retry and Catch match on. */
const namedError = (name: string, message: string) => Object.assign(new Error(message), { name });

/**
 * Runs the real ASL files with aws-local-stepfunctions; each Task state invokes the same handler its
 * Lambda runs. aws-local-stepfunctions has no task tokens, so `.waitForTaskToken` states are emulated
 * here: the function receives a fresh token, and the state waits until sendTaskSuccess/Failure is
 * called with it (by the local Step Functions endpoint). `fastRetries` shrinks back-off for tests.
 */
export class LocalWorkflows {
  private readonly waiting = new Map<
    string,
    { resolve: (output: Json) => void; reject: (error: Error) => void }
  >();
  private readonly prepared = new Map<
    StateMachineName,
    { machine: StateMachine; overrides: RunOptions['overrides'] }
  >();
  private readonly running = new Set<() => void>();
  private readonly settling = new Map<string, (() => void)[]>();
  private readonly executions = new Map<
    string,
    { status: 'RUNNING' | 'SUCCEEDED' | 'FAILED'; done: Promise<ExecutionResult> }
  >();

  constructor(
    private readonly invoke: Invoke,
    private readonly options: {
      fastRetries?: boolean;
      onFailure?: (name: string, result: ExecutionResult) => void;
      /**
       * A token this process never handed out was answered: its execution was lost with an earlier
       * process (local executions live in memory). Recovery uses this to bring that one back first.
       */
      onLostExecution?: (name: StateMachineName, executionName: string) => void;
    } = {},
  ) {}

  nameOf(arn: string): StateMachineName | undefined {
    return (Object.keys(STATE_MACHINES) as StateMachineName[]).find((n) => localStateMachineArn(n) === arn);
  }

  /** Runs to the end and returns the result (StartSyncExecution, tests). */
  /**
   * Each machine is built (and its ASL validated, ~70 ms) once, then runs every execution: overrides are
   * per run, so executions share nothing but the definition.
   */
  private machine(name: StateMachineName) {
    let prepared = this.prepared.get(name);
    if (!prepared) {
      const definition = loadDefinition(name);
      const taskResourceLocalHandlers: NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers'] = {};
      const retryIntervalOverrides: Record<string, number> = {};
      for (const [stateName, state] of Object.entries(definition.States)) {
        if (state.Retry && this.options.fastRetries) retryIntervalOverrides[stateName] = 5;
        if (state.Type !== 'Task') continue;
        taskResourceLocalHandlers[stateName] = this.taskHandler(name, stateName, state) as never;
      }
      const machine = new StateMachine(definition as never, { validationOptions: { checkArn: false } });
      prepared = { machine, overrides: { taskResourceLocalHandlers, retryIntervalOverrides } };
      this.prepared.set(name, prepared);
    }
    return prepared;
  }

  async run(name: StateMachineName, input: unknown, executionName: string): Promise<ExecutionResult> {
    const { machine, overrides } = this.machine(name);
    const execution = machine.run(input as never, {
      overrides,
      noThrowOnAbort: true,
      context: {
        Execution: { Name: executionName, StartTime: new Date().toISOString() },
        // Replaced per state by a fresh token; it carries the execution so a wait knows whose it is.
        Task: { Token: `${PLACEHOLDER_TOKEN}${name}:${executionName}` },
      },
    });
    this.running.add(execution.abort);
    try {
      return { status: 'SUCCEEDED', output: await execution.result };
    } catch (error) {
      const cause = (error as { cause?: { name?: string; message?: string } }).cause;
      return {
        status: 'FAILED',
        error: cause?.name ?? (error as Error).name,
        cause: cause?.message ?? (error as Error).message,
      };
    } finally {
      this.running.delete(execution.abort);
      this.settle(`${name}:${executionName}`);
    }
  }

  /**
   * Resolves once the execution waits for a task token or ends (or after `timeoutMs`): how recovery
   * resumes open cases a few at a time instead of all at once.
   */
  settled(name: StateMachineName, executionName: string, timeoutMs = 10_000): Promise<void> {
    const key = `${name}:${executionName}`;
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      timer.unref();
      const list = this.settling.get(key) ?? [];
      list.push(() => {
        clearTimeout(timer);
        resolve();
      });
      this.settling.set(key, list);
    });
  }

  private settle(key: string) {
    const list = this.settling.get(key);
    this.settling.delete(key);
    for (const done of list ?? []) done();
  }

  /** Aborts every running execution (local mode stopping): nothing keeps the process alive. */
  abortAll() {
    for (const abort of this.running) abort();
    this.running.clear();
    this.waiting.clear();
  }

  /** StartExecution: runs in the background; the same name while running returns the same execution. */
  start(name: StateMachineName, input: unknown, executionName: string): { executionArn: string } {
    const executionArn = this.executionArn(name, executionName);
    const existing = this.executions.get(executionArn);
    if (existing && existing.status !== 'RUNNING') {
      throw namedError('ExecutionAlreadyExists', `Execution ${executionName} already exists`);
    }
    if (!existing) {
      const done = this.run(name, input, executionName).then((result) => {
        entry.status = result.status;
        if (result.status === 'FAILED') this.options.onFailure?.(`${name}/${executionName}`, result);
        return result;
      });
      const entry: { status: 'RUNNING' | 'SUCCEEDED' | 'FAILED'; done: Promise<ExecutionResult> } = {
        status: 'RUNNING',
        done,
      };
      this.executions.set(executionArn, entry);
    }
    return { executionArn };
  }

  /** Whether an execution of this name was started in this process (running or ended). */
  has(name: StateMachineName, executionName: string) {
    return this.executions.has(this.executionArn(name, executionName));
  }

  private executionArn(name: StateMachineName, executionName: string) {
    return `${localStateMachineArn(name).replace(':stateMachine:', ':execution:')}:${executionName}`;
  }

  /** The execution's result once it ends (tests). */
  async finished(executionArn: string) {
    return this.executions.get(executionArn)?.done;
  }

  sendTaskSuccess(taskToken: string, output: Json): boolean {
    const waiter = this.waiting.get(taskToken);
    if (!waiter) return this.lost(taskToken);
    this.waiting.delete(taskToken);
    waiter.resolve(output);
    return true;
  }

  sendTaskFailure(taskToken: string, error: string, cause: string): boolean {
    const waiter = this.waiting.get(taskToken);
    if (!waiter) return this.lost(taskToken);
    this.waiting.delete(taskToken);
    waiter.reject(namedError(error, cause));
    return true;
  }

  /**
   * An unknown token is answered as AWS answers a spent one (false → TaskTimedOut); if it names an
   * execution this process does not have, that execution was lost in a restart and is reported.
   */
  private lost(taskToken: string): false {
    const [prefix, machine, , ...rest] = taskToken.split(':');
    const executionName = rest.slice(0, -1).join(':');
    const name = (Object.keys(STATE_MACHINES) as StateMachineName[]).find((n) => n === machine);
    if (prefix === 'local' && name && executionName && !this.has(name, executionName))
      this.options.onLostExecution?.(name, executionName);
    return false;
  }

  private taskHandler(machine: StateMachineName, stateName: string, state: AslState) {
    if (state.Resource === START_EXECUTION) {
      return async (params: { StateMachineArn: string; Name: string; Input: unknown }) => {
        const target = this.nameOf(params.StateMachineArn);
        if (!target)
          throw namedError('StepFunctions.StateMachineDoesNotExistException', params.StateMachineArn);
        try {
          return {
            ExecutionArn: this.start(target, params.Input, params.Name).executionArn,
            StartDate: new Date().toISOString(),
          };
        } catch (error) {
          throw namedError('StepFunctions.ExecutionAlreadyExistsException', (error as Error).message);
        }
      };
    }
    const fn = functionOf(state);
    if (!fn) throw new Error(`State ${stateName} of ${machine} calls no catalogued function`);
    if (state.Resource === INVOKE_AND_WAIT) {
      return async (params: { Payload: Json }) => {
        const placeholder = String(params.Payload.taskToken ?? '');
        const execution = placeholder.startsWith(PLACEHOLDER_TOKEN)
          ? placeholder.slice(PLACEHOLDER_TOKEN.length)
          : undefined;
        // Names its execution, so a token outliving this process still says whose wait it was.
        const executionName = execution?.slice(machine.length + 1) ?? '';
        const taskToken = `local:${machine}:${stateName}:${executionName}:${crypto.randomUUID()}`;
        const output = new Promise<Json>((resolve, reject) =>
          this.waiting.set(taskToken, { resolve, reject }),
        );
        // A timer can answer while the function is still running (the local clock jumped past the
        // deadline it just armed): the failure is awaited below, not an unhandled rejection meanwhile.
        output.catch(() => undefined);
        try {
          await this.invoke(fn, { ...params.Payload, taskToken });
        } catch (error) {
          this.waiting.delete(taskToken);
          throw error;
        }
        if (execution) this.settle(execution);
        return output;
      };
    }
    return (event: unknown) => this.invoke(fn, event);
  }
}
