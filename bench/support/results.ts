import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname } from 'node:path';

/**
 * What every bench's JSON under bench/results/ says about where it ran: the machine, and the load
 * average (1, 5 and 15 minutes) before and after the run, since the machine is often shared.
 */
export interface Machine {
  cpus: number;
  cpu: string | null;
  memoryGiB: number;
  node: string;
}

export function machine(): Machine {
  return { cpus: cpus().length, cpu: cpus()[0]?.model ?? null, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
}

export const loadAverage = (): number[] => loadavg().map((n) => Number(n.toFixed(2)));

/** Writes `doc` as indented JSON, making the folder if needed. */
export function writeResults(file: string, doc: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
  console.log(`written ${file}`);
}

/**
 * Writes a bench whose figures depend on the history's size: the latest run at the top level (as
 * before, so a reader of the old shape still finds it), and under `runs` every run kept by its
 * size in events, so a run at one size does not overwrite the runs at other sizes (the charts
 * draw one point per size). `legacySize` reads the size from a file written before `runs` was
 * kept, which is then taken in as a run of its own.
 */
export function writeRunsBySize<T extends object>(file: string, size: number, run: T, legacySize?: (old: Record<string, unknown>) => number | undefined): void {
  let runs: Record<string, unknown> = {};
  if (existsSync(file)) {
    try {
      const old = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      if (old.runs && typeof old.runs === 'object') {
        runs = { ...(old.runs as Record<string, unknown>) };
      } else if (legacySize) {
        const oldSize = legacySize(old);
        if (oldSize !== undefined) runs[String(oldSize)] = old;
      }
    } catch {
      console.log(`${file} could not be read as JSON; its earlier runs are not kept`);
    }
  }
  runs[String(size)] = run;
  const sorted = Object.fromEntries(Object.entries(runs).sort(([a], [b]) => Number(a) - Number(b)));
  writeResults(file, { ...run, runs: sorted });
}
