/**
 * Apache ECharts, with only the parts the Analytics screen draws (bars, lines, the wilayat map, their
 * grid, tooltip, legend and colour scale) on the canvas renderer: tree-shaken, and loaded with the
 * Analytics screen's chunk, never with the panel's first screen (docs/decisions/0111).
 */
import { BarChart, LineChart, MapChart } from 'echarts/charts';
import {
  GeoComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([
  BarChart,
  LineChart,
  MapChart,
  GeoComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

export type ChartOption = echarts.EChartsCoreOption;
export type ChartClick = { name?: string; seriesName?: string; dataIndex?: number; value?: unknown };

/** A GeoJSON map a chart draws (the wilayat areas), registered under its name before the option is set. */
export type ChartMap = { name: string; geoJson: object };

export function EChart(props: {
  option: ChartOption;
  /** What the chart shows, for screen readers (the numbers are also in the table beside it). */
  label: string;
  onClick?: (point: ChartClick) => void;
  height?: string;
  /** Registered when it changes (a new object), not on every drawing: keep it the same object. */
  map?: ChartMap;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | undefined>(undefined);
  const onClick = useRef(props.onClick);
  onClick.current = props.onClick;

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const c = echarts.init(element, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) => onClick.current?.(p as ChartClick));
    // Phone to desktop: the chart follows its box (rotation, a resized window, the drill-down opening).
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(element);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = undefined;
    };
  }, []);

  // Declared before the option's effect, so on the first drawing the map exists when the option names it.
  useEffect(() => {
    if (props.map)
      echarts.registerMap(props.map.name, props.map.geoJson as Parameters<typeof echarts.registerMap>[1]);
  }, [props.map]);

  useEffect(() => {
    chart.current?.setOption(props.option, true);
  }, [props.option]);

  return (
    <div
      ref={box}
      className={props.onClick ? 'echart clickable' : 'echart'}
      style={{ blockSize: props.height ?? '16rem' }}
      role="img"
      aria-label={props.label}
    />
  );
}
