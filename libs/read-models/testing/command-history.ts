import { addDays } from '@ledger/kernel';
import { HISTORY, type Step } from './history';

/** mulberry32, as generate.ts: the same seed gives the same history. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The ids HISTORY names, renamed in each copy so copies never share a stream. */
const IDS = ['w-zhang', 'w-li', 'w-wang', 'c-1', 'c-2', 't-1', 't-2', 'a-1', 'p-1', 'e-1', 'e-2', 'L-1', 'SK-1', 'SK-2', 's-renhe-1'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function rewrite(value: unknown, suffix: string, shift: number): unknown {
  if (typeof value === 'string') {
    if (IDS.includes(value)) return `${value}-${suffix}`;
    return DATE.test(value) ? addDays(value, shift) : value;
  }
  if (Array.isArray(value)) return value.map((v) => rewrite(v, suffix, shift));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v, suffix, shift)]));
  return value;
}

/**
 * A history of real commands, every event decided by the domains' deciders through
 * `executeCommand` (buildHistory runs it), unlike generateHistory's events written straight to
 * the store: `copies` copies of HISTORY (three workers, two children: permits with 签注 and a
 * lapse, contributions and transfers, rental, a home, points, unemployment, schooling), each
 * with its own ids and every date moved by 0–20 days, chosen by the seed.
 */
export function generateCommandSteps(options: { copies: number; seed: number }): Step[] {
  const rand = prng(options.seed);
  const steps: Step[] = [];
  for (let n = 0; n < options.copies; n++) {
    const shift = Math.floor(rand() * 21);
    const suffix = `g${options.seed.toString(36)}${n}`;
    for (const [today, type, subjectId, data, extra] of HISTORY) {
      steps.push([
        addDays(today, shift),
        type,
        `${subjectId}-${suffix}`,
        rewrite(data, suffix, shift) as Record<string, unknown>,
        ...(extra ? [rewrite(extra, suffix, shift) as Step[4]] : []),
      ] as Step);
    }
  }
  return steps;
}
