import '../../functions/shared/node20-polyfills.ts';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { type RunOptions, StateMachine } from 'aws-local-stepfunctions';
import {
  aslArnKey,
  FUNCTIONS,
  type FunctionName,
  STATE_MACHINES,
  type StateMachineName,
} from '../function-catalog.ts';
import { PROJECT_ROOT } from '../project-root.ts';

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

/** The ASL file with `${<name>FunctionArn}` replaced by local ARNs, exactly as CDK substitutes real ones. */
export function loadDefinition(name: StateMachineName): Asl {
  let text = readFileSync(path.join(PROJECT_ROOT, STATE_MACHINES[name].file), 'utf8');
  for (const fn of Object.keys(FUNCTIONS) as FunctionName[]) {
    text = text.replaceAll(`\${${aslArnKey(fn)}}`, localFunctionArn(fn));
  }
  return JSON.parse(text) as Asl;
}

/** Which function a Task state calls: a direct Lambda ARN or lambda:invoke's FunctionName. */
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

/**
 * Runs the real ASL files with aws-local-stepfunctions; each Task state invokes the same handler its
 * Lambda runs. `fastRetries` shrinks Retry back-off to milliseconds for tests.
 */
export class LocalWorkflows {
  constructor(
    private readonly invoke: Invoke,
    private readonly options: { fastRetries?: boolean } = {},
  ) {}

  nameOf(arn: string): StateMachineName | undefined {
    return (Object.keys(STATE_MACHINES) as StateMachineName[]).find((n) => localStateMachineArn(n) === arn);
  }

  async run(name: StateMachineName, input: unknown, executionName: string): Promise<ExecutionResult> {
    const definition = loadDefinition(name);
    const taskResourceLocalHandlers: NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers'] = {};
    const retryIntervalOverrides: Record<string, number> = {};
    for (const [stateName, state] of Object.entries(definition.States)) {
      if (state.Retry && this.options.fastRetries) retryIntervalOverrides[stateName] = 5;
      if (state.Type !== 'Task') continue;
      const fn = functionOf(state);
      if (!fn) throw new Error(`State ${stateName} of ${name} calls no catalogued function`);
      taskResourceLocalHandlers[stateName] = async (event) => (await this.invoke(fn, event)) as never;
    }
    const machine = new StateMachine(definition as never, { validationOptions: { checkArn: false } });
    const execution = machine.run(input as never, {
      overrides: { taskResourceLocalHandlers, retryIntervalOverrides },
      context: { Execution: { Name: executionName, StartTime: new Date().toISOString() } },
    });
    try {
      return { status: 'SUCCEEDED', output: await execution.result };
    } catch (error) {
      const cause = (error as { cause?: { name?: string; message?: string } }).cause;
      return {
        status: 'FAILED',
        error: cause?.name ?? (error as Error).name,
        cause: cause?.message ?? (error as Error).message,
      };
    }
  }
}
