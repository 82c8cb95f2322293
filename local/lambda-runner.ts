import * as path from 'node:path';
import type { Context } from 'aws-lambda';
import type { EnvName } from '../functions/shared/env.ts';
import { bindingsOf, FUNCTIONS, type FunctionName, type RegionRole } from '../lib/function-catalog.ts';
import { PROJECT_ROOT } from '../lib/project-root.ts';
import { withFunctionEnvironment } from './function-environment.ts';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

/**
 * What local mode offers the functions: a value for every variable a binding may declare, the regions
 * (each function runs in its stack's region), and what Lambda or local mode sets for every function
 * (credentials, the emulators' endpoints).
 */
export type LocalFunctionSettings = {
  values: Record<EnvName, string>;
  regions: Record<RegionRole, string>;
  platform: Record<string, string>;
};

let settings: LocalFunctionSettings | undefined;

/** Set by startLocalStack before any invocation. */
export function configureLocalFunctions(next: LocalFunctionSettings) {
  settings = next;
}

const loaded = new Map<FunctionName, Promise<Handler>>();

export const localFunctionName = (name: FunctionName) => `nidaa-local-${name}`;

/** The environment Lambda would give the function: its declared bindings and nothing else. */
export function localEnvironment(name: FunctionName, s: LocalFunctionSettings): Record<string, string> {
  const bindings = bindingsOf(FUNCTIONS[name]);
  return {
    ...s.platform,
    AWS_REGION: s.regions[bindings.home],
    AWS_DEFAULT_REGION: s.regions[bindings.home],
    AWS_LAMBDA_FUNCTION_NAME: localFunctionName(name),
    POWERTOOLS_SERVICE_NAME: `nidaa-${name}`,
    ...Object.fromEntries(bindings.env.map((env) => [env, s.values[env]])),
  };
}

function context(name: FunctionName, region: string): Context {
  const deadline = Date.now() + 30_000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: localFunctionName(name),
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:000000000000:function:${localFunctionName(name)}`,
    memoryLimitInMB: '256',
    awsRequestId: crypto.randomUUID(),
    logGroupName: `/aws/lambda/${localFunctionName(name)}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => deadline - Date.now(),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}

/**
 * Invokes the same handler module Lambda runs (the catalogue's entry file), in this process, with only
 * the environment its bindings declare.
 */
export async function invokeLocal(name: FunctionName, event: unknown): Promise<unknown> {
  if (!settings) throw new Error('Local functions are not configured: start the local stack first');
  const environment = localEnvironment(name, settings);
  return withFunctionEnvironment(environment, async () => {
    let handler = loaded.get(name);
    if (!handler) {
      const file = path.join(PROJECT_ROOT, FUNCTIONS[name].entry);
      handler = import(file).then((m: { handler: Handler }) => m.handler);
      loaded.set(name, handler);
    }
    return (await handler)(event, context(name, environment.AWS_REGION as string));
  });
}

/**
 * Runs local mode's own `work` as if inside function `name` (its environment and bindings), for local
 * stand-ins that drive the same core code a handler would (a replay's intake runs as agentApi does).
 */
export function runAsLocalFunction<T>(name: FunctionName, work: () => Promise<T>): Promise<T> {
  if (!settings) throw new Error('Local functions are not configured: start the local stack first');
  return withFunctionEnvironment(localEnvironment(name, settings), work);
}
