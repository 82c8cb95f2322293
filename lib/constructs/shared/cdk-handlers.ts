import { type Acknowledgment, type Stack, Validations } from 'aws-cdk-lib';

/** The construct id prefixes of CDK's own one-per-stack handler functions. */
export const CDK_HANDLERS = {
  bucketDeployment: 'Custom::CDKBucketDeployment',
  awsCustomResource: 'AWS679f53fac002430cb0da5b7982bd2287',
} as const;

/**
 * States the cdk-nag findings of CDK's own handler functions (one per stack, made by aws-cdk-lib): the
 * managed basic execution role and a runtime CDK chooses, plus any findings particular to the handler.
 */
export function acknowledgeCdkHandler(
  stack: Stack,
  handler: keyof typeof CDK_HANDLERS,
  what: string,
  extra: Acknowledgment[] = [],
) {
  for (const fn of stack.node.children.filter((c) => c.node.id.startsWith(CDK_HANDLERS[handler]))) {
    Validations.of(fn).acknowledge(
      {
        id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: `${what}: the managed basic execution role only lets it write its own logs.`,
      },
      {
        id: 'AwsSolutions::AwsSolutions-L1',
        reason: `${what}: its runtime is chosen by aws-cdk-lib and updated with it.`,
      },
      ...extra,
    );
  }
}
