import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { TABLE_SCHEMA } from '../../functions/adapters/dynamodb/table-schema.ts';
import {
  FUNCTIONS,
  type FunctionSpec,
  ROUTES,
  routeKey,
  STATE_MACHINES,
} from '../../lib/function-catalog.ts';
import { synthStage } from './synth.ts';

/** The catalogue functions the core stack builds (flows' functions live in the contact-center stack). */
const CORE_FUNCTIONS = Object.values(FUNCTIONS as Record<string, FunctionSpec>).filter(
  // Functions of the contact-center and mail stacks are built in their regions.
  (f) => !f.invokedByConnect && !f.relaysMail,
);

let dev: ReturnType<typeof synthStage>;
let prod: ReturnType<typeof synthStage>;

beforeAll(() => {
  // Both stages synthesize with cdk-nag AwsSolutions enabled: any unacknowledged finding throws here.
  dev = synthStage('dev');
  prod = synthStage('prod');
});

describe('data stack', () => {
  it('keeps cases in an on-demand, KMS-encrypted table with PITR, a stream, TTL and the documented indexes', () => {
    dev.data.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      BillingMode: 'PAY_PER_REQUEST',
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      TimeToLiveSpecification: { AttributeName: TABLE_SCHEMA.ttlAttribute, Enabled: true },
      Replicas: [
        Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }),
      ],
      GlobalSecondaryIndexes: Object.values(TABLE_SCHEMA.indexes).map((i) =>
        Match.objectLike({ IndexName: i.name, Projection: Match.objectLike({ ProjectionType: 'INCLUDE' }) }),
      ),
    });
    dev.data.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('retains data and protects it from deletion in prod only', () => {
    prod.data.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ Replicas: [Match.objectLike({ DeletionProtectionEnabled: true })] }),
    });
    dev.data.hasResource('AWS::DynamoDB::GlobalTable', { DeletionPolicy: 'Delete' });
  });
});

describe('functions', () => {
  it('builds one Node.js 24 arm64 function per catalogue entry, traced, with JSON logs', () => {
    const fns = dev.core.findResources('AWS::Lambda::Function', {
      Properties: {
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: Match.objectLike({ LogFormat: 'JSON' }),
      },
    });
    expect(Object.keys(fns)).toHaveLength(CORE_FUNCTIONS.length);
  });

  it('gives every async function a dead-letter queue with an alarm on its depth', () => {
    const asyncCount = CORE_FUNCTIONS.filter((f) => f.async).length;
    expect(asyncCount).toBeGreaterThan(0);
    // Besides: one failure queue per case-table stream consumer and one for the recurring schedules.
    const streamConsumers = CORE_FUNCTIONS.filter((f) => f.trigger === 'caseTableStream').length;
    const schedules = CORE_FUNCTIONS.some(
      (f) => f.trigger === 'hourlySchedule' || f.trigger === 'monthlySchedule',
    )
      ? 1
      : 0;
    dev.core.resourceCountIs('AWS::SQS::Queue', asyncCount + streamConsumers + schedules);
    dev.core.hasResourceProperties('AWS::SQS::Queue', { KmsMasterKeyId: Match.anyValue() });
    dev.core.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { MaximumRetryAttempts: 2 });
    const dlqAlarms = dev.core.findResources('AWS::CloudWatch::Alarm', {
      Properties: { MetricName: 'ApproximateNumberOfMessagesVisible' },
    });
    expect(Object.keys(dlqAlarms)).toHaveLength(asyncCount + streamConsumers + schedules);
  });

  it('alarms on errors and throttles of every function and on failed executions of every state machine', () => {
    for (const metric of ['Errors', 'Throttles']) {
      const alarms = dev.core.findResources('AWS::CloudWatch::Alarm', { Properties: { MetricName: metric } });
      expect(Object.keys(alarms)).toHaveLength(CORE_FUNCTIONS.length);
    }
    const failed = dev.core.findResources('AWS::CloudWatch::Alarm', {
      Properties: { MetricName: 'ExecutionsFailed' },
    });
    expect(Object.keys(failed)).toHaveLength(Object.keys(STATE_MACHINES).length);
    dev.core.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });

  it('grants table access without wildcards: named actions on the table and its named indexes', () => {
    const policies = dev.core.findResources('AWS::IAM::Policy');
    const statements = Object.values(policies).flatMap(
      (p) =>
        (p as { Properties: { PolicyDocument: { Statement: { Action: string | string[] }[] } } }).Properties
          .PolicyDocument.Statement,
    );
    const actions = statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    expect(actions.filter((a) => a.startsWith('dynamodb:') && a.includes('*'))).toEqual([]);
    expect(actions).toContain('dynamodb:Query');
  });
});

describe('workflows', () => {
  it('inlines each ASL file with its functions and the machines it starts substituted', () => {
    dev.core.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'EXPRESS',
      StateMachineName: 'nidaa-dev-case-intake',
      LoggingConfiguration: Match.objectLike({ Level: 'ALL', IncludeExecutionData: false }),
      TracingConfiguration: { Enabled: true },
    });
    const machines = Object.values(dev.core.findResources('AWS::StepFunctions::StateMachine')) as {
      Properties: {
        StateMachineName: string;
        StateMachineType: string;
        DefinitionSubstitutions: Record<string, unknown>;
      };
    }[];
    const substitutions = Object.fromEntries(
      machines.map((m) => [
        m.Properties.StateMachineName,
        Object.keys(m.Properties.DefinitionSubstitutions).sort(),
      ]),
    );
    expect(substitutions).toEqual({
      'nidaa-dev-case-intake': [
        'caseLifecycleStateMachineArn',
        'classifyFunctionArn',
        'notifyFunctionArn',
        'storeCaseFunctionArn',
      ],
      'nidaa-dev-case-lifecycle': [
        'awaitAgentFunctionArn',
        'awaitReopenFunctionArn',
        'closeCaseFunctionArn',
        'notifyFunctionArn',
        'slaBreachFunctionArn',
      ],
    });
    expect(
      machines.find((m) => m.Properties.StateMachineName === 'nidaa-dev-case-lifecycle')?.Properties
        .StateMachineType,
    ).toBe('STANDARD');
  });

  it('lets only EventBridge Scheduler resume case-lifecycle from timers, and only that machine', () => {
    dev.core.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: 'nidaa-dev' });
    dev.core.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: Match.objectLike({
        Statement: [Match.objectLike({ Principal: { Service: 'scheduler.amazonaws.com' } })],
      }),
    });
    dev.core.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['states:SendTaskSuccess', 'states:SendTaskFailure'],
            Resource: Match.objectLike({
              'Fn::Join': Match.arrayWith([Match.arrayWith([':stateMachine:nidaa-dev-case-lifecycle'])]),
            }),
          }),
        ]),
      }),
    });
  });
});

describe('api', () => {
  it('exposes exactly the catalogue routes, agent routes behind the JWT authorizer', () => {
    const routes = dev.core.findResources('AWS::ApiGatewayV2::Route');
    const keys = Object.values(routes).map(
      (r) => (r as { Properties: { RouteKey: string } }).Properties.RouteKey,
    );
    expect(keys.sort()).toEqual(ROUTES.map(routeKey).sort());
    for (const route of ROUTES.filter((r) => r.auth === 'agent')) {
      dev.core.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: routeKey(route),
        AuthorizationType: 'JWT',
      });
    }
  });

  it('deploys no SES receipt rules to a case-data region that cannot receive mail', () => {
    // dev keeps case data in me-central-1 and receives mail in eu-west-1.
    dev.core.resourceCountIs('AWS::SES::ReceiptRuleSet', 0);
    dev.core.resourceCountIs('AWS::SES::ReceiptRule', 0);
  });

  it('has no local-mode routes in the deployed stack', () => {
    const template = JSON.stringify([dev.core.toJSON(), prod.core.toJSON()]);
    expect(template).not.toContain('/_local');
    expect(template).not.toContain('/_aws');
  });

  it('puts staff in a Cognito pool with one group per role and MFA required', () => {
    dev.core.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'ON' });
    for (const group of ['agent_t1', 'agent_t2', 'dept_staff', 'supervisor', 'admin']) {
      dev.core.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: group });
    }
  });
});

describe('cdk-nag', () => {
  it('is active: a finding nobody acknowledged fails synthesis', async () => {
    const { App, Stack, Validations } = await import('aws-cdk-lib');
    const { Template } = await import('aws-cdk-lib/assertions');
    const sqs = await import('aws-cdk-lib/aws-sqs');
    const { AwsSolutionsChecks } = await import('cdk-nag');
    const app = new App();
    const stack = new Stack(app, 'Careless');
    new sqs.Queue(stack, 'PlainQueue');
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => Template.fromStack(stack)).toThrow(/AwsSolutions-SQS/);
  });
});

describe('fax letters (docs/decisions/0018)', () => {
  it('let every function that sends ask faxLetter, and only faxLetter, for a PDF', () => {
    const functions = Object.entries(dev.core.findResources('AWS::Lambda::Function')) as [
      string,
      { Properties: { Description: string; Environment?: { Variables: Record<string, unknown> } } },
    ][];
    const [faxLetterId] =
      functions.find(([, f]) => f.Properties.Description === FUNCTIONS.faxLetter.description) ?? [];
    expect(faxLetterId).toBeDefined();
    const senders = Object.values(FUNCTIONS).filter(
      (s) => 'sends' in s && s.sends && !('invokedByConnect' in s) && !('relaysMail' in s),
    );
    for (const spec of senders) {
      const [id, fn] = functions.find(([, f]) => f.Properties.Description === spec.description) ?? [];
      expect(fn?.Properties.Environment?.Variables.FAX_LETTER_FUNCTION).toEqual({ Ref: faxLetterId });
      const role = `"Ref":"${(id as string).replace(/Function[0-9A-F]{8}$/, 'Role')}`;
      const invoke = Object.values(dev.core.findResources('AWS::IAM::Policy'))
        .filter((p) => JSON.stringify(p).includes(role.slice(7)))
        .flatMap(
          (p) =>
            (p as { Properties: { PolicyDocument: { Statement: { Action: unknown }[] } } }).Properties
              .PolicyDocument.Statement,
        )
        .filter((s) => s.Action === 'lambda:InvokeFunction');
      expect(invoke).toEqual([expect.objectContaining({ Resource: { 'Fn::GetAtt': [faxLetterId, 'Arn'] } })]);
    }
    // Nobody else may invoke it: one statement per sender names it, in the whole stack.
    const allInvokes = Object.values(dev.core.findResources('AWS::IAM::Policy')).flatMap((p) =>
      (
        p as { Properties: { PolicyDocument: { Statement: { Action: unknown }[] } } }
      ).Properties.PolicyDocument.Statement.filter((st) =>
        JSON.stringify(st).includes(faxLetterId as string),
      ),
    );
    expect(allInvokes).toHaveLength(senders.length);
  });
});

describe('keys that services use on our behalf', () => {
  const policies = (t: typeof dev.core) =>
    Object.entries(t.findResources('AWS::IAM::Policy')) as [
      string,
      { Properties: { Roles: unknown; PolicyDocument: { Statement: Record<string, unknown>[] } } },
    ][];

  it('lets CloudWatch alarms publish to topics the stage key encrypts', () => {
    const [key] = Object.values(dev.data.findResources('AWS::KMS::Key')) as {
      Properties: { KeyPolicy: { Statement: Record<string, unknown>[] } };
    }[];
    expect(key?.Properties.KeyPolicy.Statement).toContainEqual(
      expect.objectContaining({
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      }),
    );
  });

  it('lets the timers hand case-lifecycle its result through Step Functions’ use of the key', () => {
    const [, timers] = policies(dev.core).find(([id]) => id.startsWith('TimersRole')) ?? [];
    expect(timers?.Properties.PolicyDocument.Statement).toContainEqual(
      expect.objectContaining({
        Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
        Condition: { StringEquals: { 'kms:ViaService': 'states.me-central-1.amazonaws.com' } },
      }),
    );
  });

  it('lets every async function write to its encrypted dead-letter queue', () => {
    const asyncFunctions = Object.entries(FUNCTIONS).filter(
      ([, s]) => 'async' in s && s.async && !('invokedByConnect' in s) && !('relaysMail' in s),
    );
    expect(asyncFunctions.length).toBeGreaterThan(0);
    for (const [name] of asyncFunctions) {
      const [, policy] = policies(dev.core).find(([id]) => id.startsWith(`${name}Role`)) ?? [];
      expect(policy?.Properties.PolicyDocument.Statement, name).toContainEqual(
        expect.objectContaining({
          Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
          Condition: { StringEquals: { 'kms:ViaService': 'sqs.me-central-1.amazonaws.com' } },
        }),
      );
    }
  });
});
