import { ConnectClient, StartTaskContactCommand } from '@aws-sdk/client-connect';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { ConnectTasks } from '#adapters/connect/connect-tasks.ts';

const connect = mockClient(ConnectClient);
const QUEUES = { t1: 'q-t1', t2: 'q-t2', 't3#roads': 'q-roads', callback: 'q-callback' };
const tasks = new ConnectTasks(new ConnectClient({}), {
  instanceId: 'instance-1',
  taskFlowId: 'flow-tier-task',
  queues: async () => QUEUES,
  panelUrl: 'https://nidaa.example.om/panel/',
});

beforeEach(() => {
  connect.reset();
  connect.on(StartTaskContactCommand).resolves({ ContactId: 'contact-9' });
});

describe('ConnectTasks', () => {
  it('opens a tier task in the department’s queue with the case link and a client token', async () => {
    const contactId = await tasks.openTask({
      reference: '260001234',
      tier: 3,
      departmentCode: 'roads',
      name: '260001234 · حفرة / Pothole',
      description: 'حفرة عميقة',
      clientToken: '260001234-t3-1772345600',
    });
    expect(contactId).toBe('contact-9');
    expect(connect).toHaveReceivedCommandWith(StartTaskContactCommand, {
      InstanceId: 'instance-1',
      ContactFlowId: 'flow-tier-task',
      Name: '260001234 · حفرة / Pothole',
      Description: 'حفرة عميقة',
      Attributes: {
        reference: '260001234',
        tier: '3',
        department: 'roads',
        queue: 't3#roads',
        queueId: 'q-roads',
      },
      References: { Case: { Type: 'URL', Value: 'https://nidaa.example.om/panel/#/cases/260001234' } },
      ClientToken: '260001234-t3-1772345600',
    });
  });

  it('queues a call back with the number to call, the text to read and the screen-pop attributes', async () => {
    const contactId = await tasks.requestCallback({
      reference: '260001234',
      phone: '+96824123456',
      language: 'ar',
      text: 'تمت معالجة بلاغكم.',
      clientToken: 'resolved-260001234-7',
    });
    expect(contactId).toBe('contact-9');
    expect(connect).toHaveReceivedCommandWith(StartTaskContactCommand, {
      InstanceId: 'instance-1',
      ContactFlowId: 'flow-tier-task',
      Name: 'اتصل بـ +96824123456 · 260001234',
      Description: 'تمت معالجة بلاغكم.',
      Attributes: {
        reference: '260001234',
        queue: 'callback',
        queueId: 'q-callback',
        nidaaCallerPhone: '+96824123456',
        nidaaLanguage: 'ar',
        nidaaIntent: 'callback',
      },
      References: { Case: { Type: 'URL', Value: 'https://nidaa.example.om/panel/#/cases/260001234' } },
      ClientToken: 'resolved-260001234-7',
    });
  });
});
