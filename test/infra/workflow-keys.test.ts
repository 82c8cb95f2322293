import { beforeAll, describe, expect, it } from 'vitest';
import { synthStage } from './synth.ts';

type Resource = { Type: string; Properties: Record<string, unknown> };
type Statement = {
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
};

let core: ReturnType<typeof synthStage>['core'];

beforeAll(() => {
  core = synthStage('dev').core;
});

describe('the intake workflow starting the lifecycle', () => {
  it('may use the stage key for the lifecycle’s encrypted execution input, and only under its ARN', () => {
    const machines = core.findResources('AWS::StepFunctions::StateMachine') as Record<string, Resource>;
    const intakeRoleId = Object.values(machines)
      .map((m) => m.Properties)
      .find((p) => p.StateMachineName === 'nidaa-dev-case-intake')?.RoleArn as { 'Fn::GetAtt': string[] };
    const policies = Object.values(core.findResources('AWS::IAM::Policy')) as Resource[];
    const statements = policies
      .filter(
        (p) =>
          JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: intakeRoleId['Fn::GetAtt'][0] }]),
      )
      .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
    expect(statements.find((s) => s.Action === 'states:StartExecution')).toBeDefined();
    const contexts = statements
      .filter((s) => [s.Action].flat().includes('kms:GenerateDataKey'))
      .map((s) =>
        JSON.stringify(s.Condition?.StringEquals?.['kms:EncryptionContext:aws:states:stateMachineArn'] ?? ''),
      );
    // Its own ARN (CDK's grant) and the lifecycle's, which it starts.
    expect(contexts.some((c) => c.includes(':stateMachine:nidaa-dev-case-lifecycle'))).toBe(true);
  });
});
