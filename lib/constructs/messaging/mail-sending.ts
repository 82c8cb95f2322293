import { Aws } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

/** The sending events the timeline shows and the suppression list acts on. */
export const TRACKED_SENDING_EVENTS = [
  ses.EmailSendingEvent.DELIVERY,
  ses.EmailSendingEvent.BOUNCE,
  ses.EmailSendingEvent.COMPLAINT,
];

/**
 * The configuration set every e-mail is sent with: its delivery, bounce and complaint events go to an
 * encrypted SNS topic and on to emailEvents, which marks the message on the case's timeline and keeps
 * the suppression list (docs/decisions/0045). TLS is required to the recipient's server.
 */
export class MailSending extends Construct {
  readonly configurationSet: ses.ConfigurationSet;
  readonly topic: sns.Topic;

  constructor(
    scope: Construct,
    id: string,
    props: { name: string; key: kms.IKey; function: lambda.IFunction },
  ) {
    super(scope, id);
    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: props.name,
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
      reputationMetrics: true,
    });
    this.topic = new sns.Topic(this, 'SendingEvents', { masterKey: props.key, enforceSSL: true });
    // SES publishes to the encrypted topic with a data key of the stage key.
    props.key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );
    this.configurationSet.addEventDestination('ToTimeline', {
      destination: ses.EventDestination.snsTopic(this.topic),
      events: TRACKED_SENDING_EVENTS,
    });
    this.topic.addSubscription(new subscriptions.LambdaSubscription(props.function));
  }
}
