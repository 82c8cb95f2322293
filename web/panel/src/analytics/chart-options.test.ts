import { describe, expect, it } from 'vitest';
import { barsOption, hotspotMapOption, stackedOption, timeOption } from './chart-options.ts';

type Axis = { inverse?: boolean; position?: string };
const axes = (o: Record<string, unknown>) => ({ x: o.xAxis as Axis, y: o.yAxis as Axis });

describe('chart options, right to left in Arabic', () => {
  it('runs time from the right and puts the value axis on the right in Arabic only', () => {
    const points = [
      { key: '2026-03-01', label: '2026-03-01', value: 2 },
      { key: '2026-03-02', label: '2026-03-02', value: 0 },
    ];
    expect(axes(timeOption(points, true, 'n', true))).toMatchObject({
      x: { inverse: true },
      y: { position: 'right' },
    });
    expect(axes(timeOption(points, false, 'n', true))).toMatchObject({
      x: { inverse: false },
      y: { position: 'left' },
    });
  });

  it('grows bars leftwards in Arabic, first item on top, labels on the reading side', () => {
    const bars = [{ key: 'sms', label: 'رسالة نصية', value: 3 }];
    const ar = barsOption(bars, true, 'n', '%', 100);
    expect(axes(ar)).toMatchObject({ x: { inverse: true }, y: { inverse: true, position: 'right' } });
    expect((ar.series as { label: { position: string; formatter: string } }[])[0]?.label).toEqual({
      show: true,
      position: 'left',
      formatter: '{c}%',
    });
    const stacked = stackedOption(['roads'], [{ name: '< 1 day', values: [2] }], true);
    expect((stacked.legend as Record<string, unknown>).right).toBe(0);
  });

  it('colours the map up to the busiest wilayat and names areas by code', () => {
    const map = hotspotMapOption(
      'm',
      [
        { code: 'bawshar', value: 7 },
        { code: 'muscat', value: 0 },
      ],
      (code) => code.toUpperCase(),
      true,
      { low: '0', high: '7' },
    );
    expect(map.visualMap).toMatchObject({ min: 0, max: 7, inverse: true, right: 4 });
    const [series] = map.series as { nameProperty: string; data: unknown[] }[];
    expect(series?.nameProperty).toBe('code');
    expect(series?.data).toEqual([
      { name: 'bawshar', value: 7 },
      { name: 'muscat', value: 0 },
    ]);
  });
});
