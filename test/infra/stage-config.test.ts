import { describe, expect, it } from 'vitest';
import { parseStageConfig, StageConfigError } from '../../lib/config/stage-config.ts';
import { cdkStages } from './synth.ts';

const withDev = (patch: (dev: Record<string, unknown>) => void) => {
  const stages = structuredClone(cdkStages()) as Record<string, Record<string, unknown>>;
  patch(stages.dev as Record<string, unknown>);
  return stages;
};

describe('stage configuration', () => {
  it('accepts the shipped dev and prod stages', () => {
    expect(parseStageConfig('dev', cdkStages()).regions.contactCenter).toBe('eu-central-1');
    expect(parseStageConfig('prod', cdkStages()).protectData).toBe(true);
    // The fax gateway is optional: dev has one, prod none.
    expect(parseStageConfig('dev', cdkStages()).fax?.sendTo).toBe('{number}@fax.example.om');
    expect(parseStageConfig('prod', cdkStages()).fax).toBeUndefined();
  });

  it.each([
    [
      'a region that is not a region code',
      (d: Record<string, unknown>) => {
        (d.regions as Record<string, string>).caseData = 'Muscat';
      },
      'stages.dev.regions.caseData: must be an AWS region code',
    ],
    [
      'a hotline that is not E.164',
      (d: Record<string, unknown>) => {
        (d.contactCenter as Record<string, string>).hotline = '80077222';
      },
      'stages.dev.contactCenter.hotline: must be an E.164 phone number',
    ],
    [
      'languages that do not start with Arabic',
      (d: Record<string, unknown>) => {
        d.languages = ['en', 'ar'];
      },
      'stages.dev.languages: must start with "ar"',
    ],
    [
      'a sender ID longer than 11 characters',
      (d: Record<string, unknown>) => {
        (d.sms as Record<string, string>).senderId = 'MuscatMunicipality';
      },
      'stages.dev.sms.senderId: must be 1-11 letters or digits',
    ],
    [
      'a malformed holiday',
      (d: Record<string, unknown>) => {
        (d.businessCalendar as Record<string, string[]>).holidays = ['18/11/2026'];
      },
      'stages.dev.businessCalendar.holidays.0: must be an ISO date',
    ],
    [
      'an imported instance outside the contact-center region',
      (d: Record<string, unknown>) => {
        (d.contactCenter as Record<string, string>).instanceArn =
          'arn:aws:connect:eu-west-2:111122223333:instance/00000000-0000-4000-8000-000000000000';
      },
      'stages.dev.contactCenter.instanceArn: must be an instance in regions.contactCenter (eu-central-1)',
    ],
    [
      'a phone number claim with a malformed country',
      (d: Record<string, unknown>) => {
        (d.contactCenter as Record<string, unknown>).phoneNumber = { countryCode: 'Oman', type: 'DID' };
      },
      'stages.dev.contactCenter.phoneNumber.countryCode: must be an ISO 3166-1 alpha-2 country code',
    ],
    [
      'a panel that is not served over https',
      (d: Record<string, unknown>) => {
        (d.contactCenter as Record<string, unknown>).panelUrl = 'http://panel.example.om';
      },
      'stages.dev.contactCenter.panelUrl: must be an https URL',
    ],
    [
      'a queue name in one language only',
      (d: Record<string, unknown>) => {
        (d.contactCenter as Record<string, unknown>).queues = {
          t1: { name: { ar: 'الخط الأول' }, description: { ar: 'أ', en: 'a' } },
          t2: { name: { ar: 'ب', en: 'b' }, description: { ar: 'ب', en: 'b' } },
          callback: { name: { ar: 'ج', en: 'c' }, description: { ar: 'ج', en: 'c' } },
        };
      },
      'stages.dev.contactCenter.queues.t1.name.en',
    ],
    [
      'more than one voice call per agent',
      (d: Record<string, unknown>) => {
        (d.contactCenter as Record<string, unknown>).concurrency = { voice: 2, chat: 2, task: 3 };
      },
      'stages.dev.contactCenter.concurrency.voice',
    ],
    [
      'a fax gateway address without the {number} placeholder',
      (d: Record<string, unknown>) => {
        (d.fax as Record<string, string>).sendTo = 'fax@fax.example.om';
      },
      'stages.dev.fax.sendTo: must be an address with {number} in its local part',
    ],
    [
      'a fax gateway with no sender domain',
      (d: Record<string, unknown>) => {
        (d.fax as Record<string, string[]>).gatewayDomains = [];
      },
      'stages.dev.fax.gatewayDomains: must name at least one domain the gateway sends from',
    ],
    [
      'a fax gateway domain that is not a domain',
      (d: Record<string, unknown>) => {
        (d.fax as Record<string, string[]>).gatewayDomains = ['https://fax.example.om'];
      },
      'stages.dev.fax.gatewayDomains.0: must be DNS domains',
    ],
  ])('stops synth on %s, naming the key and the fix', (_label, patch, message) => {
    expect(() => parseStageConfig('dev', withDev(patch))).toThrow(StageConfigError);
    expect(() => parseStageConfig('dev', withDev(patch))).toThrow(message);
  });

  it('gives the contact center bilingual names, Contact Lens off and agent concurrency by default', () => {
    const cc = parseStageConfig('dev', cdkStages()).contactCenter;
    expect(cc.contactLens).toBe(false);
    expect(cc.phoneNumber).toBeUndefined();
    expect(cc.queues.t1.name).toEqual({ ar: 'الخط الأول', en: 'Tier 1' });
    expect(cc.queues.callback.description.en).toBe('Callbacks citizens asked for');
    expect(cc.concurrency).toEqual({ voice: 1, chat: 2, task: 3 });
    expect(cc.recordsDays).toBe(730);
  });

  it('names the known stages when an unknown one is asked for', () => {
    expect(() => parseStageConfig('staging', cdkStages())).toThrow('Pass -c stage=<one of: dev, prod>');
  });
});
