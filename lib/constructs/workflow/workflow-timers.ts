import { Stack, Token, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';
import { keyUseThrough } from '../shared/key-use.ts';

export type WorkflowTimersProps = {
  groupName: string;
  lifecycleArn: string;
  /** The key that encrypts case-lifecycle's data: sending it a task result needs it. */
  key: kms.IKey;
};

/**
 * The EventBridge Scheduler group for case-lifecycle timers (SLA deadlines, reopen windows) and the role
 * the schedules use to resume the waiting execution. Functions create one-shot schedules in this group.
 */
export class WorkflowTimers extends Construct {
  readonly groupName: string;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: WorkflowTimersProps) {
    super(scope, id);
    const group = new scheduler.CfnScheduleGroup(this, 'Group', { name: props.groupName });
    this.groupName = props.groupName;
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'Lets Nidaa timers resume a waiting case-lifecycle execution',
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['states:SendTaskSuccess', 'states:SendTaskFailure'],
        resources: [props.lifecycleArn],
      }),
    );
    // The execution's data is encrypted with the stage key, so handing it a result (output, error, cause)
    // encrypts with that key, through Step Functions only.
    this.role.addToPolicy(
      keyUseThrough(this, 'states', props.key.keyArn, ['kms:GenerateDataKey', 'kms:Decrypt']),
    );
    this.role.node.addDependency(group);
  }

  /**
   * Schedules are named per case at run time, so the grant covers the group's schedules. The finding is
   * acknowledged on `owner`, the construct that holds the grantee's role.
   */
  grantManage(grantee: iam.IGrantable, owner: Construct) {
    const stack = Stack.of(this);
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['scheduler:CreateSchedule', 'scheduler:DeleteSchedule'],
        resources: [
          stack.formatArn({
            service: 'scheduler',
            resource: 'schedule',
            resourceName: `${this.groupName}/*`,
          }),
        ],
      }),
    );
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: [this.role.roleArn] }),
    );
    // cdk-nag names the finding by the resource as written: concrete region/account where the stack has them.
    const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
    const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
    Validations.of(owner).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:${region}:${account}:schedule/${this.groupName}/*]`,
      reason:
        'Timers are one-shot schedules named per case at run time; the grant is limited to Nidaa’s own schedule group.',
    });
  }
}
