import { afterEach, describe, expect, it, vi } from 'vitest';
import { ENV, PLATFORM_ENV } from '../../../functions/shared/env.ts';

/** A function in me-central-1 (where Connect has no endpoint) bound to an instance and its task flow. */
function bindTasks(contactCenterRegion: string) {
  vi.stubEnv(PLATFORM_ENV.region, 'me-central-1');
  vi.stubEnv(ENV.contactCenterRegion, contactCenterRegion);
  vi.stubEnv(ENV.connectInstanceId, 'instance-1');
  vi.stubEnv(ENV.connectTaskFlowId, 'flow-1');
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe('the contact center client (tier tasks and call backs)', () => {
  it('calls Amazon Connect in regions.contactCenter, not in the function’s own region', async () => {
    // awaitAgent, notify and agentApi run in the case-data region.
    bindTasks('eu-central-1');
    const { contactCenter } = await import('../../../functions/shared/contact-center.ts');
    const tasks = contactCenter() as unknown as { connect: { config: { region: () => Promise<string> } } };
    expect(await tasks.connect.config.region()).toBe('eu-central-1');
  });

  it('fails plainly when its region is not bound, instead of calling the function’s own', async () => {
    bindTasks('');
    const { contactCenter } = await import('../../../functions/shared/contact-center.ts');
    expect(() => contactCenter()).toThrow(`${ENV.contactCenterRegion} is not set`);
  });
});
