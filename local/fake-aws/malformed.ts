import type { ServerResponse } from 'node:http';

/** A request whose JSON does not parse: the service answers 400 in its own error shape, never 500. */
export class MalformedJsonError extends Error {
  override readonly name = 'MalformedJsonError';
}

/** JSON.parse for request bodies (and JSON carried inside them); an empty body is `{}`. */
export function parseRequestJson<T = Record<string, unknown>>(text: string | undefined): T {
  if (text === undefined || text.trim() === '') return {} as T;
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new MalformedJsonError((error as Error).message);
  }
}

/**
 * How each AWS service says "your JSON does not parse", as its SDK client reads it: the JSON protocols
 * (Step Functions 1.0, Secrets Manager 1.1) name the error in `__type`; the REST-JSON ones (Connect,
 * Scheduler, Lambda) in the `x-amzn-ErrorType` header.
 */
export function answerMalformed(res: ServerResponse, service: string, detail: string) {
  const restJson = (type: string, body: Record<string, unknown>) => {
    res.writeHead(400, { 'content-type': 'application/json', 'x-amzn-errortype': type });
    res.end(JSON.stringify(body));
  };
  const awsJson = (version: string) => {
    res.writeHead(400, { 'content-type': `application/x-amz-json-${version}` });
    res.end(JSON.stringify({ __type: 'SerializationException', message: `Malformed JSON: ${detail}` }));
  };
  switch (service) {
    case 'sfn':
      return awsJson('1.0');
    case 'secretsmanager':
    case 'firehose':
    case 'athena':
      return awsJson('1.1');
    case 'lambda':
      return restJson('InvalidRequestContentException', {
        Type: 'User',
        message: `Could not parse request body into json: ${detail}`,
      });
    case 'connect':
      return restJson('InvalidRequestException', { Message: `The request is not valid JSON: ${detail}` });
    default:
      return restJson('ValidationException', { Message: `The request is not valid JSON: ${detail}` });
  }
}
