import { describe, expect, it } from 'vitest';
import { parseRoute } from './router.ts';

describe('the portal’s addresses', () => {
  it('maps every page, with the reference or code it names', () => {
    expect(parseRoute('/', '')).toEqual({ page: 'home' });
    expect(parseRoute('/track', '')).toEqual({ page: 'track' });
    expect(parseRoute('/track/260000014', '')).toEqual({ page: 'track', reference: '260000014' });
    expect(parseRoute('/rate/260000014', '')).toEqual({ page: 'rate', reference: '260000014' });
    expect(parseRoute('/rate', '')).toEqual({ page: 'not-found' });
    // Typed with Arabic-Indic digits and spaces: kept as typed; the screen parses it.
    expect(parseRoute('/track/%D9%A2%D9%A6%20%D9%A0', '')).toEqual({ page: 'track', reference: '٢٦ ٠' });
    expect(parseRoute('/procedures/food_licence', '')).toEqual({ page: 'procedures', code: 'food_licence' });
    expect(parseRoute('/contact', '')).toEqual({ page: 'contact' });
  });

  it('reads the kind of report and what it is about from the query', () => {
    expect(
      parseRoute('/report', '?kind=inquiry&category=food_licence_inquiry&procedure=food_licence'),
    ).toEqual({
      page: 'report',
      kind: 'inquiry',
      category: 'food_licence_inquiry',
      procedure: 'food_licence',
    });
    expect(parseRoute('/report', '?kind=<script>')).toEqual({ page: 'report', kind: 'problem' });
  });

  it('answers anything else as not found', () => {
    expect(parseRoute('/track/1/2', '')).toEqual({ page: 'not-found' });
    expect(parseRoute('/admin', '')).toEqual({ page: 'not-found' });
  });
});
