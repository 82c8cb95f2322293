// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CaseEvent } from '../../../../functions/core/case/case.ts';
import type { Api } from '../api.ts';
import { render } from '../test/render.tsx';
import { REGION_FAILED, RegionBoundary } from './RegionBoundary.tsx';
import { Timeline } from './Timeline.tsx';

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

const REF = '260000019';
const event = (e: Partial<CaseEvent>): CaseEvent => ({
  reference: REF,
  id: 'x',
  at: '2026-03-03T06:00:00.000Z',
  kind: 'note',
  actor: 'system',
  ...e,
});

describe('Timeline', () => {
  it('shows every event with its channel, who, when (Muscat time) and the delivery status, references left to right', async () => {
    const attachment = vi.fn(async () => ({
      url: 'http://files.test/photo.jpg',
      contentType: 'image/jpeg',
      size: 10,
    }));
    const api = { attachment } as unknown as Api;
    const view = await render(
      <Timeline
        api={api}
        reference={REF}
        events={[
          event({
            id: 'in-1',
            kind: 'message_in',
            actor: 'citizen',
            channel: 'sms',
            text: 'حفرة كبيرة',
            data: { attachments: ['uploads/cases/7d1c0a6e-aaaa-4bbb-8ccc-000000000001'] },
          }),
          event({
            id: 'out-1',
            kind: 'message_out',
            channel: 'sms',
            at: '2026-03-03T06:01:00.000Z',
            text: `تم استلام بلاغكم رقم ${REF}`,
            data: { deliveryStatus: 'sent' },
          }),
          event({
            id: 'tier-1',
            kind: 'tier',
            actor: 'agent1',
            text: 'needs roads',
            data: { from: 1, to: 2 },
          }),
        ]}
      />,
      'ar',
    );
    unmount = view.unmount;
    await act(async () => {});
    const items = [...view.container.querySelectorAll('li.event')];
    expect(items.map((li) => li.getAttribute('data-kind'))).toEqual(['message_in', 'message_out', 'tier']);
    expect(items[0]?.querySelector('svg')?.getAttribute('aria-label')).toBe('رسالة نصية');
    expect(items[0]?.textContent).toContain('المواطن');
    expect(items[0]?.textContent).toContain('10:00'); // 06:00 UTC is 10:00 in Muscat
    expect(items[1]?.querySelector('.badge')?.textContent).toBe('أُرسلت');
    expect(items[2]?.querySelector('.event-change')?.textContent).toBe('الخط الأول ← الخط الثاني');
    expect(items[2]?.querySelector('bdi[dir="ltr"]')?.textContent).toBe('agent1');
    // The photo is previewed from the agent API's short-lived link, by upload id.
    expect(attachment).toHaveBeenCalledWith(REF, '7d1c0a6e-aaaa-4bbb-8ccc-000000000001');
    expect(items[0]?.querySelector('img')?.getAttribute('src')).toBe('http://files.test/photo.jpg');
  });
});

describe('Timeline with data it cannot fully read (issue 11, defect 2)', () => {
  it('draws an item without kind or time (the e-mail thread item that once leaked) with a dash, and every other event', async () => {
    const leaked = { reference: REF, messageIds: ['<a@example.om>'] } as unknown as CaseEvent;
    const view = await render(
      <Timeline
        api={{} as Api}
        reference={REF}
        events={[
          event({ id: 'in-1', kind: 'message_in', actor: 'citizen', channel: 'email', text: 'حفرة' }),
          leaked,
          event({ id: 'late', kind: 'transcript', at: '', text: 'chat' }),
        ]}
      />,
      'en',
    );
    unmount = view.unmount;
    const items = [...view.container.querySelectorAll('li.event')];
    expect(items).toHaveLength(3);
    expect(items[0]?.textContent).toContain('حفرة');
    expect(items[1]?.textContent).toContain('—');
    expect(items[2]?.textContent).toContain('—');
  });
});

/** A region that fails to render, as the timeline did on `new Date(undefined)`. */
function Broken(): never {
  throw new RangeError('Invalid time value');
}

describe('RegionBoundary', () => {
  it('replaces only the region that failed with a message in Arabic and English; its neighbours stay', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const view = await render(
      <main>
        <RegionBoundary region="timeline">
          <Broken />
        </RegionBoundary>
        <RegionBoundary region="facts">
          <p data-testid="facts">facts</p>
        </RegionBoundary>
      </main>,
      'ar',
    );
    unmount = view.unmount;
    const failed = view.container.querySelector('[data-region-failed="timeline"]');
    expect(failed?.getAttribute('role')).toBe('alert');
    expect(failed?.textContent).toContain(REGION_FAILED.ar);
    expect(failed?.textContent).toContain(REGION_FAILED.en);
    expect(view.container.querySelector('[data-testid="facts"]')?.textContent).toBe('facts');
    // The failure is still reported, so tests and monitoring see it.
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });
});
