import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { once } from '#shared/container.ts';
import { ENV, requireEnv } from '#shared/env.ts';

const target = once(() => {
  const functionArn = requireEnv(ENV.emailInboundFunctionArn);
  // emailInbound runs in regions.caseData: the client calls Lambda there, the region its ARN names.
  return { functionArn, lambda: new LambdaClient({ region: functionArn.split(':')[3] }) };
});

/**
 * Hands each "mail received" notification (SNS, in regions.mailReceiving) to emailInbound in
 * regions.caseData, unchanged. SNS cannot deliver to a Lambda function in an opt-in region such as
 * me-central-1 from a region enabled by default (docs/decisions/0046). Asynchronous: emailInbound keeps its
 * own retries and dead-letter queue; a failed hand-over is retried here, then lands in this one's.
 */
export const handler = async (event: unknown) => {
  const { functionArn, lambda } = target();
  await lambda.send(
    new InvokeCommand({ FunctionName: functionArn, InvocationType: 'Event', Payload: JSON.stringify(event) }),
  );
};
