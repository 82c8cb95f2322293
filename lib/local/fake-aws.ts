import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Outbox } from './outbox.ts';
import type { LocalWorkflows } from './workflows.ts';

/**
 * Stand-ins for the AWS APIs that have no local emulator. Handlers reach them through the SDK's own
 * endpoint settings (AWS_ENDPOINT_URL_SNS, …_SFN, …_CONNECT), so the code that runs is the code Lambda
 * runs: the same clients, commands and wire protocols. Only the calls Nidaa makes are implemented.
 */
export type FakeAwsDeps = { outbox: Outbox; workflows: LocalWorkflows; now: () => Date };

const send = (res: ServerResponse, status: number, body: string, type: string) => {
  res.writeHead(status, { 'content-type': type });
  res.end(body);
};
const json = (res: ServerResponse, status: number, body: unknown, type = 'application/x-amz-json-1.0') =>
  send(res, status, JSON.stringify(body), type);

/** SNS speaks the AWS Query protocol: form-encoded request, XML response. */
function sns(body: string, res: ServerResponse, deps: FakeAwsDeps) {
  const form = new URLSearchParams(body);
  if (form.get('Action') !== 'Publish' || !form.get('PhoneNumber')) {
    return send(
      res,
      400,
      '<ErrorResponse><Error><Code>InvalidParameter</Code></Error></ErrorResponse>',
      'text/xml',
    );
  }
  const attributes: Record<string, string> = {};
  for (let i = 1; form.has(`MessageAttributes.entry.${i}.Name`); i++) {
    attributes[form.get(`MessageAttributes.entry.${i}.Name`) ?? ''] =
      form.get(`MessageAttributes.entry.${i}.Value.StringValue`) ?? '';
  }
  const messageId = crypto.randomUUID();
  deps.outbox.add({
    channel: 'sms',
    to: form.get('PhoneNumber') ?? '',
    text: form.get('Message') ?? '',
    at: deps.now().toISOString(),
    senderId: attributes['AWS.SNS.SMS.SenderID'],
    messageId,
  });
  send(
    res,
    200,
    `<PublishResponse><PublishResult><MessageId>${messageId}</MessageId></PublishResult></PublishResponse>`,
    'text/xml',
  );
}

/** Step Functions speaks JSON 1.0 with the operation in X-Amz-Target. */
async function stepFunctions(target: string, body: string, res: ServerResponse, deps: FakeAwsDeps) {
  const request = JSON.parse(body) as { stateMachineArn: string; name?: string; input?: string };
  const operation = target.replace('AWSStepFunctions.', '');
  const machine = deps.workflows.nameOf(request.stateMachineArn);
  if (operation !== 'StartSyncExecution' || !machine) {
    return json(res, 400, {
      __type: 'InvalidArn',
      message: `Unsupported locally: ${operation} ${request.stateMachineArn}`,
    });
  }
  const executionName = request.name ?? crypto.randomUUID();
  const startDate = deps.now().getTime() / 1000;
  const result = await deps.workflows.run(machine, JSON.parse(request.input ?? '{}'), executionName);
  json(res, 200, {
    executionArn: `${request.stateMachineArn.replace(':stateMachine:', ':express:')}:${executionName}`,
    stateMachineArn: request.stateMachineArn,
    name: executionName,
    startDate,
    stopDate: deps.now().getTime() / 1000,
    ...(result.status === 'SUCCEEDED'
      ? { status: 'SUCCEEDED', output: JSON.stringify(result.output) }
      : { status: 'FAILED', error: result.error, cause: result.cause }),
  });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Serves `/_aws/<service>/…`; returns false for other paths. */
export async function handleFakeAws(
  req: IncomingMessage,
  res: ServerResponse,
  deps: FakeAwsDeps,
): Promise<boolean> {
  const url = req.url ?? '';
  if (!url.startsWith('/_aws/')) return false;
  const body = await readBody(req);
  if (url.startsWith('/_aws/sns')) sns(body, res, deps);
  else if (url.startsWith('/_aws/sfn'))
    await stepFunctions(String(req.headers['x-amz-target']), body, res, deps);
  else json(res, 404, { message: `No local stand-in for ${url}` }, 'application/json');
  return true;
}
