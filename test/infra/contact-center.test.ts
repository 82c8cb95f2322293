import { App } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ContactFlowSpec } from '../../contact-flows/catalog.ts';
import { DEPARTMENTS } from '../../functions/core/catalogue/seed.ts';
import type { StageConfig } from '../../lib/config/stage-config.ts';
import { holidayOverrides, weeklyHours } from '../../lib/constructs/contact-center/business-hours.ts';
import { FUNCTIONS, type FunctionSpec } from '../../lib/function-catalog.ts';
import { addStage } from '../../lib/nidaa-app.ts';
import { stageConfig, synthStage } from './synth.ts';

type Resource = { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] };

/** A function a flow invokes, standing in for the IVR functions (built from an existing entry file). */
const HOTLINE_TEST: FunctionSpec = {
  trigger: 'connectFlow',
  entry: 'functions/api/citizen-api.handler.ts',
  description: 'Hotline test function invoked by a flow',
  table: 'readWrite',
  startsSync: ['caseIntake'],
  sends: true,
  invokedByConnect: true,
};
const FLOWS: Record<string, ContactFlowSpec> = {
  'tier-task': {
    file: 'test/fixtures/contact-flows/tier-task.json',
    type: 'CONTACT_FLOW',
    channels: ['TASK'],
    description: 'Puts a tier task in the queue named by its queueId attribute',
  },
  inbound: {
    file: 'test/fixtures/contact-flows/inbound.json',
    type: 'CONTACT_FLOW',
    channels: ['VOICE'],
    description: 'Fixture naming every placeholder kind',
  },
};
const withFixtures = { flows: FLOWS, functions: { ...FUNCTIONS, hotlineTest: HOTLINE_TEST } };

let dev: ReturnType<typeof synthStage>;
let prod: ReturnType<typeof synthStage>;

beforeAll(() => {
  // cdk-nag AwsSolutions runs in every synthesis: an unacknowledged finding throws here.
  dev = synthStage('dev', (c) => c, withFixtures);
  // prod importing the municipality's instance (cdk.json ships no ARN: each team sets its own).
  prod = synthStage(
    'prod',
    (c) => ({ ...c, contactCenter: { ...c.contactCenter, instanceArn: IMPORTED_ARN } }),
    withFixtures,
  );
});

const resources = (t: Template, type: string) =>
  Object.entries(t.findResources(type)) as [string, Resource][];
const only = (t: Template, type: string, props: Record<string, unknown> = {}) => {
  const found = Object.entries(t.findResources(type, { Properties: Match.objectLike(props) })) as [
    string,
    Resource,
  ][];
  expect(found).toHaveLength(1);
  return found[0] as [string, Resource];
};
const functionByDescription = (t: Template, description: string) =>
  only(t, 'AWS::Lambda::Function', { Description: description });
const envOf = (fn: Resource) =>
  (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
const IMPORTED_ARN =
  'arn:aws:connect:eu-central-1:111122223333:instance/00000000-0000-4000-8000-000000000000';

describe('the instance', () => {
  it('is created when no ARN is configured: Connect-managed users, calls both ways, Contact Lens off', () => {
    dev.contactCenter.hasResourceProperties('AWS::Connect::Instance', {
      IdentityManagementType: 'CONNECT_MANAGED',
      InstanceAlias: 'nidaa-dev',
      Attributes: Match.objectLike({ InboundCalls: true, OutboundCalls: true, ContactLens: false }),
    });
    dev.contactCenter.hasResource('AWS::Connect::Instance', { DeletionPolicy: 'Delete' });
  });

  it('is imported by ARN: nothing is created, every resource names the configured instance', () => {
    prod.contactCenter.resourceCountIs('AWS::Connect::Instance', 0);
    for (const [, queue] of resources(prod.contactCenter, 'AWS::Connect::Queue')) {
      expect(queue.Properties.InstanceArn).toBe(IMPORTED_ARN);
    }
    prod.contactCenter.hasResourceProperties('AWS::Connect::IntegrationAssociation', {
      InstanceId: IMPORTED_ARN,
    });
  });

  it('keeps a created instance in prod and turns on Contact Lens only when configured', () => {
    const created = synthStage('prod', (c) => ({
      ...c,
      contactCenter: { ...c.contactCenter, instanceArn: undefined, contactLens: true },
    }));
    created.contactCenter.hasResource('AWS::Connect::Instance', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ Attributes: Match.objectLike({ ContactLens: true }) }),
    });
  });
});

describe('hours of operation', () => {
  it('are Sunday to Thursday in Asia/Muscat, from the business calendar', () => {
    dev.contactCenter.hasResourceProperties('AWS::Connect::HoursOfOperation', {
      TimeZone: 'Asia/Muscat',
      Config: ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY'].map((Day) => ({
        Day,
        StartTime: { Hours: 7, Minutes: 30 },
        EndTime: { Hours: 14, Minutes: 30 },
      })),
    });
  });

  it('close on holidays: consecutive days make one override without hours', () => {
    dev.contactCenter.hasResourceProperties('AWS::Connect::HoursOfOperation', {
      HoursOfOperationOverrides: Match.arrayWith([
        Match.objectLike({ EffectiveFrom: '2026-11-20', EffectiveTill: '2026-11-21', OverrideConfig: [] }),
        Match.objectLike({ EffectiveFrom: '2027-01-11', EffectiveTill: '2027-01-11', OverrideConfig: [] }),
      ]),
    });
    expect(
      holidayOverrides([
        '2027-03-10',
        '2027-03-09',
        '2027-03-11',
        '2027-03-31',
        '2027-04-01',
        '2027-03-10',
      ]).map((o) => [o.effectiveFrom, o.effectiveTill]),
    ).toEqual([
      ['2027-03-09', '2027-03-11'],
      ['2027-03-31', '2027-04-01'],
    ]);
  });

  it('follow another working week and day when a municipality sets one', () => {
    expect(weeklyHours({ workingDays: [6, 0], dayStart: '08:00', dayEnd: '13:15', holidays: [] })).toEqual([
      { day: 'SUNDAY', startTime: { hours: 8, minutes: 0 }, endTime: { hours: 13, minutes: 15 } },
      { day: 'SATURDAY', startTime: { hours: 8, minutes: 0 }, endTime: { hours: 13, minutes: 15 } },
    ]);
  });
});

describe('queues, routing profiles and quick connects', () => {
  const queueArnOf = (t: Template, name: string) => {
    const [id] = only(t, 'AWS::Connect::Queue', { Name: name });
    return { 'Fn::GetAtt': [id, 'QueueArn'] };
  };

  it('has tier 1, tier 2, callbacks and one tier-3 queue per department, named from config', () => {
    dev.contactCenter.resourceCountIs('AWS::Connect::Queue', 3 + DEPARTMENTS.length);
    for (const name of ['الخط الأول | Tier 1', 'الخط الثاني | Tier 2', 'معاودة الاتصال | Callbacks']) {
      only(dev.contactCenter, 'AWS::Connect::Queue', { Name: name });
    }
    only(dev.contactCenter, 'AWS::Connect::Queue', {
      Name: 'الإدارة: إدارة الطرق والإنارة | Department: Roads and Street Lighting',
    });
    const [, hours] = only(dev.contactCenter, 'AWS::Connect::HoursOfOperation');
    expect(hours).toBeDefined();
    for (const [, queue] of resources(dev.contactCenter, 'AWS::Connect::Queue')) {
      expect(queue.Properties.HoursOfOperationArn).toEqual({
        'Fn::GetAtt': [expect.stringMatching(/^BusinessHours/), 'HoursOfOperationArn'],
      });
    }
  });

  it('takes names a municipality changes from config', () => {
    const renamed = synthStage('prod', (c: StageConfig) => ({
      ...c,
      contactCenter: {
        ...c.contactCenter,
        queues: {
          ...c.contactCenter.queues,
          t1: { name: { ar: 'الاستقبال', en: 'Front desk' }, description: { ar: 'أ', en: 'a' } },
        },
      },
    }));
    only(renamed.contactCenter, 'AWS::Connect::Queue', { Name: 'الاستقبال | Front desk' });
    only(renamed.contactCenter, 'AWS::Connect::RoutingProfile', { Name: 'الاستقبال | Front desk' });
  });

  it('gives tier 1, tier 2 and each department a routing profile over its queues on every channel', () => {
    dev.contactCenter.resourceCountIs('AWS::Connect::RoutingProfile', 2 + DEPARTMENTS.length);
    const [, tier1] = only(dev.contactCenter, 'AWS::Connect::RoutingProfile', {
      Name: 'الخط الأول | Tier 1',
    });
    expect(tier1.Properties.MediaConcurrencies).toEqual([
      { Channel: 'VOICE', Concurrency: 1 },
      { Channel: 'CHAT', Concurrency: 2 },
      { Channel: 'TASK', Concurrency: 3 },
    ]);
    const queues = (
      tier1.Properties.QueueConfigs as { QueueReference: { Channel: string; QueueArn: unknown } }[]
    ).map((q) => [q.QueueReference.Channel, q.QueueReference.QueueArn]);
    const t1 = queueArnOf(dev.contactCenter, 'الخط الأول | Tier 1');
    const callbacks = queueArnOf(dev.contactCenter, 'معاودة الاتصال | Callbacks');
    expect(queues).toEqual(
      [t1, callbacks].flatMap((arn) => ['VOICE', 'CHAT', 'TASK'].map((channel) => [channel, arn])),
    );
    expect(tier1.Properties.DefaultOutboundQueueArn).toEqual(t1);
  });

  it('offers escalating quick connects: tier 1 to tier 2 and the departments, tier 2 to the departments', () => {
    dev.contactCenter.resourceCountIs('AWS::Connect::QuickConnect', 1 + DEPARTMENTS.length);
    const [transferId] = only(dev.contactCenter, 'AWS::Connect::ContactFlow', { Type: 'QUEUE_TRANSFER' });
    const quickConnectTo = (queueName: string) => {
      const [id] = only(dev.contactCenter, 'AWS::Connect::QuickConnect', {
        QuickConnectConfig: {
          QuickConnectType: 'QUEUE',
          QueueConfig: {
            QueueArn: queueArnOf(dev.contactCenter, queueName),
            ContactFlowArn: { 'Fn::GetAtt': [transferId, 'ContactFlowArn'] },
          },
        },
      });
      return { 'Fn::GetAtt': [id, 'QuickConnectArn'] };
    };
    const departments = DEPARTMENTS.map((d) =>
      quickConnectTo(`الإدارة: ${d.name.ar} | Department: ${d.name.en}`),
    );
    const [, t1] = only(dev.contactCenter, 'AWS::Connect::Queue', { Name: 'الخط الأول | Tier 1' });
    expect(t1.Properties.QuickConnectArns).toEqual([quickConnectTo('الخط الثاني | Tier 2'), ...departments]);
    const [, t2] = only(dev.contactCenter, 'AWS::Connect::Queue', { Name: 'الخط الثاني | Tier 2' });
    expect(t2.Properties.QuickConnectArns).toEqual(departments);
  });
});

describe('contact flows', () => {
  it('deploys one flow per catalogue entry with every placeholder replaced by its ARN', () => {
    const [taskId] = only(dev.contactCenter, 'AWS::Connect::ContactFlow', { Name: 'nidaa-tier-task' });
    const [inboundId, inbound] = only(dev.contactCenter, 'AWS::Connect::ContactFlow', {
      Name: 'nidaa-inbound',
      Type: 'CONTACT_FLOW',
      Description: FLOWS.inbound?.description,
    });
    const [fnId] = functionByDescription(dev.contactCenter, HOTLINE_TEST.description);
    const [hoursId] = only(dev.contactCenter, 'AWS::Connect::HoursOfOperation');
    const [roadsId] = only(dev.contactCenter, 'AWS::Connect::Queue', {
      Name: 'الإدارة: إدارة الطرق والإنارة | Department: Roads and Street Lighting',
    });
    const [callbackId] = only(dev.contactCenter, 'AWS::Connect::Queue', {
      Name: 'معاودة الاتصال | Callbacks',
    });
    const parts = (inbound.Properties.Content as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
    expect(parts).toEqual(
      expect.arrayContaining([
        { 'Fn::GetAtt': [fnId, 'Arn'] },
        { 'Fn::GetAtt': [roadsId, 'QueueArn'] },
        { 'Fn::GetAtt': [callbackId, 'QueueArn'] },
        { 'Fn::GetAtt': [hoursId, 'HoursOfOperationArn'] },
        { 'Fn::GetAtt': [taskId, 'ContactFlowArn'] },
      ]),
    );
    expect(JSON.stringify(parts)).not.toContain(`\${`);
    // The flow is valid JSON once the ARNs are in.
    const text = parts.map((p) => (typeof p === 'string' ? p : 'arn:x')).join('');
    expect(JSON.parse(text).Actions).toHaveLength(6);
    expect(inboundId).toBeDefined();
  });

  it('creates a flow after the functions and queues it may name (and, by its references, the flows)', () => {
    const [, inbound] = only(dev.contactCenter, 'AWS::Connect::ContactFlow', { Name: 'nidaa-inbound' });
    const [fnId] = functionByDescription(dev.contactCenter, HOTLINE_TEST.description);
    const [integrationId] = only(dev.contactCenter, 'AWS::Connect::IntegrationAssociation', {
      IntegrationArn: { 'Fn::GetAtt': [fnId, 'Arn'] },
    });
    const [permissionId] = only(dev.contactCenter, 'AWS::Lambda::Permission', {
      Principal: 'connect.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [fnId, 'Arn'] },
    });
    const [queueId] = only(dev.contactCenter, 'AWS::Connect::Queue', { Name: 'الخط الأول | Tier 1' });
    expect(inbound.DependsOn).toEqual(expect.arrayContaining([integrationId, permissionId, queueId]));
  });

  it('refuses a tier-task flow that StartTaskContact could not run', () => {
    const whisper = {
      'tier-task': { ...(FLOWS['tier-task'] as ContactFlowSpec), type: 'AGENT_WHISPER' },
    } as const;
    expect(() => synthStage('dev', (c) => c, { flows: whisper })).toThrow(
      'Contact flow "tier-task" is of type AGENT_WHISPER; StartTaskContact runs only CONTACT_FLOW flows.',
    );
  });

  it('stops synth on an unknown placeholder, naming the flow, the placeholder and what it may be', () => {
    const unknown = {
      broken: {
        file: 'test/fixtures/contact-flows/unknown-queue.json',
        type: 'CONTACT_FLOW',
        channels: ['VOICE'],
        description: 'x',
      },
    } as const;
    expect(() => synthStage('dev', (c) => c, { flows: unknown })).toThrow(
      `Contact flow "broken" (test/fixtures/contact-flows/unknown-queue.json) uses \${queue:t3#nowhere}, but "t3#nowhere" is not a Nidaa queue`,
    );
  });
});

describe('functions invoked by flows', () => {
  it('are built next to the instance, not in the core stack', () => {
    functionByDescription(dev.contactCenter, HOTLINE_TEST.description);
    const nidaaFunctions = (t: Template) =>
      Object.keys(
        t.findResources('AWS::Lambda::Function', {
          Properties: { Runtime: 'nodejs24.x', TracingConfig: { Mode: 'Active' } },
        }),
      );
    expect(nidaaFunctions(dev.core)).toHaveLength(
      Object.values(FUNCTIONS).filter(
        (f) => !(f as FunctionSpec).invokedByConnect && !(f as FunctionSpec).relaysMail,
      ).length,
    );
    expect(nidaaFunctions(dev.contactCenter)).toHaveLength(
      Object.values(withFixtures.functions).filter((f) => (f as FunctionSpec).invokedByConnect).length,
    );
  });

  it('are added to the instance and may be invoked only by it', () => {
    const [fnId] = functionByDescription(dev.contactCenter, HOTLINE_TEST.description);
    const [instanceId] = only(dev.contactCenter, 'AWS::Connect::Instance');
    dev.contactCenter.hasResourceProperties('AWS::Connect::IntegrationAssociation', {
      InstanceId: { 'Fn::GetAtt': [instanceId, 'Arn'] },
      IntegrationType: 'LAMBDA_FUNCTION',
      IntegrationArn: { 'Fn::GetAtt': [fnId, 'Arn'] },
    });
    dev.contactCenter.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [fnId, 'Arn'] },
      Principal: 'connect.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [instanceId, 'Arn'] },
      SourceAccount: { Ref: 'AWS::AccountId' },
    });
  });

  it('keep their catalogue flags: the case table, case-intake and e-mail in the case-data region', () => {
    const [, fn] = functionByDescription(dev.contactCenter, HOTLINE_TEST.description);
    const env = envOf(fn);
    expect(env.CASE_DATA_REGION).toBe('me-central-1');
    expect(env.CASE_INTAKE_ARN).toEqual({
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':states:me-central-1:',
          { Ref: 'AWS::AccountId' },
          ':stateMachine:nidaa-dev-case-intake',
        ],
      ],
    });
    expect(JSON.stringify(env.TABLE_NAME)).toContain('ExportsReader');
    const statements = JSON.stringify(dev.contactCenter.findResources('AWS::IAM::Policy'));
    expect(statements).toContain('states:StartSyncExecution');
    expect(statements).toContain('dynamodb:PutItem');
    expect(statements).toContain(':ses:me-central-1:');
    dev.contactCenter.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: 'hotlineTest: invocation errors',
    });
  });

  it('cannot set timers or resume workflows, which only the core stack wires', () => {
    expect(() =>
      synthStage('dev', (c) => c, {
        functions: { ...FUNCTIONS, hotlineTest: { ...HOTLINE_TEST, resumesWorkflows: true } },
      }),
    ).toThrow('Function hotlineTest sets timers or resumes workflows');
  });
});

describe('contact events', () => {
  it('forward the task events of the contact-center region to the case-data default bus', () => {
    const [ruleId, rule] = only(dev.contactCenter, 'AWS::Events::Rule');
    expect(rule.Properties.EventPattern).toEqual(
      (dev.core.findResources('AWS::Events::Rule') as Record<string, Resource>)[
        Object.keys(dev.core.findResources('AWS::Events::Rule'))[0] as string
      ]?.Properties.EventPattern,
    );
    const busArn = {
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':events:me-central-1:',
          { Ref: 'AWS::AccountId' },
          ':event-bus/default',
        ],
      ],
    };
    const target = (rule.Properties.Targets as Record<string, unknown>[])[0] as Record<string, unknown>;
    expect(target.Arn).toEqual(busArn);
    expect(target.DeadLetterConfig).toEqual({
      Arn: { 'Fn::GetAtt': [expect.stringMatching(/DeadLetters/), 'Arn'] },
    });
    const roleId = (target.RoleArn as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    dev.contactCenter.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: roleId }],
      PolicyDocument: { Statement: [Match.objectLike({ Action: 'events:PutEvents', Resource: busArn })] },
    });
    dev.contactCenter.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: Match.objectLike({
        Statement: [Match.objectLike({ Principal: { Service: 'events.amazonaws.com' } })],
      }),
    });
    expect(ruleId).toBeDefined();
  });

  it('need no forwarding when Connect and the case data share a region', () => {
    const same = synthStage('dev', (c) => ({
      ...c,
      regions: { ...c.regions, contactCenter: 'me-central-1' },
    }));
    same.contactCenter.resourceCountIs('AWS::Events::Rule', 0);
  });
});

describe('contact records and chat transcripts', () => {
  it('stream contact records through an encrypted Firehose into a KMS bucket', () => {
    const [streamId] = only(prod.contactCenter, 'AWS::KinesisFirehose::DeliveryStream', {
      DeliveryStreamEncryptionConfigurationInput: Match.objectLike({ KeyType: 'CUSTOMER_MANAGED_CMK' }),
    });
    prod.contactCenter.hasResourceProperties('AWS::Connect::InstanceStorageConfig', {
      InstanceArn: IMPORTED_ARN,
      ResourceType: 'CONTACT_TRACE_RECORDS',
      StorageType: 'KINESIS_FIREHOSE',
      KinesisFirehoseConfig: { FirehoseArn: { 'Fn::GetAtt': [streamId, 'Arn'] } },
    });
  });

  it('keep chat transcripts in a private KMS bucket, configured after the records (Connect throttles)', () => {
    const [recordsId] = only(prod.contactCenter, 'AWS::Connect::InstanceStorageConfig', {
      ResourceType: 'CONTACT_TRACE_RECORDS',
    });
    const [, transcripts] = only(prod.contactCenter, 'AWS::Connect::InstanceStorageConfig', {
      ResourceType: 'CHAT_TRANSCRIPTS',
      StorageType: 'S3',
      S3Config: Match.objectLike({
        BucketPrefix: 'chat-transcripts',
        EncryptionConfig: Match.objectLike({ EncryptionType: 'KMS' }),
      }),
    });
    expect(transcripts.DependsOn).toContain(recordsId);
    const bucketRef = (transcripts.Properties.S3Config as { BucketName: { Ref: string } }).BucketName.Ref;
    prod.contactCenter.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            Match.objectLike({
              ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: 'aws:kms' }),
            }),
          ],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
      }),
    });
    expect(Object.keys(prod.contactCenter.findResources('AWS::S3::Bucket'))).toContain(bucketRef);
  });
});

describe('the hotline number', () => {
  it('is claimed only when configured', () => {
    dev.contactCenter.resourceCountIs('AWS::Connect::PhoneNumber', 0);
    const claimed = synthStage('dev', (c) => ({
      ...c,
      contactCenter: {
        ...c.contactCenter,
        phoneNumber: { countryCode: 'OM', type: 'TOLL_FREE', prefix: '+968800' },
      },
    }));
    const [instanceId] = only(claimed.contactCenter, 'AWS::Connect::Instance');
    claimed.contactCenter.hasResourceProperties('AWS::Connect::PhoneNumber', {
      TargetArn: { 'Fn::GetAtt': [instanceId, 'Arn'] },
      CountryCode: 'OM',
      Type: 'TOLL_FREE',
      Prefix: '+968800',
    });
  });
});

/** The resources a function's role may run connect:SearchQueues on. */
function queueSearchOf(t: Template, fnId: string) {
  const role = `"Ref":"${fnId.replace(/Function[0-9A-F]{8}$/, 'Role')}`;
  return (Object.values(t.findResources('AWS::IAM::Policy')) as Resource[])
    .filter((p) => JSON.stringify(p.Properties.Roles).includes(role))
    .flatMap(
      (p) =>
        (p.Properties.PolicyDocument as { Statement: { Action: unknown; Resource: unknown }[] }).Statement,
    )
    .filter((s) => s.Action === 'connect:SearchQueues')
    .flatMap((s) => s.Resource);
}

describe('the core stack', () => {
  const awaitAgent = (t: Template) => functionByDescription(t, FUNCTIONS.awaitAgent.description);

  it('tells functions that open tasks the instance and the task flow, and lets them find the tagged queues', () => {
    const [fnId, fn] = awaitAgent(prod.core);
    const env = envOf(fn);
    expect(env.CONNECT_INSTANCE_ID).toBe('00000000-0000-4000-8000-000000000000');
    expect(queueSearchOf(prod.core, fnId)).toEqual([IMPORTED_ARN]);
    // One queue ARN per department no longer travels in the environment (docs/decisions/0066).
    expect(env.CONNECT_QUEUES).toBeUndefined();
    const tagged = Object.values(prod.contactCenter.findResources('AWS::Connect::Queue')).map(
      (q) =>
        ((q as Resource).Properties.Tags as { Key: string; Value: string }[]).find(
          (t) => t.Key === 'nidaa:queue',
        )?.Value,
    );
    for (const name of ['t1', 't2', 'callback', ...DEPARTMENTS.map((d) => `t3:${d.code}`)])
      expect(tagged).toContain(name);
    expect(JSON.stringify(env.CONNECT_TASK_FLOW_ID)).toContain('ExportsReader');
    // No panel address in this stage's config yet: tasks carry no link (the edge test covers one).
    expect(env.PANEL_URL).toBe('');
  });

  /** The StartTaskContact statements of awaitAgent's role. */
  const startTaskStatements = (t: Template) => {
    const [fnId] = awaitAgent(t);
    const role = `"Ref":"${fnId.replace(/Function[0-9A-F]{8}$/, 'Role')}`;
    return (Object.values(t.findResources('AWS::IAM::Policy')) as Resource[])
      .filter((p) => JSON.stringify(p.Properties.Roles).includes(role))
      .flatMap(
        (p) =>
          (p.Properties.PolicyDocument as { Statement: { Action: unknown; Resource: unknown[] }[] })
            .Statement,
      )
      .filter((s) => s.Action === 'connect:StartTaskContact');
  };

  it('lets them start tasks on the imported instance with the tier-task flow only', () => {
    const statements = startTaskStatements(prod.core);
    expect(statements).toHaveLength(1);
    const [instance, contacts, flow] = (statements[0] as { Resource: unknown[] }).Resource;
    expect(instance).toBe(IMPORTED_ARN);
    expect(contacts).toBe(`${IMPORTED_ARN}/contact/*`);
    expect(JSON.stringify(flow)).toContain('ExportsReader');
  });

  it('pins a created instance, whose ARN synth cannot know, by the tier-task flow', () => {
    const statements = startTaskStatements(dev.core);
    expect(statements).toHaveLength(1);
    const [instance, contacts, flow] = (statements[0] as { Resource: unknown[] }).Resource;
    expect(JSON.stringify(instance)).toContain('FnGetAttInstance');
    expect(contacts).toEqual({
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':connect:eu-central-1:',
          { Ref: 'AWS::AccountId' },
          ':instance/*/contact/*',
        ],
      ],
    });
    expect(JSON.stringify(flow)).toContain('FnGetAttFlowstiertask');
  });

  it('opens no tasks, and grants no task action, while the catalogue has no tier-task flow', () => {
    const [, fn] = awaitAgent(dev.core);
    expect(envOf(fn).CONNECT_TASK_FLOW_ID).toBeDefined();
    const bare = synthStage('dev', (c) => c, { flows: {} });
    const [, bareFn] = awaitAgent(bare.core);
    expect(envOf(bareFn).CONNECT_TASK_FLOW_ID).toBeUndefined();
    expect(envOf(bareFn).CONNECT_INSTANCE_ID).toBeDefined();
    // Only contactEvents still looks up Nidaa's queues, to tell its tasks' events from others.
    const connectActions = JSON.stringify(bare.core.findResources('AWS::IAM::Policy')).match(/connect:\w+/g);
    expect(new Set(connectActions)).toEqual(new Set(['connect:SearchQueues']));
    expect(queueSearchOf(bare.core, awaitAgent(bare.core)[0])).toEqual([]);
  });

  it('tells the contact-events function which instance and queues are Nidaa’s', () => {
    const [fnId, fn] = functionByDescription(prod.core, FUNCTIONS.contactEvents.description);
    expect(envOf(fn).CONNECT_INSTANCE_ID).toBe('00000000-0000-4000-8000-000000000000');
    expect(queueSearchOf(prod.core, fnId)).toEqual([IMPORTED_ARN]);
  });
});

describe('values between the stacks', () => {
  it('flow one way, Data → ContactCenter → Core, in their own regions', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const { data, contactCenter, core } = addStage(app, stageConfig('dev'), withFixtures);
    app.synth(); // references become dependencies when the app is prepared
    expect(contactCenter.region).toBe('eu-central-1');
    expect([data.region, core.region]).toEqual(['me-central-1', 'me-central-1']);
    expect(contactCenter.dependencies).toEqual([data]);
    expect(core.dependencies).toEqual(expect.arrayContaining([data, contactCenter]));
    expect(data.dependencies).toEqual([]);
  });
});

describe('call backs (docs/decisions/0017)', () => {
  it('lets the functions that send answers queue call backs in the instance, like tier tasks', () => {
    for (const name of ['notify', 'agentApi'] as const) {
      const [fnId, fn] = functionByDescription(prod.core, FUNCTIONS[name].description);
      const env = envOf(fn);
      expect(env.CONNECT_INSTANCE_ID).toBe('00000000-0000-4000-8000-000000000000');
      expect(queueSearchOf(prod.core, fnId)).toEqual([IMPORTED_ARN]);
      expect(JSON.stringify(env.CONNECT_TASK_FLOW_ID)).toContain('ExportsReader');
    }
  });
});

describe('chat transcripts', () => {
  it('hand every new transcript to chatTranscript, which may read transcripts only', () => {
    const [fnId] = functionByDescription(dev.contactCenter, FUNCTIONS.chatTranscript.description);
    // One notification configuration per bucket: the transcripts bucket's goes to chatTranscript alone.
    const notifications = resources(dev.contactCenter, 'Custom::S3BucketNotifications').filter(([, r]) =>
      JSON.stringify(r.Properties.BucketName).includes('ChatTranscriptsBucket'),
    );
    expect(notifications).toHaveLength(1);
    const config = JSON.stringify(notifications[0]?.[1].Properties.NotificationConfiguration);
    expect(config).toContain(fnId);
    expect(config).toContain('"Value":"chat-transcripts"');
    expect(config).toContain('"Value":".json"');
    const role = `"Ref":"${fnId.replace(/Function[0-9A-F]{8}$/, 'Role')}`;
    const policy = resources(dev.contactCenter, 'AWS::IAM::Policy').find(([, p]) =>
      JSON.stringify(p.Properties.Roles).includes(role.slice(7)),
    );
    const text = JSON.stringify(policy?.[1].Properties);
    expect(text).toContain('"Action":"s3:GetObject"');
    expect(text).toContain('/chat-transcripts*');
    expect(text).not.toMatch(/"s3:\*"|"s3:GetObject\*"/);
  });
});

describe('prompts from config', () => {
  it('deploys the municipality’s wording of a prompt in the flows, in place of the default', () => {
    const wording = 'أهلاً بكم في بلدية مسقط، يسعدنا خدمتكم.';
    const custom = synthStage('dev', (c) => ({
      ...c,
      contactCenter: {
        ...c.contactCenter,
        prompts: { welcome: { ar: wording } },
        voices: { arabic: 'Hala', english: 'Matthew' },
      },
    }));
    const contents = resources(custom.contactCenter, 'AWS::Connect::ContactFlow')
      .map(([, f]) => JSON.stringify(f.Properties.Content))
      .join('\n');
    expect(contents).toContain(wording);
    expect(contents).not.toContain('أهلاً بكم في الخط الساخن للبلدية.');
    // And the stage's voices, Zeina kept as the Arabic fallback.
    expect(contents).toContain('Hala');
    expect(contents).toContain('Matthew');
    expect(contents).not.toContain('Zayd');
  });
});
