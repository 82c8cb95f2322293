import { describe, expect, it } from 'vitest';
import { openCasesSummary } from '#core/hotline/speech.ts';

const CHAT = { channel: 'CHAT' } as const;

describe('openCasesSummary', () => {
  it.each([
    [1, 'ar', 'لديكم طلب مفتوح واحد.'],
    [2, 'ar', 'لديكم طلبان مفتوحان.'],
    [3, 'ar', 'لديكم 3 طلبات مفتوحة.'],
    [10, 'ar', 'لديكم 10 طلبات مفتوحة.'],
    [11, 'ar', 'لديكم 11 طلباً مفتوحاً.'],
    [1, 'en', 'You have 1 open request.'],
    [2, 'en', 'You have 2 open requests.'],
  ] as const)('counts %i open requests in %s with the right agreement', (total, language, head) => {
    const summary = openCasesSummary([], total, { language, ...CHAT });
    expect(summary.startsWith(head)).toBe(true);
  });
});
