/**
 * The deployed flows record the IVR path themselves (docs/decisions/0118): Connect's Set contact attributes
 * cannot append, so every answer to every menu (each key, the timeout, the wrong key, a typed input) goes
 * through the hotline Lambda's `ivrStep` and a block that stores its answer in `nidaaPath`; every way into
 * a menu names it in `nidaaWaiting`, which a hang-up leaves as where the call ended.
 */
import { describe, expect, it } from 'vitest';
import type { FlowAction } from '../../../contact-flows/build/dsl.ts';
import { CONTACT_FLOWS } from '../../../contact-flows/catalog.ts';
import { nodeName } from '../../../functions/core/analytics/contact-records.ts';
import { readFlowText } from '../../../local/ivr/flow-files.ts';

type Flow = { StartAction: string; Actions: FlowAction[] };
const flowOf = (name: string) => JSON.parse(readFlowText(name)) as Flow;
const targets = (a: FlowAction) => [
  ...(a.Transitions.NextAction ? [a.Transitions.NextAction] : []),
  ...(a.Transitions.Conditions ?? []).map((c) => c.NextAction),
  ...(a.Transitions.Errors ?? []).map((e) => e.NextAction),
];
const menusOf = (flow: Flow) => flow.Actions.filter((a) => a.Type === 'GetParticipantInput');

/** Where a menu branch leads, checked to record `input` for `menu` on success and on the Lambda's failure. */
function expectRecorded(flow: Flow, menu: FlowAction, branch: string, input: string) {
  const byId = (id: string) => {
    const found = flow.Actions.find((a) => a.Identifier === id);
    if (!found) throw new Error(`${menu.Identifier} ${branch}: no block ${id}`);
    return found;
  };
  const step = byId(branch);
  expect(step.Type, `${menu.Identifier} → ${branch}`).toBe('InvokeLambdaFunction');
  expect(step.Parameters.LambdaInvocationAttributes).toMatchObject({
    operation: 'ivrStep',
    node: nodeName(menu.Identifier),
    input,
  });
  const stored = byId(step.Transitions.NextAction ?? '');
  expect(stored.Type).toBe('UpdateContactAttributes');
  expect(stored.Parameters.Attributes).toEqual({ nidaaPath: '$.External.nidaaPath', nidaaWaiting: 'none' });
  const lost = byId(
    step.Transitions.Errors?.find((e) => e.ErrorType === 'NoMatchingError')?.NextAction ?? '',
  );
  expect(lost.Type).toBe('UpdateContactAttributes');
  expect(lost.Parameters.Attributes).toEqual({ nidaaWaiting: 'none' });
  // Recorded or not, the caller goes on to the same place.
  expect(lost.Transitions.NextAction).toBe(stored.Transitions.NextAction);
}

describe.each(Object.keys(CONTACT_FLOWS).filter((name) => menusOf(flowOf(name)).length > 0))(
  'the IVR path in %s',
  (name) => {
    const flow = flowOf(name);

    it.each(menusOf(flow).map((m) => [m.Identifier, m] as const))(
      '%s: every key, the timeout and a wrong key are recorded; a failure of the block is not',
      (_id, menu) => {
        const t = menu.Transitions;
        if (menu.Parameters.StoreInput === 'True') {
          // Typed input goes as typed; the Lambda keeps one key and turns a number into `entered`.
          expectRecorded(flow, menu, t.NextAction ?? '', '$.StoredCustomerInput');
        } else {
          expect(t.Conditions?.length).toBeGreaterThan(0);
          for (const c of t.Conditions ?? [])
            expectRecorded(flow, menu, c.NextAction, c.Condition.Operands[0] ?? '');
          expectRecorded(flow, menu, t.NextAction ?? '', 'invalid');
        }
        const error = (type: string) => t.Errors?.find((e) => e.ErrorType === type)?.NextAction;
        const timeout = error('InputTimeLimitExceeded');
        if (menu.Parameters.StoreInput !== 'True') {
          expectRecorded(flow, menu, timeout ?? '', 'timeout');
          expectRecorded(flow, menu, error('NoMatchingCondition') ?? '', 'invalid');
        }
        const failed = flow.Actions.find((a) => a.Identifier === error('NoMatchingError'));
        expect(failed?.Parameters.Attributes).toEqual({ nidaaWaiting: 'none' });
      },
    );

    it('enters each menu only through a block that names it as the one the caller is in', () => {
      for (const menu of menusOf(flow)) {
        const into = flow.Actions.filter((a) => targets(a).includes(menu.Identifier));
        expect(into).toHaveLength(1);
        expect(into[0]?.Type).toBe('UpdateContactAttributes');
        expect(into[0]?.Parameters.Attributes).toEqual({ nidaaWaiting: nodeName(menu.Identifier) });
        expect(flow.StartAction).not.toBe(menu.Identifier);
      }
    });
  },
);

it('the hotline records every one of its menus', () => {
  expect(menusOf(flowOf('hotline-inbound')).map((m) => nodeName(m.Identifier))).toEqual([
    'language_menu',
    'main_menu',
    'status_menu',
    'enter_reference',
    'confirm_reference',
    'procedure_menu',
    'offer_sms',
    'category_menu',
    'after_menu',
    'closed_menu',
  ]);
});

it('leaves the hotline flow within Connect’s limits: 250 actions, 256,000 characters with every ARN in place', () => {
  const text = readFlowText('hotline-inbound');
  const flow = JSON.parse(text) as Flow;
  expect(flow.Actions.length).toBeLessThanOrEqual(250);
  // Each placeholder becomes an ARN of at most ~200 characters (AWS::Connect::ContactFlow Content maxLength).
  const placeholders = text.match(/\$\{[a-z]+:[^}]+\}/g) ?? [];
  expect(JSON.stringify(flow).length + placeholders.length * 200).toBeLessThan(256_000);
});
