import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { PROJECT_ROOT } from '../../project-root.ts';
import { encryptedLogGroup } from '../shared/nidaa-function.ts';

export type StateMachineFromFileProps = {
  file: string;
  type: 'EXPRESS' | 'STANDARD';
  key: kms.IKey;
  logRetentionDays: number;
  /** Functions by catalogue name; those the ASL names as `${<name>FunctionArn}` get invoke permission. */
  functions: Record<string, lambda.IFunction>;
  /** Other state machines by catalogue name; those the ASL names as `${<name>StateMachineArn}` may be started. */
  stateMachineArns: Record<string, string>;
  /** Fixed name, so other resources can know the ARN without depending on this one (no cycles). */
  stateMachineName: string;
};

/**
 * A state machine whose definition is the ASL file in state-machines/, the same file local mode runs.
 * The definition is inlined (not an S3 asset) so template assertions can read it.
 */
export class StateMachineFromFile extends Construct {
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: StateMachineFromFileProps) {
    super(scope, id);
    const logGroup = encryptedLogGroup(this, 'Logs', props.key, props.logRetentionDays);
    const asl = readFileSync(path.join(PROJECT_ROOT, props.file), 'utf8');
    const used = Object.entries(props.functions).filter(([name]) => asl.includes(`\${${name}FunctionArn}`));
    const started = Object.entries(props.stateMachineArns).filter(([name]) =>
      asl.includes(`\${${name}StateMachineArn}`),
    );
    const arnSubstitutions = Object.fromEntries([
      ...used.map(([name, fn]) => [`${name}FunctionArn`, fn.functionArn]),
      ...started.map(([name, arn]) => [`${name}StateMachineArn`, arn]),
    ]);
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      definitionBody: sfn.DefinitionBody.fromString(asl),
      stateMachineName: props.stateMachineName,
      definitionSubstitutions: arnSubstitutions,
      stateMachineType:
        props.type === 'EXPRESS' ? sfn.StateMachineType.EXPRESS : sfn.StateMachineType.STANDARD,
      tracingEnabled: true,
      encryptionConfiguration: new sfn.CustomerManagedEncryptionConfiguration(props.key),
      // Every transition is logged for support and audit, but never the data: it holds citizens' messages.
      logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
    });
    // Only the functions this ASL names, and only their unqualified ARNs (grantInvoke would add `:*`).
    this.stateMachine.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: used.map(([, fn]) => fn.functionArn),
      }),
    );
    if (started.length > 0) {
      this.stateMachine.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['states:StartExecution'],
          resources: started.map(([, arn]) => arn),
        }),
      );
      // The started machine is encrypted with the stage key: Step Functions encrypts the new execution's
      // input with it as the caller, under that machine's ARN as encryption context. CDK grants each
      // machine's role the key for its own ARN only.
      this.stateMachine.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [props.key.keyArn],
          conditions: {
            StringEquals: {
              'kms:EncryptionContext:aws:states:stateMachineArn': started.map(([, arn]) => arn),
            },
          },
        }),
      );
    }
    Validations.of(this).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray tracing adds xray:PutTraceSegments and GetSamplingRules, which have no resource-level permissions.',
    });
  }
}
