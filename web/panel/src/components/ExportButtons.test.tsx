// @vitest-environment happy-dom
import { unzipSync } from 'fflate';
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { click, render } from '../test/render.tsx';
import { ExportButtons } from './ExportButtons.tsx';

type Download = { name: string; type: string; bytes: Uint8Array };

let downloads: Download[];
let blobs: Map<string, Blob>;
let unmount: (() => void) | undefined;

beforeEach(() => {
  downloads = [];
  blobs = new Map();
  let n = 0;
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    n += 1;
    const url = `blob:test/${n}`;
    blobs.set(url, blob as Blob);
    return url;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
  // The browser's download: what the link points at, under the name it gives.
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    const blob = blobs.get(this.href);
    if (!blob) throw new Error(`no blob behind ${this.href}`);
    void blob
      .arrayBuffer()
      .then((buffer) =>
        downloads.push({ name: this.download, type: blob.type, bytes: new Uint8Array(buffer) }),
      );
  });
});
afterEach(() => {
  unmount?.();
  vi.restoreAllMocks();
});

const view = {
  title: 'حجم البلاغات 2026-03',
  columns: [
    { key: 'wilayat', label: 'الولاية' },
    { key: 'cases', label: 'عدد البلاغات' },
  ],
  rows: [
    { wilayat: 'بوشر', cases: 12 },
    { wilayat: '=cmd', cases: 3 },
  ],
};

async function show(language: 'ar' | 'en', props: typeof view & { utcOffsetMinutes?: number } = view) {
  const screen = await render(
    <ExportButtons utcOffsetMinutes={240} {...props} language={language} />,
    language,
  );
  unmount = screen.unmount;
  const button = (kind: string) =>
    screen.container.querySelector<HTMLButtonElement>(`button[data-export="${kind}"]`);
  return { ...screen, button };
}

const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 20)));

describe('ExportButtons', () => {
  it('labels both buttons in the view’s language', async () => {
    const ar = await show('ar');
    expect(ar.button('csv')?.textContent).toBe('تنزيل CSV');
    expect(ar.button('xlsx')?.textContent).toBe('تنزيل Excel');
    expect(ar.container.querySelector('fieldset')?.getAttribute('aria-label')).toBe('تصدير هذا العرض');
    ar.unmount();
    const en = await show('en');
    expect(en.button('csv')?.textContent).toBe('Download CSV');
    expect(en.button('xlsx')?.textContent).toBe('Download Excel');
  });

  it('downloads the rows on screen as CSV with a BOM, Arabic intact and formulas defused', async () => {
    const { button } = await show('ar');
    await click(button('csv'));
    await settle();
    expect(downloads).toHaveLength(1);
    const [file] = downloads;
    expect(file?.name).toBe('حجم-البلاغات-2026-03.csv');
    expect(file?.type).toMatch(/^text\/csv/);
    expect([...(file?.bytes.slice(0, 3) ?? [])]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(file?.bytes)).toBe("الولاية,عدد البلاغات\r\nبوشر,12\r\n'=cmd,3\r\n");
  });

  it('downloads an Excel workbook, right to left in Arabic, the writer loaded on demand', async () => {
    const { button } = await show('ar');
    await click(button('xlsx'));
    await settle();
    await vi.waitFor(() => expect(downloads).toHaveLength(1), { timeout: 5000 });
    const [file] = downloads;
    expect(file?.name).toBe('حجم-البلاغات-2026-03.xlsx');
    expect(file?.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const parts = unzipSync(file?.bytes ?? new Uint8Array());
    const sheet = new TextDecoder().decode(parts['xl/worksheets/sheet1.xml']);
    const strings = new TextDecoder().decode(parts['xl/sharedStrings.xml']);
    expect(sheet).toContain('<sheetView rightToLeft="1"');
    expect(sheet).toContain('<c r="B2"><v>12</v></c>');
    expect(strings).toContain('<t>بوشر</t>');
    expect(button('xlsx')?.disabled).toBe(false);
  });

  it('an English view gives a left-to-right workbook', async () => {
    const { button } = await show('en', { ...view, title: 'Volume 2026-03' });
    await click(button('xlsx'));
    await vi.waitFor(() => expect(downloads).toHaveLength(1), { timeout: 5000 });
    const sheet = new TextDecoder().decode(
      unzipSync(downloads[0]?.bytes ?? new Uint8Array())['xl/worksheets/sheet1.xml'],
    );
    expect(sheet).not.toContain('rightToLeft');
    expect(downloads[0]?.name).toBe('Volume-2026-03.xlsx');
  });

  it('writes instants at the offset the municipality’s calendar gives, not a fixed one', async () => {
    const { button } = await show('en', {
      title: 'Cases',
      columns: [{ key: 'at', label: 'At' }],
      rows: [{ at: '2026-03-10T00:00:00.000Z' }] as unknown as typeof view.rows,
      utcOffsetMinutes: 180,
    });
    await click(button('xlsx'));
    await vi.waitFor(() => expect(downloads).toHaveLength(1), { timeout: 5000 });
    const sheet = new TextDecoder().decode(
      unzipSync(downloads[0]?.bytes ?? new Uint8Array())['xl/worksheets/sheet1.xml'],
    );
    // 2026-03-10 00:00 UTC is 03:00 three hours east: day 46091 and an eighth.
    expect(sheet).toContain('<v>46091.125</v>');
  });

  it('has nothing to export without columns', async () => {
    const { button } = await show('en', { ...view, columns: [] });
    expect(button('csv')?.disabled).toBe(true);
    expect(button('xlsx')?.disabled).toBe(true);
  });
});
