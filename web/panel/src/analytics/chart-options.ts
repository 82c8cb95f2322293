/**
 * ECharts options for the Analytics screen, right to left in Arabic: time runs from the right, bars grow
 * leftwards, value axes and legends sit on the reading side, tooltips are written right to left. Pure
 * functions of the figures, so the screen stays about data and the options are testable.
 */
import type { ChartOption } from './EChart.tsx';

const FONT = "'IBM Plex Sans Arabic', system-ui, sans-serif";
export const ACCENT = '#0b5c4d';
/** Five ages of open cases, young to old: green to red, readable without colour by their legend order. */
export const AGE_COLOURS = ['#5fa58f', '#a8c686', '#f2c14e', '#e07a3f', '#a3261c'];

export type Bar = { key: string; label: string; value: number };

const base = (rtl: boolean): ChartOption => ({
  textStyle: { fontFamily: FONT },
  animation: false,
  tooltip: {
    textStyle: { fontFamily: FONT },
    extraCssText: rtl ? 'direction: rtl; text-align: right;' : '',
  },
});

export function timeOption(points: Bar[], rtl: boolean, name: string, asLine: boolean): ChartOption {
  return {
    ...base(rtl),
    tooltip: { ...(base(rtl).tooltip as object), trigger: 'axis' },
    grid: { left: 12, right: 12, top: 16, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      inverse: rtl,
      data: points.map((p) => p.label),
      axisLabel: { hideOverlap: true },
    },
    yAxis: { type: 'value', position: rtl ? 'right' : 'left', minInterval: 1 },
    series: [
      {
        name,
        type: asLine ? 'line' : 'bar',
        data: points.map((p) => p.value),
        itemStyle: { color: ACCENT },
        ...(asLine ? { areaStyle: { opacity: 0.12 }, symbolSize: 6 } : {}),
      },
    ],
  };
}

/** Horizontal bars, the first item on top; `suffix` follows each value (e.g. %). */
export function barsOption(bars: Bar[], rtl: boolean, name: string, suffix = '', max?: number): ChartOption {
  return {
    ...base(rtl),
    tooltip: { ...(base(rtl).tooltip as object), trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 12, right: 12, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', inverse: rtl, minInterval: 1, ...(max ? { max } : {}) },
    yAxis: {
      type: 'category',
      inverse: true,
      position: rtl ? 'right' : 'left',
      data: bars.map((b) => b.label),
    },
    series: [
      {
        name,
        type: 'bar',
        data: bars.map((b) => b.value),
        itemStyle: { color: ACCENT },
        label: { show: true, position: rtl ? 'left' : 'right', formatter: `{c}${suffix}` },
      },
    ],
  };
}

/** Stacked horizontal bars: one row per category, one series per band. */
export function stackedOption(
  rows: string[],
  bands: { name: string; values: number[] }[],
  rtl: boolean,
): ChartOption {
  return {
    ...base(rtl),
    tooltip: { ...(base(rtl).tooltip as object), trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, [rtl ? 'right' : 'left']: 0, textStyle: { fontFamily: FONT } },
    grid: { left: 12, right: 12, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'value', inverse: rtl, minInterval: 1 },
    yAxis: { type: 'category', inverse: true, position: rtl ? 'right' : 'left', data: rows },
    series: bands.map((b, i) => ({
      name: b.name,
      type: 'bar',
      stack: 'age',
      data: b.values,
      itemStyle: { color: AGE_COLOURS[i % AGE_COLOURS.length] },
    })),
  };
}

/** The wilayat areas coloured by count (registered as `map`), each named on its area. */
export function hotspotMapOption(
  map: string,
  counts: { code: string; value: number }[],
  nameOf: (code: string) => string,
  rtl: boolean,
  legend: { low: string; high: string },
): ChartOption {
  const max = Math.max(1, ...counts.map((c) => c.value));
  return {
    ...base(rtl),
    tooltip: {
      ...(base(rtl).tooltip as object),
      trigger: 'item',
      formatter: (p: { name: string; value?: number }) =>
        `${nameOf(p.name)}: ${Number.isFinite(p.value) ? p.value : 0}`,
    },
    visualMap: {
      min: 0,
      max,
      orient: 'horizontal',
      bottom: 4,
      [rtl ? 'right' : 'left']: 4,
      itemWidth: 12,
      itemHeight: 90,
      inverse: rtl,
      // The first text sits at the high end, which `inverse` puts on the left in Arabic.
      text: [legend.high, legend.low],
      textStyle: { fontFamily: FONT },
      inRange: { color: ['#e3f0ec', '#7fb5a5', ACCENT] },
      calculable: false,
    },
    series: [
      {
        type: 'map',
        map,
        nameProperty: 'code',
        // Degrees of longitude are shorter than degrees of latitude at 23.5°N.
        aspectScale: 0.92,
        roam: false,
        // Top and bottom only: the width follows the map's own proportions.
        top: 8,
        bottom: 36,
        data: counts.map((c) => ({ name: c.code, value: c.value })),
        label: {
          show: true,
          fontFamily: FONT,
          fontSize: 12,
          formatter: (p: { name: string }) => nameOf(p.name),
          textBorderColor: '#ffffff',
          textBorderWidth: 2,
        },
        itemStyle: { areaColor: '#eef1f4', borderColor: '#ffffff', borderWidth: 1.5 },
        emphasis: { label: { show: true }, itemStyle: { areaColor: '#f2c14e' } },
        select: { disabled: true },
      },
    ],
  };
}
