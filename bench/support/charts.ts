import * as echarts from 'echarts';

/**
 * The bench charts (`npm run bench:charts`): ECharts options built from the JSON the benches write
 * under bench/results/, rendered to SVG on the server (no DOM, no browser). Every point is drawn
 * as a symbol (ECharts tags each one with `ecmeta_series_index` / `ecmeta_data_index`) and
 * labelled with its value; text uses the generic `sans-serif` family, so the SVG refers to no
 * font file and no URL.
 */

export const WIDTH = 960;

export interface Chart {
  /** File name under bench/charts/. */
  file: string;
  title: string;
  option: echarts.EChartsCoreOption;
  width: number;
  height: number;
}

/** One projection run as bench:projections writes it (the fields the charts read). */
interface ProjectionRun {
  events: number;
  date?: string;
  results: { readModel: string; rebuildEventsPerSecond: number; serverFloorEventsPerSecond: number; clientFloorEventsPerSecond: number }[];
}

interface ProjectionsJson extends ProjectionRun {
  runs?: Record<string, ProjectionRun>;
}

interface AppendRun {
  logEvents?: number;
  at?: string;
  rows: { measurement: string; clients: number; store: number; baseline: number }[];
}

interface AppendJson extends AppendRun {
  runs?: Record<string, AppendRun>;
}

interface ApiJson {
  at?: string;
  seconds?: number;
  commands: { connections: number; commandsPerSecond: number; p50: number; p99: number; storeAppendsPerSecond: number }[];
}

export interface BenchResults {
  projections?: ProjectionsJson;
  append?: AppendJson;
  api?: ApiJson;
}

/** Renders one chart to an SVG string (server-side, no animation). */
export function renderSvg(chart: Chart): string {
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width: chart.width, height: chart.height });
  try {
    instance.setOption({ animation: false, backgroundColor: '#ffffff', textStyle: { fontFamily: 'sans-serif' }, ...chart.option });
    return instance.renderToSVGString();
  } finally {
    // An SSR instance left undisposed keeps the process alive.
    instance.dispose();
  }
}

const integer = (n: number) => Math.round(n).toLocaleString('en-US');
/** Short form of a rate for a point's label: 849, 5.6k, 386k. */
export function short(n: number): string {
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(1).replace(/\.0$/, '')}M`;
  if (n >= 100_000) return `${Math.round(n / 1000)}k`;
  if (n >= 1_000) return `${(n / 1000).toFixed(1).replace(/\.0$/, '')}k`;
  return n >= 10 ? String(Math.round(n)) : n.toFixed(1).replace(/\.0$/, '');
}

const point = (color?: string) => ({
  type: 'line' as const,
  showSymbol: true,
  symbol: 'circle',
  symbolSize: 7,
  ...(color ? { itemStyle: { color }, lineStyle: { color } } : {}),
});
const labelled = (position: 'top' | 'bottom' | 'left' | 'right' = 'top') => ({
  label: { show: true, position, fontSize: 10, formatter: (p: { value: [number, number] }) => short(p.value[1]) },
});

const HISTORY_AXIS = '历史大小 history size (events)';
const RATE_AXIS = '事件/秒 events/s';

/** Every projection run, smallest history first (a file from before `runs` is one run). */
export function projectionRuns(doc: ProjectionsJson): ProjectionRun[] {
  const runs = doc.runs ? Object.values(doc.runs) : [doc];
  return [...runs].sort((a, b) => a.events - b.events);
}

/**
 * (a) Projection rebuilds against the history's size: one panel per read model (and the seven
 * rebuilt from one read), its rebuild beside both floors, log scales on both axes.
 */
export function projectionsChart(doc: ProjectionsJson): Chart {
  const runs = projectionRuns(doc);
  const decade = (n: number, round: (x: number) => number) => 10 ** round(Math.log10(Math.max(1, n)));
  const xMin = decade(runs[0]?.events ?? 1, Math.floor);
  const xMax = Math.max(xMin * 10, decade(runs[runs.length - 1]?.events ?? 1, Math.ceil));
  const models = [...new Set(runs.flatMap((r) => r.results.map((x) => x.readModel)))];
  const columns = 4;
  const rowsOfPanels = Math.ceil(models.length / columns);
  const panelW = 100 / columns;
  const top = 100;
  const panelH = 250;
  const height = top + rowsOfPanels * panelH + 20;
  const series: object[] = [];
  const grid: object[] = [];
  const xAxis: object[] = [];
  const yAxis: object[] = [];
  const title: object[] = [
    {
      text: '投影重建速率 Projection rebuilds: events/s against history size',
      subtext: `rebuild beside its server floor and client floor, each run at one size (${runs.map((r) => integer(r.events)).join(', ')} events)`,
      left: 'center',
      textStyle: { fontSize: 16 },
    },
  ];
  const sides = [
    { name: 'rebuild 重建', key: 'rebuildEventsPerSecond', color: '#c23531', position: 'right' },
    { name: 'client floor 客户端下限', key: 'clientFloorEventsPerSecond', color: '#2f4554', position: 'left' },
    { name: 'server floor 服务器下限', key: 'serverFloorEventsPerSecond', color: '#61a0a8', position: 'top' },
  ] as const;
  models.forEach((model, i) => {
    const col = i % columns;
    const row = Math.floor(i / columns);
    const gridTop = top + row * panelH + 30;
    grid.push({ left: `${col * panelW + 6}%`, width: `${panelW - 11}%`, top: gridTop, height: panelH - 95 });
    title.push({ text: model, left: `${col * panelW + panelW / 2}%`, top: gridTop - 28, textAlign: 'center', textStyle: { fontSize: 12 } });
    xAxis.push({
      type: 'log',
      gridIndex: i,
      min: xMin,
      max: xMax,
      name: row === rowsOfPanels - 1 || i + columns >= models.length ? HISTORY_AXIS : '',
      nameLocation: 'middle',
      nameGap: 28,
      nameTextStyle: { fontSize: 10 },
      axisLabel: { fontSize: 9, formatter: (v: number) => short(v) },
    });
    yAxis.push({
      type: 'log',
      gridIndex: i,
      name: col === 0 ? RATE_AXIS : '',
      nameLocation: 'middle',
      nameGap: 36,
      nameTextStyle: { fontSize: 10 },
      axisLabel: { fontSize: 9, formatter: (v: number) => short(v) },
    });
    for (const side of sides) {
      const data = runs.flatMap((r) => {
        const x = r.results.find((y) => y.readModel === model);
        return x ? [[r.events, x[side.key]]] : [];
      });
      series.push({ ...point(side.color), ...labelled(side.position), name: side.name, xAxisIndex: i, yAxisIndex: i, data });
    }
  });
  return {
    file: 'projections-by-history.svg',
    title: 'Projection rebuilds: events/s against history size',
    width: WIDTH,
    height,
    option: { title, legend: { top: 64, itemGap: 24, data: sides.map((s) => s.name) }, grid, xAxis, yAxis, series },
  };
}

/** Every append run that recorded the log's size, smallest first. */
export function appendRuns(doc: AppendJson): (AppendRun & { logEvents: number })[] {
  const runs = doc.runs ? Object.values(doc.runs) : [doc];
  return runs.filter((r): r is AppendRun & { logEvents: number } => typeof r.logEvents === 'number').sort((a, b) => a.logEvents - b.logEvents);
}

/**
 * (a) The store's single-event append rate beside its floor against the log's size before the
 * run: one panel per client count, linear axes (a fresh database is a log of 0 events).
 */
export function appendChart(doc: AppendJson): Chart | null {
  const runs = appendRuns(doc);
  if (runs.length === 0) return null;
  const single = (r: AppendRun, clients: number) => r.rows.find((x) => x.measurement.startsWith('single-event') && x.clients === clients);
  const clientCounts = [...new Set(runs.flatMap((r) => r.rows.filter((x) => x.measurement.startsWith('single-event')).map((x) => x.clients)))].sort((a, b) => a - b);
  const panelW = 100 / Math.max(1, clientCounts.length);
  const grid: object[] = [];
  const xAxis: object[] = [];
  const yAxis: object[] = [];
  const series: object[] = [];
  const title: object[] = [
    {
      text: '追加速率 Single-event appends/s against the log size',
      subtext: `the store beside its plain-SQL floor, each run on a log of ${runs.map((r) => integer(r.logEvents)).join(', ')} events`,
      left: 'center',
      textStyle: { fontSize: 16 },
    },
  ];
  const sides = [
    { name: 'store 存储', key: 'store', color: '#c23531', position: 'top', symbol: 'circle', line: 'solid' },
    { name: 'floor 下限', key: 'baseline', color: '#2f4554', position: 'bottom', symbol: 'emptyCircle', line: 'dashed' },
  ] as const;
  clientCounts.forEach((clients, i) => {
    grid.push({ left: `${i * panelW + 7}%`, width: `${panelW - 10}%`, top: 130, bottom: 60 });
    title.push({ text: `${clients} client(s) 客户端`, left: `${i * panelW + panelW / 2}%`, top: 100, textAlign: 'center', textStyle: { fontSize: 12 } });
    xAxis.push({ type: 'value', gridIndex: i, name: '日志大小 log size (events)', nameLocation: 'middle', nameGap: 28, nameTextStyle: { fontSize: 10 }, axisLabel: { fontSize: 9, formatter: (v: number) => short(v) } });
    yAxis.push({ type: 'value', gridIndex: i, name: i === 0 ? '追加/秒 appends/s' : '', nameLocation: 'middle', nameGap: 36, nameTextStyle: { fontSize: 10 }, axisLabel: { fontSize: 9, formatter: (v: number) => short(v) } });
    for (const side of sides) {
      series.push({
        ...point(side.color),
        ...labelled(side.position),
        symbol: side.symbol,
        lineStyle: { color: side.color, type: side.line },
        name: side.name,
        xAxisIndex: i,
        yAxisIndex: i,
        data: runs.flatMap((r) => {
          const row = single(r, clients);
          return row ? [[r.logEvents, row[side.key]]] : [];
        }),
      });
    }
  });
  return {
    file: 'append-by-history.svg',
    title: 'Appends/s against the log size',
    width: WIDTH,
    height: 420,
    option: { title, legend: { top: 64, itemGap: 24, data: sides.map((s) => s.name) }, grid, xAxis, yAxis, series },
  };
}

const connectionsAxis = (rows: ApiJson['commands']) => ({
  type: 'category',
  name: '连接数 connections',
  nameLocation: 'middle',
  nameGap: 32,
  data: rows.map((r) => String(r.connections)),
});

const apiSubtitle = (api: ApiJson) => `bench:api, RegisterResidence (a new worker and key per request)${api.at ? `, ${api.at.slice(0, 16).replace('T', ' ')} UTC` : ''}${api.seconds ? `, ${api.seconds} s per point` : ''}`;

/** A chart of the API's command runs against connections: the frame (b) and (c) share. */
function connectionsChart(api: ApiJson, file: string, title: string, heading: string, yName: string, series: (rows: ApiJson['commands']) => unknown[]): Chart {
  const rows = [...api.commands].sort((a, b) => a.connections - b.connections);
  return {
    file,
    title,
    width: WIDTH,
    height: 440,
    option: {
      title: { text: heading, subtext: apiSubtitle(api), left: 'center', textStyle: { fontSize: 16 } },
      legend: { top: 66, itemGap: 24 },
      grid: { left: 80, right: 40, top: 110, bottom: 60 },
      xAxis: connectionsAxis(rows),
      yAxis: { type: 'value', name: yName },
      series: series(rows),
    },
  };
}

/** (b) Command latency p50 and p99 against connections. */
export function latencyChart(api: ApiJson): Chart {
  const ms = (p: { value: [number, number] }) => `${p.value[1]} ms`;
  return connectionsChart(api, 'api-latency-by-connections.svg', 'Command latency against connections', '命令延迟 Command latency (p50, p99) against connections', '延迟 latency (ms)', (rows) => [
    { ...point('#2f4554'), name: 'p50', data: rows.map((r, i) => [i, r.p50]), label: { show: true, position: 'right', formatter: ms } },
    { ...point('#c23531'), name: 'p99', data: rows.map((r, i) => [i, r.p99]), label: { show: true, position: 'top', formatter: ms } },
  ]);
}

/** (c) Commands/s through HTTP beside the store's own appends/s, against connections. */
export function throughputChart(api: ApiJson): Chart {
  return connectionsChart(api, 'api-throughput-by-connections.svg', 'Commands/s and store appends/s against connections', '吞吐量 Commands/s and store appends/s against connections', '每秒 per second', (rows) => [
    { ...point('#c23531'), ...labelled('top'), name: 'commands/s 命令 (HTTP)', data: rows.map((r, i) => [i, r.commandsPerSecond]) },
    { ...point('#61a0a8'), ...labelled('top'), name: 'store appends/s 存储追加', data: rows.map((r, i) => [i, r.storeAppendsPerSecond]) },
  ]);
}

/** Every chart the JSON at hand allows, and why any other was not drawn. */
export function chartsFor(results: BenchResults): { charts: Chart[]; skipped: string[] } {
  const charts: Chart[] = [];
  const skipped: string[] = [];
  if (results.projections) charts.push(projectionsChart(results.projections));
  else skipped.push('projections-by-history.svg: no bench/results/projections.json (npm run bench:projections)');
  const append = results.append ? appendChart(results.append) : null;
  if (append) charts.push(append);
  else skipped.push('append-by-history.svg: no bench/results/append.json with the log size (npm run bench:append)');
  if (results.api) charts.push(latencyChart(results.api), throughputChart(results.api));
  else skipped.push('api-*-by-connections.svg: no bench/results/api.json (npm run bench:api)');
  return { charts, skipped };
}
