// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseEvent } from '../../../../functions/core/case/case.ts';
import type { Api } from '../api.ts';
import { render } from '../test/render.tsx';
import { Timeline } from './Timeline.tsx';

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

const RLO = '\u202E';
const analysis: CaseEvent = {
  reference: '260000019',
  id: 'analysis-5b1d6a0e',
  at: '2026-12-07T20:14:16.000Z',
  kind: 'contact_analysis',
  actor: 'system',
  channel: 'voice',
  data: {
    contactId: '5b1d6a0e-2f3c-4b7a-9d8e-1c2b3a4d5e6f',
    language: 'ar-AE',
    durationMs: 184_320,
    sentiment: { customer: -2.4, agent: 1.9 },
    categories: [`${RLO}تكرار البلاغ`, 'escalation-request'],
    talkTimeMs: { total: 155_360, agent: 71_040, customer: 84_320 },
    nonTalkTimeMs: 21_650,
    interruptions: 2,
  },
};

async function show(lang: 'ar' | 'en', e: CaseEvent = analysis) {
  const view = await render(<Timeline api={{} as Api} reference="260000019" events={[e]} />, lang);
  unmount = view.unmount;
  await act(async () => {});
  return view.container;
}

describe('a Contact Lens call analysis on the case timeline', () => {
  it('shows sentiment in words and figures, categories, length, talk and silence, in Arabic', async () => {
    const c = await show('ar');
    expect(c.querySelector('.event-head strong')?.textContent).toBe('تحليل المكالمة (Contact Lens)');
    const text = c.querySelector('.call-analysis')?.textContent ?? '';
    expect(text).toContain('انطباع المتصل');
    expect(text).toContain('سلبي');
    expect(text).toContain('-2.4');
    expect(text).toContain('إيجابي');
    expect(text).toContain('3:04');
    expect(text).toContain('وقت الصمت');
    expect(text).toContain('0:22');
  });

  it('in English, with each category name isolated (an override in one cannot reorder the rest)', async () => {
    const c = await show('en');
    const text = c.querySelector('.call-analysis')?.textContent ?? '';
    expect(text).toContain('Caller sentiment');
    expect(text).toContain('negative');
    expect(text).toContain('Talk time');
    expect(text).toContain('2:35');
    const names = [...c.querySelectorAll('.call-analysis-categories bdi')];
    expect(names.map((n) => n.getAttribute('dir'))).toEqual(['auto', 'auto']);
    expect(names[0]?.textContent).toBe(`${RLO}تكرار البلاغ`);
    // Figures are written left to right whatever the page's direction.
    expect(
      c.querySelector('.call-analysis-callDuration bdi, .call-analysis-callDuration [dir="ltr"]'),
    ).not.toBeNull();
  });

  it('draws what it has when figures are missing or of the wrong type', async () => {
    const c = await show('en', { ...analysis, data: { sentiment: { customer: 'bad' }, categories: [3] } });
    expect(c.querySelector('.call-analysis')).not.toBeNull();
    expect(c.querySelector('.call-analysis')?.textContent).toBe('');
  });
});
