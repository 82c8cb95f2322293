import { describe, expect, it } from 'vitest';
import {
  bindingsOf,
  FUNCTIONS,
  type FunctionName,
  type FunctionSpec,
  RESOURCES,
  TRIGGER_REGION,
} from '../../lib/function-catalog.ts';

const names = Object.keys(FUNCTIONS) as FunctionName[];

describe("the catalogue's trigger regions", () => {
  it('places every function where its trigger comes from', () => {
    for (const name of names) {
      const region = TRIGGER_REGION[FUNCTIONS[name].trigger];
      if (region) expect({ name, home: bindingsOf(FUNCTIONS[name]).home }).toEqual({ name, home: region });
    }
  });

  it('covers the stored-object triggers, whose buckets notify their own region only', () => {
    expect(TRIGGER_REGION).toMatchObject({
      chatTranscriptStored: RESOURCES.chatTranscripts.region,
      contactRecordStored: RESOURCES.contactRecords.region,
      contactAnalysisStored: RESOURCES.callRecordings.region,
      caseTableStream: 'caseData',
      hourlySchedule: 'caseData',
      monthlySchedule: 'caseData',
    });
  });

  it.each([
    ['contactAnalysis', { invokedByConnect: false }, /regions\.contactCenter/],
    ['chatTranscript', { invokedByConnect: false }, /regions\.contactCenter/],
    ['contactRecords', { invokedByConnect: false }, /regions\.contactCenter/],
    ['analyticsStream', { invokedByConnect: true }, /regions\.caseData/],
  ] as const)('refuses %s built in another region', (name, change, message) => {
    const misplaced = { ...(FUNCTIONS as Record<string, FunctionSpec>)[name], ...change } as FunctionSpec;
    expect(() => bindingsOf(misplaced)).toThrow(message);
  });

  it('gives each stored-object function the bucket it reads, by its trigger', () => {
    expect(bindingsOf(FUNCTIONS.contactAnalysis).clients).toContain('callRecordings');
    expect(bindingsOf(FUNCTIONS.chatTranscript).clients).toContain('chatTranscripts');
    expect(bindingsOf(FUNCTIONS.contactRecords).clients).toContain('contactRecords');
  });
});
