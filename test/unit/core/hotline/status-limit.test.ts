import { describe, expect, it } from 'vitest';
import { formatReference } from '#core/case/reference.ts';
import { SEED_CATALOGUE } from '#core/catalogue/seed.ts';
import { answerFlow, type HotlineDeps, type HotlineRequest } from '#core/hotline/hotline.ts';
import { aCase } from '../../../support/builders.ts';
import {
  FixedClock,
  InMemoryCaseStore,
  InMemoryContactCaseLinks,
  InMemoryContactStore,
} from '../../../support/in-memory-stores.ts';

const CALLER = '+96892555001';

/** The IVR's status by keypad under the status policy (docs/decisions/0085). */
async function setup(allowance: number) {
  const cases = new InMemoryCaseStore();
  const contacts = new InMemoryContactStore();
  const own = await contacts.ensure({ kind: 'phone', value: CALLER }, 'ar', '2026-01-01T00:00:00.000Z');
  const mine = aCase({
    reference: formatReference(2026, 11),
    contactId: own.contactId,
    status: 'in_progress',
  });
  const theirs = aCase({
    reference: formatReference(2026, 12),
    contactId: 'someone-else',
    status: 'resolved',
    resolution: { answer: 'Call Ahmed on 92345678', at: '2026-02-01T00:00:00.000Z', by: 'agent1' },
  });
  await cases.create(mine, []);
  await cases.create(theirs, []);
  const counted: string[] = [];
  let left = allowance;
  const deps = {
    cases,
    contacts,
    links: new InMemoryContactCaseLinks(),
    clock: new FixedClock(),
    config: { municipality: { ar: 'بلدية مسقط', en: 'Muscat Municipality' }, referencePrefix: 'MCT' },
    catalogue: SEED_CATALOGUE,
    countPublicLookup: async (caller: string) => {
      counted.push(caller);
      left -= 1;
      return left >= 0;
    },
  } as unknown as HotlineDeps;
  const ask = (reference: string, phone?: string) =>
    answerFlow(
      {
        operation: 'status',
        parameters: { reference },
        contactId: 'connect-contact-1',
        channel: 'VOICE',
        language: 'en',
        ...(phone ? { phone } : {}),
      } satisfies HotlineRequest,
      deps,
    );
  return { ask, mine, theirs, counted };
}

describe('hotline status by keypad', () => {
  it('reads anyone the public status and department, never the answer', async () => {
    const { ask, theirs } = await setup(5);
    const answer = await ask(theirs.reference, '+96899000000');
    expect(answer.found).toBe('true');
    expect(answer.message).toContain('Resolved');
    expect(JSON.stringify(answer)).not.toMatch(/Ahmed|92345678/);
  });

  it('counts lookups of other people’s requests per caller and refuses past the limit, in words', async () => {
    const { ask, theirs, mine, counted } = await setup(1);
    expect((await ask(theirs.reference, CALLER)).found).toBe('true');
    const refused = await ask(theirs.reference, CALLER);
    expect(refused).toMatchObject({ found: 'false', limited: 'true' });
    expect(refused.message).toMatch(/try again in an hour/);
    // The caller's own open request is never counted.
    expect((await ask(mine.reference, CALLER)).found).toBe('true');
    expect(counted).toEqual([`phone:${CALLER}`, `phone:${CALLER}`]);
  });

  it('counts a caller without caller ID per call', async () => {
    const { ask, theirs, counted } = await setup(5);
    await ask(theirs.reference);
    expect(counted).toEqual(['contact:connect-contact-1']);
  });
});
