import { describe, expect, it, vi } from 'vitest';
import { formatReference } from '#core/case/reference.ts';
import { UnprocessableError } from '#core/errors.ts';
import { type IntakeDeps, receiveInbound } from '#core/intake/receive-inbound.ts';
import { anInbound } from '../../../support/builders.ts';
import {
  FixedClock,
  InMemoryCaseStore,
  InMemoryContactStore,
  InMemoryInboundStore,
} from '../../../support/in-memory-stores.ts';

const REFERENCE = formatReference(2026, 900);

function setup() {
  const inbound = new InMemoryInboundStore();
  const openCase = vi.fn<IntakeDeps['openCase']>(async () => ({ reference: REFERENCE }));
  const deps: IntakeDeps = {
    inbound,
    contacts: new InMemoryContactStore(),
    cases: new InMemoryCaseStore(),
    clock: new FixedClock('2026-03-01T06:00:00.000Z'),
    openCase,
    onCitizenMessage: async () => {},
    answer: async () => {},
  };
  return { deps, inbound, openCase };
}

describe('an Idempotency-Key is bound to its payload (issue 11, defect 5)', () => {
  it('answers a retry with the same payload with the first outcome', async () => {
    const { deps, openCase } = setup();
    const first = anInbound({ channel: 'web', externalId: 'key-00000001', fingerprint: 'hash-a' });
    await receiveInbound(first, deps);

    const retry = await receiveInbound({ ...first, receivedAt: '2026-03-01T06:00:05.000Z' }, deps);

    expect(retry).toEqual({ kind: 'new_case', reference: REFERENCE, duplicate: true });
    expect(openCase).toHaveBeenCalledTimes(1);
  });

  it('refuses another payload under the same key with a 422, and leaves the first record as it was', async () => {
    const { deps, inbound, openCase } = setup();
    const first = anInbound({ channel: 'web', externalId: 'key-00000002', fingerprint: 'hash-a' });
    await receiveInbound(first, deps);

    const other = anInbound({
      channel: 'web',
      externalId: 'key-00000002',
      fingerprint: 'hash-b',
      from: { kind: 'email', value: 'second.citizen@example.om' },
      text: 'A different citizen, a different problem',
    });
    const refused = receiveInbound(other, deps);

    await expect(refused).rejects.toBeInstanceOf(UnprocessableError);
    await expect(refused).rejects.toMatchObject({
      status: 422,
      messages: { ar: expect.stringMatching(/[ء-ي]/) },
    });
    expect(openCase).toHaveBeenCalledTimes(1);
    expect((await inbound.get('web', 'key-00000002'))?.text).toBe(first.text);
  });

  it('refuses a different payload even while the first attempt still runs', async () => {
    const { deps, inbound } = setup();
    const first = anInbound({ channel: 'web', externalId: 'key-00000003', fingerprint: 'hash-a' });
    await inbound.claim(first, new Date('2026-03-01T06:00:00.000Z'), 60);

    await expect(receiveInbound({ ...first, fingerprint: 'hash-b' }, deps)).rejects.toBeInstanceOf(
      UnprocessableError,
    );
    expect(await receiveInbound(first, deps)).toEqual({ kind: 'in_progress', duplicate: true });
  });
});
