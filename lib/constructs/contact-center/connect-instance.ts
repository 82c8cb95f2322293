import { Arn, ArnFormat, RemovalPolicy } from 'aws-cdk-lib';
import * as connect from 'aws-cdk-lib/aws-connect';
import { Construct } from 'constructs';
import type { StageConfig } from '../../config/stage-config.ts';

/**
 * The Amazon Connect instance: the municipality's own, imported by ARN (the common case), or one Nidaa
 * creates with Connect-managed users, inbound and outbound calls, flow logs, and Contact Lens only when
 * configured. A created instance is kept when the stack is deleted in prod (its users, numbers, records).
 */
export class ConnectInstance extends Construct {
  readonly instanceArn: string;
  readonly instanceId: string;
  /** Created by this stack (false: imported). */
  readonly created: boolean;

  /** `contactLens`: Contact Lens asked for and offered in the region (the stack's contactLensSupport). */
  constructor(scope: Construct, id: string, props: { config: StageConfig; contactLens: boolean }) {
    super(scope, id);
    const { contactCenter, protectData } = props.config;
    if (contactCenter.instanceArn) {
      this.created = false;
      this.instanceArn = contactCenter.instanceArn;
      this.instanceId = Arn.split(contactCenter.instanceArn, ArnFormat.SLASH_RESOURCE_NAME)
        .resourceName as string;
      return;
    }
    this.created = true;
    const instance = new connect.CfnInstance(this, 'Instance', {
      identityManagementType: 'CONNECT_MANAGED',
      instanceAlias: contactCenter.instanceAlias,
      attributes: {
        inboundCalls: true,
        outboundCalls: true,
        contactflowLogs: true,
        // Off where Connect does not offer it (contactLensSupport says why; the stack warns at synth).
        contactLens: props.contactLens,
        autoResolveBestVoices: true,
      },
    });
    instance.applyRemovalPolicy(protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY);
    this.instanceArn = instance.attrArn;
    this.instanceId = instance.attrId;
  }
}
