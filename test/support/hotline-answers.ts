import type { ConnectContactFlowEvent } from 'aws-lambda';
import { extendIvrPath } from '../../functions/core/analytics/contact-records.ts';

/** What the hotline's `identify` answers for a caller with no open case (simulator tests). */
export const identify = {
  callerPhone: '+96891234567',
  openCases: '',
  openCount: '0',
  reference: '',
  welcomeAr: 'أهلاً',
  welcomeEn: 'Welcome. For English, press 2.',
};

/**
 * What the hotline's `ivrStep` answers (the real path extension), for stand-in Lambdas: the flows record
 * each menu answer through it (docs/decisions/0118).
 */
export function ivrStepAnswer(event: unknown): Record<string, string> | undefined {
  const e = event as ConnectContactFlowEvent;
  const p = e?.Details?.Parameters ?? {};
  if (p.operation !== 'ivrStep') return undefined;
  return { nidaaPath: extendIvrPath(e.Details.ContactData.Attributes?.nidaaPath, p.node ?? '', p.input) };
}
