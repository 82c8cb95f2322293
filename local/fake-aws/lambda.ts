import type { ServerResponse } from 'node:http';
import { FUNCTIONS, type FunctionName } from '../../lib/function-catalog.ts';
import { invokeLocal } from '../lambda-runner.ts';
import { parseRequestJson } from './malformed.ts';
import { json } from './respond.ts';

/**
 * Lambda Invoke (`POST /2015-03-31/functions/<name or ARN>/invocations`): runs the catalogue function in
 * this process; local names are the catalogue's, or its last segment (`…:function:nidaa-local-<name>`). A
 * handler that throws answers as Lambda does, 200 with X-Amz-Function-Error. An `Event` invocation is
 * answered once the handler has run too, so local mode stays step by step.
 */
export async function serveLambda(path: string, body: string, res: ServerResponse, invocationType = '') {
  const named = /\/functions\/([^/]+)\/invocations/.exec(path)?.[1];
  const name =
    named &&
    decodeURIComponent(named)
      .split(':')
      .pop()
      ?.replace(/^nidaa-local-/, '');
  if (!name || !(name in FUNCTIONS)) return json(res, 404, { message: `No local function ${name ?? path}` });
  // A payload that does not parse is Lambda's own 400 (InvalidRequestContentException), not the function's.
  const payload = parseRequestJson(body);
  try {
    const result = await invokeLocal(name as FunctionName, payload);
    if (invocationType === 'Event') {
      res.writeHead(202);
      res.end();
    } else json(res, 200, result ?? null);
  } catch (error) {
    const e = error as Error;
    res.writeHead(200, { 'content-type': 'application/json', 'x-amz-function-error': 'Unhandled' });
    res.end(JSON.stringify({ errorType: e.name, errorMessage: e.message }));
  }
}
