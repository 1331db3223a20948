import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import type { EChartsCoreOption } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what the statistics use: a smaller bundle. SVG, not canvas: crisp when printed, and the
// labels are text a screen reader (and the browser test) can read.
echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, SVGRenderer]);

export interface Count {
  key: string;
  count: number;
}

/** One ECharts chart; `label` turns an API key into its Chinese name. */
export function CountChart({
  kind,
  counts,
  label = (k) => k,
  testId,
  height = 260,
}: {
  kind: 'bar' | 'pie';
  counts: Count[];
  label?: (key: string) => string;
  testId: string;
  height?: number;
}) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const chart = echarts.init(host.current, undefined, { renderer: 'svg' });
    const names = counts.map((c) => label(c.key));
    const option: EChartsCoreOption =
      kind === 'pie'
        ? {
            animation: false,
            tooltip: { trigger: 'item' },
            series: [{ type: 'pie', radius: '65%', label: { formatter: '{b}：{c}' }, data: counts.map((c, i) => ({ name: names[i], value: c.count })) }],
          }
        : {
            animation: false,
            tooltip: { trigger: 'axis' },
            grid: { left: 48, right: 16, top: 24, bottom: 32 },
            xAxis: { type: 'category', data: names },
            yAxis: { type: 'value', minInterval: 1 },
            series: [{ type: 'bar', data: counts.map((c) => c.count), label: { show: true, position: 'top' } }],
          };
    chart.setOption(option);
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [kind, counts, label]);
  return <div ref={host} data-testid={testId} style={{ width: '100%', height }} />;
}
