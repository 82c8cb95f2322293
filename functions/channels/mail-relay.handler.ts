import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { caseDataRegion } from '#adapters/resource-regions.ts';
import { once } from '#shared/container.ts';
import { ENV, requireEnv } from '#shared/env.ts';

// emailInbound runs in regions.caseData: the client calls Lambda there, not in this function's region.
const target = once(() => ({
  functionArn: requireEnv(ENV.emailInboundFunctionArn),
  lambda: new LambdaClient(caseDataRegion()),
}));

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
