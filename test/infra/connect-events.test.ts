import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { HANDLED_CONTACT_EVENTS } from '../../functions/core/lifecycle/contact-events.ts';
import { FUNCTIONS } from '../../lib/function-catalog.ts';
import { advance, contactEvent } from '../../local/connect-events.ts';
import { synthStage } from './synth.ts';

let dev: ReturnType<typeof synthStage>;

beforeAll(() => {
  // cdk-nag AwsSolutions runs during synthesis: an unacknowledged finding throws here.
  dev = synthStage('dev');
});

type Resource = { Properties: Record<string, unknown> };

/** The logical id of the contactEvents function, found by its catalogue description. */
function contactEventsFunction(): [string, Resource] {
  const found = Object.entries(
    dev.core.findResources('AWS::Lambda::Function', {
      Properties: { Description: FUNCTIONS.contactEvents.description },
    }),
  );
  expect(found).toHaveLength(1);
  return found[0] as [string, Resource];
}

/** EventBridge matching for the pattern shapes used here: every listed field must hold one of its values. */
function matches(pattern: Record<string, unknown>, event: Record<string, unknown>): boolean {
  return Object.entries(pattern).every(([key, expected]) => {
    const actual = event[key];
    if (Array.isArray(expected)) return expected.includes(actual);
    return (
      typeof actual === 'object' &&
      actual !== null &&
      matches(expected as Record<string, unknown>, actual as Record<string, unknown>)
    );
  });
}

describe('Connect contact events rule', () => {
  it('sends task contact events of the handled types to contactEvents', () => {
    const [fnId] = contactEventsFunction();
    dev.core.hasResourceProperties('AWS::Events::Rule', {
      State: 'ENABLED',
      EventPattern: {
        source: ['aws.connect'],
        'detail-type': ['Amazon Connect Contact Event'],
        detail: {
          channel: ['TASK'],
          eventType: ['QUEUED', 'CONNECTED_TO_AGENT', 'DISCONNECTED', 'COMPLETED'],
        },
      },
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [fnId, 'Arn'] } })],
    });
    dev.core.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'events.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [fnId, 'Arn'] },
    });
  });

  it('invokes it asynchronously with retries and a dead-letter queue, and lets it resume the lifecycle', () => {
    const [fnId, fn] = contactEventsFunction();
    expect(fn.Properties.DeadLetterConfig).toEqual({
      TargetArn: { 'Fn::GetAtt': [expect.stringMatching(/^contactEventsDeadLetters/), 'Arn'] },
    });
    dev.core.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: fnId },
      MaximumRetryAttempts: 2,
    });
    const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(Object.keys(variables)).toEqual(
      expect.arrayContaining(['TABLE_NAME', 'SCHEDULE_GROUP', 'SCHEDULER_ROLE_ARN']),
    );
    dev.core.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^contactEventsRole') }],
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Action: 'states:SendTaskSuccess' })]),
      },
    });
  });

  it('matches the events local mode delivers and the documented example as a task, not as a voice call', () => {
    const rule = Object.values(dev.core.findResources('AWS::Events::Rule'))
      .map((r) => (r as Resource).Properties.EventPattern as Record<string, unknown>)
      .find((p) => JSON.stringify(p).includes('aws.connect'));
    expect(rule).toBeDefined();
    const pattern = rule as Record<string, unknown>;
    const documented = JSON.parse(
      readFileSync(path.join(import.meta.dirname, '../fixtures/events/connect-contact-event.json'), 'utf8'),
    ) as Record<string, Record<string, unknown>>;

    expect(matches(pattern, documented)).toBe(false);
    expect(matches(pattern, { ...documented, detail: { ...documented.detail, channel: 'TASK' } })).toBe(true);
    const state = {
      contactId: 'c-1',
      initialContactId: 'c-1',
      initiatedAt: '2026-03-01T06:00:00.000Z',
    };
    const at = new Date('2026-03-01T06:05:00.000Z');
    for (const type of HANDLED_CONTACT_EVENTS) {
      const event = contactEvent(type, advance(state, type, at.toISOString(), 'arn:queue'), at);
      expect(matches(pattern, event as unknown as Record<string, unknown>)).toBe(true);
    }
    expect(matches(pattern, contactEvent('INITIATED', state, at) as unknown as Record<string, unknown>)).toBe(
      false,
    );
  });
});
