/** Small builders for domain values; each test overrides only what it is about. */
import type { Case } from '#core/case/case.ts';
import { formatReference } from '#core/case/reference.ts';
import type { Inbound } from '#core/intake/inbound.ts';

export const CITIZEN_PHONE = '+96891234567';

export function anInbound(overrides: Partial<Inbound> = {}): Inbound {
  return {
    channel: 'sms',
    externalId: 'sms-1',
    from: { kind: 'phone', value: CITIZEN_PHONE },
    receivedAt: '2026-03-01T06:00:00.000Z',
    text: 'في حفرة كبيرة في الشارع',
    ...overrides,
  };
}

export function aCase(overrides: Partial<Case> = {}): Case {
  return {
    reference: formatReference(2026, 1),
    type: 'report',
    categoryCode: 'pothole',
    departmentCode: 'roads',
    status: 'new',
    priority: 'high',
    tier: 1,
    originChannel: 'sms',
    replyChannel: 'sms',
    language: 'ar',
    contactId: 'contact-1',
    description: 'حفرة في الشارع',
    createdAt: '2026-03-01T06:00:00.000Z',
    updatedAt: '2026-03-01T06:00:00.000Z',
    dueAt: '2026-03-01T06:30:00.000Z',
    classification: { confidence: 0.9, needsTriage: false },
    version: 1,
    ...overrides,
  };
}
