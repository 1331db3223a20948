import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendChart, type BenchResults, chartsFor, latencyChart, projectionsChart, renderSvg, short, throughputChart } from '../../bench/support/charts';
import { writeRunsBySize } from '../../bench/support/results';

/** Small bench JSON in the shapes bench:projections, bench:append and bench:api write. */
const run = (events: number, rates: [string, number, number, number][]) => ({
  bench: 'projections',
  date: '2026-12-03T10:00:00.000Z',
  events,
  results: rates.map(([readModel, rebuild, server, client]) => ({
    readModel,
    rebuildEventsPerSecond: rebuild,
    serverFloorEventsPerSecond: server,
    clientFloorEventsPerSecond: client,
  })),
});
const projections = {
  ...run(30_000, [
    ['public_security', 15_610, 242_309, 23_696],
    ['hrss', 1_523, 12_552, 2_933],
  ]),
  runs: {
    '10000': run(10_000, [
      ['public_security', 46_144, 269_630, 49_841],
      ['hrss', 5_901, 24_990, 5_655],
    ]),
    '30000': run(30_000, [
      ['public_security', 15_610, 242_309, 23_696],
      ['hrss', 1_523, 12_552, 2_933],
    ]),
  },
};
const api = {
  bench: 'api',
  at: '2026-12-03T09:08:56.826Z',
  seconds: 10,
  commands: [
    { connections: 1, commandsPerSecond: 292.5, p50: 2, p99: 10, storeAppendsPerSecond: 2449.6 },
    { connections: 8, commandsPerSecond: 784.2, p50: 9, p99: 21, storeAppendsPerSecond: 5288.7 },
    { connections: 32, commandsPerSecond: 924, p50: 32, p99: 77, storeAppendsPerSecond: 5173.8 },
  ],
};
const appendRun = (logEvents: number, store: number, baseline: number) => ({
  bench: 'append',
  logEvents,
  rows: [
    { measurement: 'single-event appends, 1 client(s)', clients: 1, store, baseline, ratio: store / baseline },
    { measurement: 'readAll, pages of 1,000 (10/10 events)', clients: 1, store: 15_000, baseline: 24_000, ratio: 0.62 },
  ],
});
const append = { ...appendRun(100_000, 85, 130), runs: { '0': appendRun(0, 111, 152), '100000': appendRun(100_000, 85, 130) } };

/**
 * Well-formed XML, checked by hand (no parser in the dependencies): one root <svg>, every tag
 * closed in order, attributes quoted, no stray `>` or bare `&` in text (CDATA apart).
 */
function assertWellFormed(svg: string): void {
  const tag = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/y;
  const stack: string[] = [];
  let roots = 0;
  let i = 0;
  while (i < svg.length) {
    const lt = svg.indexOf('<', i);
    const text = svg.slice(i, lt === -1 ? svg.length : lt);
    expect(text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, '')).not.toMatch(/[&>]/);
    if (lt === -1) break;
    if (svg.startsWith('<![CDATA[', lt)) {
      const end = svg.indexOf(']]>', lt);
      expect(end).toBeGreaterThan(lt);
      i = end + 3;
      continue;
    }
    tag.lastIndex = lt;
    const m = tag.exec(svg);
    if (!m) throw new Error(`not a well-formed tag at ${lt}: ${svg.slice(lt, lt + 80)}`);
    const [, close, name, , selfClosing] = m;
    if (close) {
      expect(stack.pop()).toBe(name);
    } else if (!selfClosing) {
      if (stack.length === 0) roots++;
      stack.push(name!);
    } else if (stack.length === 0) {
      roots++;
    }
    i = tag.lastIndex;
  }
  expect(stack).toEqual([]);
  expect(roots).toBe(1);
  expect(svg.trimStart().startsWith('<svg')).toBe(true);
}

/** The SVG's drawn points: ECharts tags each data symbol with its series and data index. */
function pointsPerSeries(svg: string): Map<number, number[]> {
  const points = new Map<number, number[]>();
  for (const m of svg.matchAll(/<[^>]*ecmeta_ssr_type="chart"[^>]*>/g)) {
    const series = Number(/ecmeta_series_index="(\d+)"/.exec(m[0])![1]);
    const index = Number(/ecmeta_data_index="(\d+)"/.exec(m[0])![1]);
    points.set(series, [...(points.get(series) ?? []), index].sort((a, b) => a - b));
  }
  return points;
}

const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);

function assertSelfContained(svg: string): void {
  // Only references inside the document (clip paths: url(#zr0-c0)); no font, image, script or stylesheet from elsewhere.
  expect(svg).not.toMatch(/url\((?!#)|href="(?!#)|@import|@font-face|<image|<script|<foreignObject/i);
  expect([...svg.matchAll(/https?:\/\/[^"\s]*/g)].map((m) => m[0]).sort()).toEqual(['http://www.w3.org/1999/xlink', 'http://www.w3.org/2000/svg']);
}

describe('bench charts (npm run bench:charts)', () => {
  it('draws each read model’s rebuild and both floors against history size: one point per run and read model', () => {
    const svg = renderSvg(projectionsChart(projections));
    assertWellFormed(svg);
    assertSelfContained(svg);
    // 2 read models × 3 lines (rebuild, client floor, server floor), each with a point at 10,000 and 30,000 events.
    expect([...pointsPerSeries(svg).entries()]).toEqual([
      [0, [0, 1]],
      [1, [0, 1]],
      [2, [0, 1]],
      [3, [0, 1]],
      [4, [0, 1]],
      [5, [0, 1]],
    ]);
    const t = texts(svg);
    for (const label of ['46.1k', '15.6k', '5.9k', '1.5k', '270k', '242k', '49.8k', '2.9k']) expect(t).toContain(label);
    expect(t).toEqual(expect.arrayContaining(['public_security', 'hrss', '历史大小 history size (events)', '事件/秒 events/s']));
  });

  it('draws p50 and p99 latency against connections: one point per connection count', () => {
    const svg = renderSvg(latencyChart(api));
    assertWellFormed(svg);
    assertSelfContained(svg);
    expect([...pointsPerSeries(svg).entries()]).toEqual([
      [0, [0, 1, 2]],
      [1, [0, 1, 2]],
    ]);
    const t = texts(svg);
    expect(t).toEqual(expect.arrayContaining(['2 ms', '9 ms', '32 ms', '10 ms', '21 ms', '77 ms', '连接数 connections', '延迟 latency (ms)', '1', '8', '32']));
  });

  it('draws commands/s beside the store’s appends/s against connections', () => {
    const svg = renderSvg(throughputChart(api));
    assertWellFormed(svg);
    assertSelfContained(svg);
    expect([...pointsPerSeries(svg).entries()]).toEqual([
      [0, [0, 1, 2]],
      [1, [0, 1, 2]],
    ]);
    expect(texts(svg)).toEqual(expect.arrayContaining(['293', '784', '924', '2.4k', '5.3k', '5.2k', '连接数 connections', '每秒 per second']));
  });

  it('draws the store’s single-event appends beside its floor against the log size, and skips a file without sizes', () => {
    const chart = appendChart(append)!;
    const svg = renderSvg(chart);
    assertWellFormed(svg);
    assertSelfContained(svg);
    // One client count: the store's line and the floor's, each at 0 and 100,000 events; readAll is not a single-event row.
    expect([...pointsPerSeries(svg).entries()]).toEqual([
      [0, [0, 1]],
      [1, [0, 1]],
    ]);
    expect(texts(svg)).toEqual(expect.arrayContaining(['111', '85', '152', '130', '日志大小 log size (events)', '追加/秒 appends/s']));
    expect(appendChart({ rows: append.rows })).toBeNull();
  });

  it('says which charts it could not draw', () => {
    const results: BenchResults = { api };
    const { charts, skipped } = chartsFor(results);
    expect(charts.map((c) => c.file)).toEqual(['api-latency-by-connections.svg', 'api-throughput-by-connections.svg']);
    expect(skipped).toEqual([
      'projections-by-history.svg: no bench/results/projections.json (npm run bench:projections)',
      'append-by-history.svg: no bench/results/append.json with the log size (npm run bench:append)',
    ]);
  });

  it('labels rates in short form', () => {
    expect([849, 1_523, 5_600, 46_144, 386_036, 1_000_000, 2_450_000, 7.25].map(short)).toEqual(['849', '1.5k', '5.6k', '46.1k', '386k', '1M', '2.5M', '7.3']);
  });
});

describe('bench results kept by history size', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bench-results-'));
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a run per size, replaces a run at the same size, and takes in a file written before runs were kept', () => {
    const file = join(dir, 'projections.json');
    const legacy = run(998_035, [['hrss', 849, 10_679, 1_771]]);
    writeFileSync(file, JSON.stringify(legacy));
    const size = (old: Record<string, unknown>) => (typeof old.events === 'number' ? old.events : undefined);

    writeRunsBySize(file, 30_000, run(30_000, [['hrss', 1_000, 12_000, 2_000]]), size);
    writeRunsBySize(file, 10_000, run(10_000, [['hrss', 5_000, 25_000, 5_500]]), size);
    writeRunsBySize(file, 30_000, run(30_000, [['hrss', 1_523, 12_552, 2_933]]), size);

    const doc = JSON.parse(readFileSync(file, 'utf8'));
    expect(doc.events).toBe(30_000);
    expect(doc.results[0].rebuildEventsPerSecond).toBe(1_523);
    expect(Object.keys(doc.runs)).toEqual(['10000', '30000', '998035']);
    expect(Object.values(doc.runs).map((r) => (r as { results: { rebuildEventsPerSecond: number }[] }).results[0]!.rebuildEventsPerSecond)).toEqual([5_000, 1_523, 849]);
    expect(doc.runs['30000'].runs).toBeUndefined();
  });
});
