import { describe, expect, it } from 'vitest';
import { directedHtml, textDirection } from '#core/text/direction.ts';

describe('textDirection', () => {
  it.each([
    ['تم استلام بلاغكم برقم 260000019', 'rtl'],
    ['\u2066MCT-260000019\u2069 تم استلام بلاغكم', 'ltr'], // the first strong letter is Latin (M)
    ['260000019: قيد المراجعة', 'rtl'],
    ['We received your request 260000019', 'ltr'],
    ['12345', 'ltr'],
    ['', 'ltr'],
  ] as const)('%j is %s', (text, dir) => {
    expect(textDirection(text)).toBe(dir);
  });
});

describe('directedHtml', () => {
  it('sets the direction and escapes everything, keeping line breaks', () => {
    const html = directedHtml('تم الرد <script>alert(1)</script>\nشكراً & مع السلامة');
    expect(html).toContain('dir="rtl"');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;<br>شكراً &amp; مع السلامة');
    expect(html).not.toContain('<script>');
  });
});
