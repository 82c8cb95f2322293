import type { ServerResponse } from 'node:http';
import type { Outbox } from '../outbox.ts';
import { send } from './respond.ts';

/**
 * SNS Publish, in the AWS Query protocol (form-encoded request, XML response): to a phone number it is an
 * SMS, to a topic (the supervisors' alerts) an alert. Both land in the outbox.
 */
export function serveSns(body: string, res: ServerResponse, outbox: Outbox, now: Date) {
  const form = new URLSearchParams(body);
  const to = form.get('PhoneNumber') ?? form.get('TopicArn');
  if (form.get('Action') !== 'Publish' || !to) {
    return send(
      res,
      400,
      '<ErrorResponse><Error><Code>InvalidParameter</Code></Error></ErrorResponse>',
      'text/xml',
    );
  }
  const attributes: Record<string, string> = {};
  for (let i = 1; form.has(`MessageAttributes.entry.${i}.Name`); i++) {
    attributes[form.get(`MessageAttributes.entry.${i}.Name`) ?? ''] =
      form.get(`MessageAttributes.entry.${i}.Value.StringValue`) ?? '';
  }
  const messageId = crypto.randomUUID();
  const common = { to, text: form.get('Message') ?? '', at: now.toISOString(), messageId };
  if (form.has('PhoneNumber'))
    outbox.add({ channel: 'sms', ...common, senderId: attributes['AWS.SNS.SMS.SenderID'] });
  else
    outbox.add({
      channel: 'alert',
      ...common,
      subject: form.get('Subject') ?? '',
      reference: attributes.reference,
    });
  send(
    res,
    200,
    `<PublishResponse><PublishResult><MessageId>${messageId}</MessageId></PublishResult></PublishResponse>`,
    'text/xml',
  );
}
