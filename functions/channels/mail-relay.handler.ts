import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';

const TARGET = process.env.EMAIL_INBOUND_FUNCTION_ARN ?? '';
/** The function's region, from its ARN: the client must call Lambda there. */
const lambda = new LambdaClient({ region: TARGET.split(':')[3] });

/**
 * Hands each "mail received" notification (SNS, in regions.mailReceiving) to emailInbound in
 * regions.caseData, unchanged. SNS cannot deliver to a Lambda function in an opt-in region such as
 * me-central-1 from a region enabled by default (docs/decisions/0046). Asynchronous: emailInbound keeps its
 * own retries and dead-letter queue; a failed hand-over is retried here, then lands in this one's.
 */
export const handler = async (event: unknown) => {
  await lambda.send(
    new InvokeCommand({ FunctionName: TARGET, InvocationType: 'Event', Payload: JSON.stringify(event) }),
  );
};
