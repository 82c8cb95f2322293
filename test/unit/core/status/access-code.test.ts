import { describe, expect, it } from 'vitest';
import { formatReference } from '#core/case/reference.ts';
import type { TextDestination } from '#core/notify/choose-channel.ts';
import type { Rendered } from '#core/notify/templates.ts';
import {
  ACCESS_CODE_DIGITS,
  type AccessCodes,
  newAccessCode,
  sendAccessCode,
} from '#core/status/access-code.ts';
import { aCase } from '../../../support/builders.ts';
import { FixedClock, InMemoryCaseStore, InMemoryContactStore } from '../../../support/in-memory-stores.ts';

const REF = formatReference(2026, 77);
const MOBILE = '+96892111222';

async function setup(
  identities: { kind: 'phone' | 'email'; value: string }[],
  opts: { optedOut?: boolean } = {},
) {
  const cases = new InMemoryCaseStore();
  const contacts = new InMemoryContactStore();
  contacts.add({
    contactId: 'c1',
    identities,
    preferredLanguage: 'ar',
    createdAt: '2026-01-01T00:00:00.000Z',
  });
  await cases.create(aCase({ reference: REF, contactId: 'c1' }), []);
  const issued: { code: string; expiresAt: Date }[] = [];
  const codes: AccessCodes = {
    issue: async (_ref, code, expiresAt) => {
      issued.push({ code, expiresAt });
    },
    redeem: async () => false,
  };
  const sent: { to: TextDestination; message: Rendered }[] = [];
  const deps = {
    cases,
    contacts,
    codes,
    optOuts: { isOptedOut: async () => opts.optedOut ?? false },
    suppressions: { isSuppressed: async () => false },
    clock: new FixedClock('2026-03-01T06:00:00.000Z'),
    render: (_c: unknown, code: string) => ({ text: `code ${code}` }),
    send: async (to: TextDestination, message: Rendered) => {
      sent.push({ to, message });
    },
  };
  return { deps, issued, sent, cases };
}

describe('sendAccessCode', () => {
  it('texts a fresh six-digit code to the case’s own mobile, valid ten minutes, and notes it without the code', async () => {
    const { deps, issued, sent, cases } = await setup([{ kind: 'phone', value: MOBILE }]);
    expect(await sendAccessCode(REF, deps)).toBe(true);
    expect(sent).toEqual([
      { to: { channel: 'sms', to: MOBILE }, message: { text: `code ${issued[0]?.code}` } },
    ]);
    expect(issued[0]?.code).toMatch(new RegExp(`^\\d{${ACCESS_CODE_DIGITS}}$`));
    expect(issued[0]?.expiresAt.toISOString()).toBe('2026-03-01T06:10:00.000Z');
    expect(JSON.stringify(cases.timeline(REF))).not.toContain(issued[0]?.code ?? 'none');
  });

  it('e-mails it when the mobile texted STOP, and sends nothing to a case without a usable contact', async () => {
    const stopped = await setup(
      [
        { kind: 'phone', value: MOBILE },
        { kind: 'email', value: 'c@example.om' },
      ],
      {
        optedOut: true,
      },
    );
    await sendAccessCode(REF, stopped.deps);
    expect(stopped.sent.map((s) => s.to)).toEqual([{ channel: 'email', to: 'c@example.om' }]);

    const landline = await setup([{ kind: 'phone', value: '+96824123456' }]);
    expect(await sendAccessCode(REF, landline.deps)).toBe(false);
    expect(landline.sent).toEqual([]);
  });

  it('sends nothing for an unknown reference', async () => {
    const { deps, sent } = await setup([{ kind: 'phone', value: MOBILE }]);
    expect(await sendAccessCode(formatReference(2026, 78), deps)).toBe(false);
    expect(sent).toEqual([]);
  });

  it('draws codes of six digits, leading zeros kept', () => {
    const codes = Array.from({ length: 2000 }, newAccessCode);
    expect(codes.every((c) => /^\d{6}$/.test(c))).toBe(true);
    expect(new Set(codes).size).toBeGreaterThan(1990);
  });
});
