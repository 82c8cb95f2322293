// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CaseEvent } from '../../../functions/core/case/case.ts';
import { SEED_CATALOGUE } from '../../../functions/core/catalogue/seed.ts';
import { aCase } from '../../../test/support/builders.ts';
import type { Api } from './api.ts';
import { Timeline } from './components/Timeline.tsx';
import { WilayatMap } from './components/WilayatMap.tsx';
import { CaseSubject } from './screens/CaseScreen.tsx';
import { render } from './test/render.tsx';

/**
 * Issue 11, defect 9: a citizen's string may hold bidi controls (U+202E RIGHT-TO-LEFT OVERRIDE reverses
 * everything after it up to the end of its paragraph). Every such string must sit alone in its own isolate
 * (`<bdi>` or an element with `dir`), so the override ends there and cannot reorder the references, digits
 * and labels we put around it. happy-dom does no layout: this checks the structure; the e2e suite checks
 * what Chromium draws.
 */
const RLO = '\u202E';
const REF = '260000019';
let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

/** The nearest element that starts a bidi isolate (or a block of its own) around a node. */
function isolateOf(node: Node): Element | undefined {
  for (let el = node.parentElement; el; el = el.parentElement) {
    if (el.tagName === 'BDI' || el.hasAttribute('dir')) return el;
  }
  return undefined;
}

/** Every text node holding `needle`, anywhere under `root`. */
function textNodesWith(root: Element, needle: string): Text[] {
  const found: Text[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.textContent?.includes(needle)) found.push(n as Text);
  }
  return found;
}

/** Asserts each citizen string is shown, each in an isolate of its own with its own direction. */
function expectIsolated(root: Element, strings: string[]) {
  for (const s of strings) {
    const nodes = textNodesWith(root, s);
    expect(nodes.length, `"${s}" is shown`).toBeGreaterThan(0);
    for (const node of nodes) {
      const isolate = isolateOf(node);
      expect(isolate, `"${s}" is in an isolate`).toBeDefined();
      expect(isolate?.getAttribute('dir') ?? 'auto', `"${s}" takes its own direction`).toBe('auto');
      // Nothing of ours shares the isolate: the override cannot reach past the citizen's own string.
      expect(isolate?.textContent).toBe(s);
    }
  }
  // And no override anywhere escapes: every RLO on the page is inside one of those isolates.
  for (const node of textNodesWith(root, RLO)) {
    expect(strings.some((s) => isolateOf(node)?.textContent === s)).toBe(true);
  }
}

const event = (e: Partial<CaseEvent>): CaseEvent => ({
  reference: REF,
  id: 'x',
  at: '2026-03-03T06:00:00.000Z',
  kind: 'message_in',
  actor: 'citizen',
  channel: 'email',
  ...e,
});

describe('citizen strings are bidi-isolated (issue 11, defect 9)', () => {
  it('isolates message text, e-mail subject, file names, and chat names and lines on the timeline', async () => {
    const text = `${RLO}الحفرة رقم 12 قرب المنزل 34`;
    const subject = `${RLO}بلاغ MCT-${REF} عاجل`;
    const fileName = `${RLO}gpj.exe`;
    const chatName = `${RLO}أحمد 7`;
    const chatLine = `${RLO}ما زالت موجودة 99`;
    const attachment = vi.fn(async () => ({
      url: 'http://files.test/a',
      contentType: 'application/pdf',
      size: 10,
    }));
    const view = await render(
      <Timeline
        api={{ attachment } as unknown as Api}
        reference={REF}
        events={[
          event({
            id: 'in-1',
            text,
            data: {
              subject,
              attachments: ['uploads/cases/7d1c0a6e-aaaa-4bbb-8ccc-000000000001'],
              attachmentNames: { 'uploads/cases/7d1c0a6e-aaaa-4bbb-8ccc-000000000001': fileName },
            },
          }),
          event({
            id: 'chat-1',
            kind: 'transcript',
            actor: 'system',
            channel: 'chat',
            text: 'joined',
            data: {
              lines: [
                { at: '2026-03-03T06:01:00.000Z', role: 'citizen', name: chatName, text: chatLine },
                { at: '2026-03-03T06:02:00.000Z', role: 'agent', name: 'Agent', text: 'سنرسل فريقاً' },
              ],
            },
          }),
        ]}
      />,
      'en',
    );
    unmount = view.unmount;
    await act(async () => {});
    expectIsolated(view.container, [text, subject, fileName, chatName, chatLine]);
    // The chat lines are shown one by one with their times, not as one run of text.
    expect(view.container.querySelectorAll('.transcript-line')).toHaveLength(2);
    expect(view.container.querySelector('.transcript-line')?.textContent).toContain('10:01');
  });

  it('isolates the address next to the coordinates on the map', async () => {
    const address = `${RLO}شارع 18 نوفمبر، مبنى 7`;
    const view = await render(
      <WilayatMap
        wilayats={SEED_CATALOGUE.wilayats}
        location={{ lat: 23.5861, lng: 58.4059, address, wilayatCode: 'bawshar' }}
      />,
      'ar',
    );
    unmount = view.unmount;
    expectIsolated(view.container, [address]);
    // The coordinates are an isolate of their own, left to right.
    expect(view.container.querySelector('figcaption bdi[dir="ltr"]')?.textContent).toBe('23.5861, 58.4059');
  });

  it('isolates the subject the citizen gave the case (e-mail, fax)', async () => {
    const subject = `${RLO}حفرة رقم ${REF}`;
    const view = await render(<CaseSubject c={{ ...aCase(), subject } as never} />, 'en');
    unmount = view.unmount;
    expectIsolated(view.container, [subject]);
    expect(view.container.textContent).toContain('Subject');
  });
});
