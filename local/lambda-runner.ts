import * as path from 'node:path';
import type { Context } from 'aws-lambda';
import { FUNCTIONS, type FunctionName } from '../lib/function-catalog.ts';
import { PROJECT_ROOT } from '../lib/project-root.ts';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

const loaded = new Map<FunctionName, Promise<Handler>>();

function context(name: FunctionName): Context {
  const deadline = Date.now() + 30_000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: `nidaa-local-${name}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:me-central-1:000000000000:function:nidaa-local-${name}`,
    memoryLimitInMB: '256',
    awsRequestId: crypto.randomUUID(),
    logGroupName: `/aws/lambda/nidaa-local-${name}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => deadline - Date.now(),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}

/** Invokes the same handler module Lambda runs (the catalogue's entry file), in this process. */
export async function invokeLocal(name: FunctionName, event: unknown): Promise<unknown> {
  let handler = loaded.get(name);
  if (!handler) {
    const file = path.join(PROJECT_ROOT, FUNCTIONS[name].entry);
    handler = import(file).then((m: { handler: Handler }) => m.handler);
    loaded.set(name, handler);
  }
  return (await handler)(event, context(name));
}
