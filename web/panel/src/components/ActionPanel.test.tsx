// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SEED_CATALOGUE } from '../../../../functions/core/catalogue/seed.ts';
import { click, press, render, type } from '../test/render.tsx';
import { ActionPanel, type ActionPanelProps } from './ActionPanel.tsx';

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

async function panel(overrides: Partial<ActionPanelProps> = {}, lang: 'ar' | 'en' = 'ar') {
  const onAct = vi.fn(async () => {});
  const onMerge = vi.fn();
  const view = await render(
    <ActionPanel
      allowed={['reply', 'note', 'claim', 'escalate', 'resolve', 'recategorize', 'merge']}
      replyChannel="sms"
      categoryCode="pothole"
      categories={SEED_CATALOGUE.categories}
      onAct={onAct}
      onMerge={onMerge}
      {...overrides}
    />,
    lang,
  );
  unmount = view.unmount;
  const q = <T extends Element>(selector: string) => view.container.querySelector<T>(selector);
  return { ...view, q, onAct, onMerge };
}

describe('ActionPanel', () => {
  it('opens escalate with Alt+E and sends only once a reason of three characters is given', async () => {
    const { q, onAct } = await panel();
    await press({ key: 'e', code: 'KeyE', altKey: true });
    expect(q('[data-form="escalate"]')).not.toBeNull();
    const reason = q<HTMLTextAreaElement>('[data-form="escalate"] textarea');
    expect(document.activeElement).toBe(reason);
    const submit = q<HTMLButtonElement>('[data-form="escalate"] button[type="submit"]');
    await type(reason as HTMLTextAreaElement, ' a ');
    expect(submit?.disabled).toBe(true);
    await type(reason as HTMLTextAreaElement, 'needs the roads team');
    expect(submit?.disabled).toBe(false);
    await click(submit);
    expect(onAct).toHaveBeenCalledWith({ kind: 'escalate', reason: 'needs the roads team' });
  });

  it('opens reply with Alt+R on the preferred channel and note with Alt+N; ignores shortcuts it may not use', async () => {
    const { q, container, onAct } = await panel({ allowed: ['reply', 'note'] }, 'en');
    await press({ key: 'r', code: 'KeyR', altKey: true });
    expect(q('[data-form="reply"]')?.textContent).toContain('Sent by SMS');
    await type(
      q<HTMLTextAreaElement>('[data-form="reply"] textarea') as HTMLTextAreaElement,
      'Which street?',
    );
    await click(q('[data-form="reply"] input[type="checkbox"]'));
    await click(q('[data-form="reply"] button[type="submit"]'));
    expect(onAct).toHaveBeenCalledWith({ kind: 'reply', text: 'Which street?', awaitAnswer: true });

    await press({ key: 'n', code: 'KeyN', altKey: true });
    expect(q('[data-form="note"]')).not.toBeNull();
    await press({ key: 'e', code: 'KeyE', altKey: true });
    expect(q('[data-form="escalate"]')).toBeNull();
    expect(container.querySelector('[data-action="escalate"]')).toBeNull();
  });

  it('announces the shortcuts on the buttons and offers only the allowed actions, in Arabic', async () => {
    const { container } = await panel({ allowed: ['note', 'escalate'] });
    const buttons = [...container.querySelectorAll('.action-buttons button')];
    expect(buttons.map((b) => b.getAttribute('data-action'))).toEqual(['note', 'escalate']);
    expect(buttons.map((b) => b.getAttribute('aria-keyshortcuts'))).toEqual(['Alt+N', 'Alt+E']);
    expect(buttons[1]?.textContent).toContain('تصعيد');
  });

  it('recategorizes only to another category, and merges into the suggested primary with a reason', async () => {
    const { q, onAct, onMerge } = await panel({ suggestedPrimary: 'MCT-260000019' }, 'en');
    await click(q('[data-action="recategorize"]'));
    await type(
      q<HTMLTextAreaElement>('[data-form="recategorize"] textarea') as HTMLTextAreaElement,
      'a leak, not a road',
    );
    const submit = q<HTMLButtonElement>('[data-form="recategorize"] button[type="submit"]');
    expect(submit?.disabled).toBe(true);
    const select = q<HTMLSelectElement>('[data-form="recategorize"] select') as HTMLSelectElement;
    const { act } = await import('react');
    await act(async () => {
      select.value = 'sewage_water_leak';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(submit?.disabled).toBe(false);
    await click(submit);
    expect(onAct).toHaveBeenCalledWith({
      kind: 'recategorize',
      categoryCode: 'sewage_water_leak',
      reason: 'a leak, not a road',
    });

    await click(q('[data-action="merge"]'));
    await type(q<HTMLTextAreaElement>('[data-form="merge"] textarea') as HTMLTextAreaElement, 'same pothole');
    await click(q('[data-form="merge"] button[type="submit"]'));
    expect(onMerge).toHaveBeenCalledWith('260000019', 'same pothole');
  });
});
