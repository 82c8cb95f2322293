import { AwsMessenger } from '#adapters/messaging/messenger.ts';
import { container, once } from './container.ts';

/** SMS (SNS) and e-mail (SES v2) for handlers that talk to citizens. */
export const messenger = once(() => {
  const { config } = container();
  return AwsMessenger.create(config.sms.senderId, config.email.from);
});
