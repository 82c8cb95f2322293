import * as connect from 'aws-cdk-lib/aws-connect';
import { Construct } from 'constructs';
import type { StageConfig } from '../../config/stage-config.ts';

type PhoneNumberConfig = NonNullable<StageConfig['contactCenter']['phoneNumber']>;

/**
 * Claims a number into the instance when the stage asks for one. Connect claims by country, type and an
 * optional prefix; Omani numbers are likely not self-service, in which case the municipality ports or
 * forwards its hotline by hand and leaves `phoneNumber` out (README, "Deploy to AWS").
 */
export class HotlineNumber extends Construct {
  readonly phoneNumberArn: string;

  constructor(scope: Construct, id: string, props: { instanceArn: string; phoneNumber: PhoneNumberConfig }) {
    super(scope, id);
    const { countryCode, type, prefix } = props.phoneNumber;
    this.phoneNumberArn = new connect.CfnPhoneNumber(this, 'Number', {
      targetArn: props.instanceArn,
      countryCode,
      type,
      ...(prefix ? { prefix } : {}),
      description: 'Nidaa hotline',
    }).attrPhoneNumberArn;
  }
}
