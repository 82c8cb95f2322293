import type { ServerResponse } from 'node:http';
import type { LocalWorkflows } from '../workflows.ts';
import { parseRequestJson } from './malformed.ts';
import { json } from './respond.ts';

const AMZ_JSON = 'application/x-amz-json-1.0';
const fail = (res: ServerResponse, status: number, type: string, message: string) =>
  json(res, status, { __type: type, message }, AMZ_JSON);

type Request = {
  stateMachineArn?: string;
  name?: string;
  input?: string;
  taskToken?: string;
  output?: string;
  error?: string;
  cause?: string;
};

/** Step Functions (JSON 1.0, operation in X-Amz-Target): the calls Nidaa's handlers make. */
export async function serveStepFunctions(
  target: string,
  body: string,
  res: ServerResponse,
  workflows: LocalWorkflows,
  now: () => Date,
) {
  const request = parseRequestJson<Request>(body);
  const operation = target.replace('AWSStepFunctions.', '');
  switch (operation) {
    case 'StartSyncExecution': {
      const machine = workflows.nameOf(request.stateMachineArn ?? '');
      if (!machine)
        return fail(
          res,
          400,
          'StateMachineDoesNotExist',
          `No local state machine ${request.stateMachineArn}`,
        );
      const executionName = request.name ?? crypto.randomUUID();
      const startDate = now().getTime() / 1000;
      let input: unknown;
      try {
        input = parseRequestJson(request.input);
      } catch {
        return fail(res, 400, 'InvalidExecutionInput', 'The input is not valid JSON.');
      }
      const result = await workflows.run(machine, input, executionName);
      return json(
        res,
        200,
        {
          executionArn: `${request.stateMachineArn?.replace(':stateMachine:', ':express:')}:${executionName}`,
          stateMachineArn: request.stateMachineArn,
          name: executionName,
          startDate,
          stopDate: now().getTime() / 1000,
          ...(result.status === 'SUCCEEDED'
            ? { status: 'SUCCEEDED', output: JSON.stringify(result.output) }
            : { status: 'FAILED', error: result.error, cause: result.cause }),
        },
        AMZ_JSON,
      );
    }
    case 'SendTaskSuccess': {
      let output: Record<string, unknown>;
      try {
        output = parseRequestJson(request.output);
      } catch {
        return fail(res, 400, 'InvalidOutput', 'The output is not valid JSON.');
      }
      if (!workflows.sendTaskSuccess(request.taskToken ?? '', output)) {
        return fail(res, 400, 'TaskTimedOut', 'Task timed out or was already completed');
      }
      return json(res, 200, {}, AMZ_JSON);
    }
    case 'SendTaskFailure':
      if (
        !workflows.sendTaskFailure(request.taskToken ?? '', request.error ?? 'Error', request.cause ?? '')
      ) {
        return fail(res, 400, 'TaskTimedOut', 'Task timed out or was already completed');
      }
      return json(res, 200, {}, AMZ_JSON);
    default:
      return fail(res, 400, 'UnknownOperationException', `Not emulated locally: ${operation}`);
  }
}
