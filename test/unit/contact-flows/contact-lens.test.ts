import { describe, expect, it } from 'vitest';
import type { FlowAction } from '../../../contact-flows/build/dsl.ts';
import {
  CONTACT_LENS_POST_CALL_REGIONS,
  contactLensSupport,
  RECORDING_BLOCKS,
  recordingWithAnalytics,
  withContactLens,
} from '../../../contact-flows/contact-lens.ts';
import { customizeFlow, stageFlowCustomization } from '../../../contact-flows/customize.ts';
import type { Channel, FlowType } from '../../../contact-flows/flow-language.ts';
import { readFlowText } from '../../../local/ivr/flow-files.ts';
import { validateFlow } from '../../../local/ivr/validator.ts';
import { stageConfig } from '../../infra/synth.ts';

/** One "Set recording and analytics behavior" block in a flow of `type`, checked by the validator. */
function problemsWith(
  parameters: Record<string, unknown>,
  kind: { type?: FlowType; channels?: Channel[]; transitions?: FlowAction['Transitions'] } = {},
): string[] {
  const flow = {
    Version: '2019-10-30',
    StartAction: 'Record',
    Actions: [
      {
        Identifier: 'Record',
        Type: 'UpdateContactRecordingBehavior',
        Parameters: parameters,
        Transitions: kind.transitions ?? { NextAction: 'End' },
      },
      { Identifier: 'End', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} },
    ],
  };
  return validateFlow(
    'rules',
    JSON.stringify(flow),
    {},
    {
      type: kind.type ?? 'CONTACT_FLOW',
      channels: kind.channels ?? ['VOICE'],
    },
  ).map((p) => `${p.action ?? ''}: ${p.problem}`);
}

describe('Set recording and analytics behavior (UpdateContactRecordingBehavior) in the flow language', () => {
  it('accepts post-call analytics in Gulf Arabic with both participants recorded', () => {
    expect(problemsWith(recordingWithAnalytics('ar-AE'))).toEqual([]);
    // The reference's own example: redaction settings and both channels' modes.
    expect(
      problemsWith({
        RecordingBehavior: { RecordedParticipants: ['Agent', 'Customer'], IVRRecordingBehavior: 'Disabled' },
        AnalyticsBehavior: {
          Enabled: 'True',
          AnalyticsLanguage: 'en-US',
          AnalyticsRedactionBehavior: 'Disabled',
          AnalyticsRedactionResults: 'RedactedAndOriginal',
          ChannelConfiguration: { Chat: { AnalyticsModes: [] }, Voice: { AnalyticsModes: ['PostContact'] } },
        },
      }),
    ).toEqual([]);
    // An empty list turns recording off.
    expect(problemsWith({ RecordingBehavior: { RecordedParticipants: [] } })).toEqual([]);
  });

  it('is allowed in contact, transfer, outbound whisper and customer queue flows only', () => {
    const p = recordingWithAnalytics('ar-AE');
    for (const type of ['AGENT_TRANSFER', 'QUEUE_TRANSFER', 'OUTBOUND_WHISPER', 'CUSTOMER_QUEUE'] as const)
      expect(problemsWith(p, { type })).toEqual([]);
    for (const type of ['CUSTOMER_WHISPER', 'AGENT_WHISPER', 'CUSTOMER_HOLD', 'AGENT_HOLD'] as const)
      expect(problemsWith(p, { type })).toContain(
        `Record: UpdateContactRecordingBehavior is not allowed in a ${type} flow`,
      );
  });

  it('serves calls and chats, not tasks', () => {
    expect(problemsWith(recordingWithAnalytics('ar-AE'), { channels: ['VOICE', 'CHAT'] })).toEqual([]);
    expect(problemsWith(recordingWithAnalytics('ar-AE'), { channels: ['TASK'] })).toContain(
      'Record: is reached by TASK contacts, which UpdateContactRecordingBehavior does not serve (Connect takes its error branch): route TASK around it',
    );
  });

  it('has no conditions and no errors: one next action', () => {
    const p = recordingWithAnalytics('ar-AE');
    expect(
      problemsWith(p, {
        transitions: { NextAction: 'End', Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'End' }] },
      }),
    ).toContain('Record: UpdateContactRecordingBehavior cannot raise NoMatchingError');
    expect(
      problemsWith(p, {
        transitions: {
          NextAction: 'End',
          Conditions: [{ NextAction: 'End', Condition: { Operator: 'Equals', Operands: ['True'] } }],
        },
      }),
    ).toContain('Record: UpdateContactRecordingBehavior takes no conditions');
    expect(problemsWith(p, { transitions: {} })).toContain('Record: has no next action');
  });

  it('refuses analytics unless both Agent and Customer are recorded', () => {
    const p = recordingWithAnalytics('ar-AE');
    expect(problemsWith({ ...p, RecordingBehavior: { RecordedParticipants: ['Customer'] } })).toContain(
      'Record: AnalyticsBehavior needs RecordedParticipants with both "Agent" and "Customer"',
    );
    expect(problemsWith({ AnalyticsBehavior: p.AnalyticsBehavior })).toContain(
      'Record: AnalyticsBehavior needs RecordedParticipants with both "Agent" and "Customer"',
    );
  });

  it('refuses parameters the reference does not allow', () => {
    const p = recordingWithAnalytics('ar-AE');
    const analytics = (change: Record<string, unknown>) =>
      problemsWith({ ...p, AnalyticsBehavior: { ...p.AnalyticsBehavior, ...change } });
    expect(problemsWith({})).toContain('Record: needs RecordingBehavior or AnalyticsBehavior');
    expect(problemsWith({ RecordingBehavior: { RecordedParticipants: ['Supervisor'] } })).toContain(
      'Record: RecordedParticipants must be a static list of "Agent" and "Customer" (empty: no recording)',
    );
    expect(
      problemsWith({
        RecordingBehavior: { RecordedParticipants: ['Agent'], ScreenRecordedParticipants: ['Customer'] },
      }),
    ).toContain('Record: ScreenRecordedParticipants may name only "Agent"');
    expect(analytics({ Enabled: true })).toContain(
      'Record: AnalyticsBehavior.Enabled must be "True" or "False" (static)',
    );
    expect(analytics({ AnalyticsLanguage: '$.Attributes.language' })).toContain(
      'Record: AnalyticsLanguage must be a static xx-XX code of a Contact Lens language, such as ar-AE',
    );
    expect(analytics({ AnalyticsLanguage: 'arabic' })).toContain(
      'Record: AnalyticsLanguage must be a static xx-XX code of a Contact Lens language, such as ar-AE',
    );
    expect(analytics({ ChannelConfiguration: { Voice: { AnalyticsModes: ['ContactLens'] } } })).toContain(
      'Record: ChannelConfiguration.Voice.AnalyticsModes may hold only "RealTime" and "PostContact"',
    );
    expect(analytics({ ChannelConfiguration: { Chat: { AnalyticsModes: ['PostContact'] } } })).toContain(
      'Record: ChannelConfiguration.Chat.AnalyticsModes may hold only "ContactLens"',
    );
    expect(analytics({ AnalyticsRedactionResults: 'None' })).toContain(
      'Record: AnalyticsRedactionResults must be "RedactedAndOriginal" or "RedactedOnly"',
    );
    expect(analytics({ AnalyticsRedactionEntities: [] })).toContain(
      'Record: AnalyticsRedactionEntities must be a non-empty list of entity types',
    );
    expect(analytics({ SummaryConfiguration: { SummaryModes: ['RealTime'] } })).toContain(
      'Record: SummaryConfiguration.SummaryModes may hold only "PostContact"',
    );
    expect(analytics({ SentimentConfiguration: { Enabled: 'yes' } })).toContain(
      'Record: SentimentConfiguration.Enabled must be "True" or "False" (static)',
    );
  });
});

describe('the hotline asks for post-call analytics before an agent answers', () => {
  const hotline = () => JSON.parse(readFlowText('hotline-inbound')) as { Actions: FlowAction[] };
  const byId = (flow: { Actions: FlowAction[] }, id: string) => flow.Actions.find((a) => a.Identifier === id);

  it('in the caller’s language, just before the transfer to the queue', () => {
    const flow = hotline();
    expect(byId(flow, 'Say transferring')?.Transitions.NextAction).toBe('Recording language');
    const arabic = byId(flow, 'Record Arabic');
    const english = byId(flow, 'Record English');
    expect(arabic?.Transitions.NextAction).toBe('Transfer');
    expect(english?.Transitions.NextAction).toBe('Transfer');
    expect(arabic?.Parameters).toMatchObject({
      RecordingBehavior: { RecordedParticipants: ['Agent', 'Customer'] },
      AnalyticsBehavior: {
        Enabled: 'True',
        AnalyticsLanguage: 'ar-AE',
        ChannelConfiguration: { Voice: { AnalyticsModes: ['PostContact'] } },
      },
    });
    expect(english?.Parameters.AnalyticsBehavior).toMatchObject({ AnalyticsLanguage: 'en-US' });
  });

  it('records nothing when the stage has Contact Lens off, and takes the stage’s English', () => {
    const off = JSON.parse(
      customizeFlow(readFlowText('hotline-inbound'), { contactLens: { enabled: false } }),
    );
    expect(byId(off, 'Record Arabic')?.Parameters).toEqual({
      RecordingBehavior: { RecordedParticipants: [] },
    });
    expect(validateFlow('hotline-inbound', JSON.stringify(off))).toEqual([]);
    const british = withContactLens(readFlowText('hotline-inbound'), {
      enabled: true,
      languages: { ar: 'ar-AE', en: 'en-GB' },
    });
    const flow = JSON.parse(british);
    expect(byId(flow, 'Record English')?.Parameters.AnalyticsBehavior).toMatchObject({
      AnalyticsLanguage: 'en-GB',
    });
    expect(byId(flow, 'Record Arabic')?.Parameters.AnalyticsBehavior).toMatchObject({
      AnalyticsLanguage: 'ar-AE',
    });
  });
});

describe('where Contact Lens post-call analytics is offered', () => {
  it('on in eu-central-1 (prod), off with the reason in a region without it', () => {
    expect(contactLensSupport(true, 'eu-central-1')).toEqual({ enabled: true });
    expect(CONTACT_LENS_POST_CALL_REGIONS).toContain('eu-west-2');
    const bahrain = contactLensSupport(true, 'me-south-1');
    expect(bahrain.enabled).toBe(false);
    expect(bahrain.enabled === false && bahrain.reason).toMatch(/not offered in me-south-1/);
    expect(contactLensSupport(false, 'eu-central-1').enabled).toBe(false);
  });
});

describe('the stage’s Contact Lens languages', () => {
  it('default to Gulf Arabic and US English, and refuse an Arabic Contact Lens does not analyse', async () => {
    const { parseStageConfig } = await import('../../../lib/config/stage-config.ts');
    const { cdkStages } = await import('../../infra/synth.ts');
    const stages = cdkStages() as Record<string, Record<string, unknown>>;
    expect(parseStageConfig('prod', stages).contactCenter.contactLensLanguages).toEqual({
      ar: 'ar-AE',
      en: 'en-US',
    });
    const prod = stages.prod as { contactCenter: Record<string, unknown> };
    const saudi = {
      ...prod,
      contactCenter: { ...prod.contactCenter, contactLensLanguages: { ar: 'ar-SA', en: 'en-US' } },
    };
    expect(() => parseStageConfig('prod', { prod: saudi })).toThrow(
      /contactCenter\.contactLensLanguages\.ar/,
    );
  });
});

describe("a stage's flow customization (the CDK and local mode build it alike)", () => {
  const dev = stageConfig('dev');
  const recordingBlocks = (custom: ReturnType<typeof stageFlowCustomization>['customization']) =>
    (
      JSON.parse(customizeFlow(readFlowText('hotline-inbound'), custom)) as { Actions: FlowAction[] }
    ).Actions.filter((a) => a.Type === 'UpdateContactRecordingBehavior');

  it('records nothing when the stage has Contact Lens off (cdk.json dev)', () => {
    const { customization, contactLens } = stageFlowCustomization(
      dev.contactCenter,
      dev.regions.contactCenter,
    );
    expect(dev.contactCenter.contactLens).toBe(false);
    expect(contactLens.enabled).toBe(false);
    const blocks = recordingBlocks(customization);
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks)
      expect(block.Parameters).toEqual({ RecordingBehavior: { RecordedParticipants: [] } });
  });

  it('records and analyses where asked for and offered, and not where the region lacks it', () => {
    const on = { ...dev.contactCenter, contactLens: true };
    const offered = stageFlowCustomization(on, 'eu-central-1');
    expect(offered.contactLens.enabled).toBe(true);
    expect(recordingBlocks(offered.customization).map((b) => b.Parameters)).toContainEqual(
      recordingWithAnalytics('ar-AE'),
    );
    const lacking = stageFlowCustomization(on, 'me-central-1');
    expect(lacking.contactLens).toMatchObject({
      enabled: false,
      reason: expect.stringContaining('me-central-1'),
    });
  });
});

describe('the recording blocks, found by their identifiers', () => {
  it('keeps each block in its language when a customized flow is customized again', () => {
    const languages = { ar: 'ar-AE', en: 'en-GB' } as const;
    const once = withContactLens(readFlowText('hotline-inbound'), { enabled: true, languages });
    const twice = withContactLens(once, { enabled: true, languages });
    const language = (id: string) =>
      (JSON.parse(twice) as { Actions: FlowAction[] }).Actions.find((a) => a.Identifier === id)?.Parameters;
    expect(language(RECORDING_BLOCKS.en)).toEqual(recordingWithAnalytics('en-GB'));
    expect(language(RECORDING_BLOCKS.ar)).toEqual(recordingWithAnalytics('ar-AE'));
  });
});
