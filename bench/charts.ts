import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { argValue } from './support/city-history';
import { type BenchResults, chartsFor, renderSvg } from './support/charts';

/**
 * npm run bench:charts [-- --results DIR] [--out DIR]
 *
 * Reads the benches' JSON (bench/results/projections.json, append.json, api.json) and renders the
 * charts to SVG with ECharts on the server (bench/charts/*.svg): events/s against history size
 * (each read model's rebuild beside its floors; the store's appends beside its floor when
 * append.json holds runs at several log sizes), command latency p50/p99 and commands/s beside the
 * store's appends/s against connections. A chart whose JSON is missing is skipped, and said so.
 */
function main(): void {
  const resultsDir = argValue('results') ?? 'bench/results';
  const outDir = argValue('out') ?? 'bench/charts';
  const read = <T>(name: string): T | undefined => {
    const file = join(resultsDir, `${name}.json`);
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined;
  };
  const results: BenchResults = {
    projections: read('projections'),
    append: read('append'),
    api: read('api'),
  };
  const { charts, skipped } = chartsFor(results);
  mkdirSync(outDir, { recursive: true });
  for (const chart of charts) {
    const file = join(outDir, chart.file);
    writeFileSync(file, `${renderSvg(chart)}\n`);
    console.log(`written ${file} (${chart.title})`);
  }
  for (const reason of skipped) console.log(`skipped ${reason}`);
}

main();
