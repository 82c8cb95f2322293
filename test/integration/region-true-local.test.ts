import { ConnectClient, StartTaskContactCommand } from '@aws-sdk/client-connect';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CONNECT } from '../../local/fake-aws/connect.ts';
import { type LocalStack, startLocalStack } from '../../local/local-stack.ts';
import { eventually, localClient } from '../support/local-client.ts';

/**
 * Local mode refuses what AWS refuses: a client built for a region where its resource does not live
 * fails here with AWS's error (docs/decisions/0067). The dev stage: case data in me-central-1, Connect in
 * eu-central-1, SES receiving in eu-west-1.
 */
let stack: LocalStack;
const { post, outbox } = localClient(() => stack);

beforeAll(async () => {
  stack = await startLocalStack({ fastRetries: true });
});
afterAll(() => stack.stop());

const regions = () => stack.regions.regions;

describe('the case table, only in regions.caseData', () => {
  it('is not found from the contact center’s region', async () => {
    const away = new DynamoDBClient({ region: regions().contactCenter });
    await expect(away.send(new DescribeTableCommand({ TableName: stack.tableName }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Requested resource not found',
    });
    const home = new DynamoDBClient({ region: regions().caseData });
    const table = await home.send(new DescribeTableCommand({ TableName: stack.tableName }));
    expect(table.Table?.TableName).toBe(stack.tableName);
  });
});

describe('Amazon Connect, only in regions.contactCenter', () => {
  const task = {
    InstanceId: LOCAL_CONNECT.instanceId,
    ContactFlowId: 'local-task-flow',
    Name: 'MCT-260000001',
    Attributes: { reference: '260000001', queue: 't1', tier: '1' },
  };

  it('refuses a task opened from the case-data region, as StartTaskContact fails there', async () => {
    const away = new ConnectClient({ region: regions().caseData });
    await expect(away.send(new StartTaskContactCommand(task))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('opens it in the instance’s region', async () => {
    const home = new ConnectClient({ region: regions().contactCenter });
    const out = await home.send(new StartTaskContactCommand({ ...task, ClientToken: 'region-true-1' }));
    expect(out.ContactId).toBeTruthy();
  });

  it('receives the tier task of a new case, which awaitAgent opens in the instance’s region', async () => {
    const res = await post(
      '/v1/requests',
      { text: 'حفرة كبيرة في الشارع أمام المدرسة في الخوير', contact: { email: 'region.true@example.om' } },
      { 'idempotency-key': 'region-true-local-0001' },
    );
    expect(res.status).toBe(201);
    const { reference } = (await res.json()) as { reference: string };
    const opened = await eventually(async () => {
      const tasks = (await outbox()).filter((e) => e.channel === 'task' && e.reference === reference);
      expect(tasks).toHaveLength(1);
      return tasks[0];
    });
    expect(opened?.to).toBe('t1');
  });
});

describe('received mail, only in regions.mailReceiving', () => {
  it('is redirected to its region when read from the case-data region', async () => {
    const key = `${stack.rawMail.prefix}region-true-message`;
    const home = new S3Client({ region: regions().mailReceiving, forcePathStyle: true });
    await home.send(
      new PutObjectCommand({ Bucket: stack.rawMail.bucket, Key: key, Body: 'From: a@b.c\r\n\r\nx' }),
    );
    const away = new S3Client({ region: regions().caseData, forcePathStyle: true });
    await expect(
      away.send(new GetObjectCommand({ Bucket: stack.rawMail.bucket, Key: key })),
    ).rejects.toMatchObject({
      name: 'PermanentRedirect',
      $metadata: { httpStatusCode: 301 },
    });
    const read = await home.send(new GetObjectCommand({ Bucket: stack.rawMail.bucket, Key: key }));
    expect(await read.Body?.transformToString()).toContain('From: a@b.c');
  });
});

describe('citizens’ uploads, to the attachments bucket in regions.caseData', () => {
  it('are redirected when the form was signed for another region', async () => {
    const bucket = Object.entries(stack.regions.buckets).find(([, role]) => role === 'caseData')?.[0] ?? '';
    const upload = async (region: string) => {
      const form = await createPresignedPost(new S3Client({ region, forcePathStyle: true }), {
        Bucket: bucket,
        Key: 'uploads/pending/region-true.txt',
        Fields: { 'Content-Type': 'text/plain' },
      });
      const body = new FormData();
      for (const [name, value] of Object.entries(form.fields)) body.append(name, value);
      body.append('file', new Blob(['x'], { type: 'text/plain' }));
      return fetch(form.url, { method: 'POST', body, redirect: 'manual' });
    };
    const away = await upload(regions().mailReceiving);
    expect(away.status).toBe(301);
    expect(away.headers.get('x-amz-bucket-region')).toBe(regions().caseData);
    expect((await upload(regions().caseData)).status).toBe(204);
  });
});

describe('sending e-mail, from the identity verified in regions.caseData', () => {
  it('is rejected when sent from the mail-receiving region', async () => {
    const away = new SESv2Client({ region: regions().mailReceiving });
    await expect(
      away.send(
        new SendEmailCommand({
          FromEmailAddress: 'nidaa@nidaa-dev.example.om',
          Destination: { ToAddresses: ['citizen@example.om'] },
          Content: { Simple: { Subject: { Data: 'x' }, Body: { Text: { Data: 'x' } } } },
        }),
      ),
    ).rejects.toMatchObject({ name: 'MessageRejected' });
  });
});
