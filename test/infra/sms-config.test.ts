import { describe, expect, it } from 'vitest';
import { readRuntimeConfig } from '../../functions/shared/runtime-config.ts';
import { runtimeConfigFor } from '../../lib/config/runtime-config.ts';
import { parseStageConfig } from '../../lib/config/stage-config.ts';
import { cdkStages } from './synth.ts';

const devWithSms = (sms: Record<string, unknown>) => {
  const stages = structuredClone(cdkStages()) as Record<string, Record<string, unknown>>;
  stages.dev = { ...stages.dev, sms: { ...(stages.dev?.sms as object), ...sms } };
  return stages;
};

describe('sms.vehicleLookup in the stage configuration', () => {
  it('passes the municipality’s vehicle API to the functions as the HTTP connector', () => {
    const stage = parseStageConfig(
      'dev',
      devWithSms({ vehicleLookup: { baseUrl: 'https://vehicles.example.om/api', timeoutMs: 2500 } }),
    );
    const runtime = runtimeConfigFor(stage);
    expect(runtime.vehicleLookup).toEqual({
      connector: 'http',
      baseUrl: 'https://vehicles.example.om/api',
      timeoutMs: 2500,
    });
    expect(runtime.sms).toEqual({ senderId: 'MuscatMun', shortCode: '90888' });
    // What CDK writes into NIDAA_CONFIG is what the functions read back.
    expect(readRuntimeConfig(JSON.stringify(runtime)).vehicleLookup).toEqual(runtime.vehicleLookup);
  });

  it('leaves the connector out when none is configured: lookups answer "unavailable", never made-up data', () => {
    expect(runtimeConfigFor(parseStageConfig('dev', cdkStages())).vehicleLookup).toBeUndefined();
    expect(runtimeConfigFor(parseStageConfig('prod', cdkStages())).vehicleLookup).toBeUndefined();
  });

  it.each([
    [{ baseUrl: 'http://vehicles.example.om', timeoutMs: 2000 }, 'stages.dev.sms.vehicleLookup.baseUrl'],
    [{ baseUrl: 'https://vehicles.example.om', timeoutMs: 60_000 }, 'stages.dev.sms.vehicleLookup.timeoutMs'],
    [{ baseUrl: 'https://vehicles.example.om' }, 'stages.dev.sms.vehicleLookup.timeoutMs'],
  ])('refuses %j and names the key', (vehicleLookup, key) => {
    expect(() => parseStageConfig('dev', devWithSms({ vehicleLookup }))).toThrow(key);
  });
});
