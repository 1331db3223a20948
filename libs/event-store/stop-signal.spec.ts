import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { StopSignal } from './stop-signal';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function liveHeap(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

const RACES = 100_000;
/** Holds the never-settling promise the way a long-lived runner does (a field). */
const held: Promise<unknown>[] = [];
const MIB = 1024 * 1024;

describe('StopSignal (issue 16: the heap grew per command)', () => {
  it('gives the promise’s value while running, and the stop value once stopped, also to a race already waiting', async () => {
    const signal = new StopSignal();
    expect(await signal.race(Promise.resolve(1), 'stopped')).toBe(1);
    const waiting = signal.race(new Promise<number>(() => undefined), 'stopped');
    signal.stop();
    expect(await waiting).toBe('stopped');
    expect(await signal.race(Promise.resolve(2), 'stopped')).toBe('stopped');
    await expect(new StopSignal().race(Promise.reject(new Error('x')), 'stopped')).rejects.toThrow('x');
  });

  it(`keeps the live heap flat across ${RACES.toLocaleString('en')} races, where Promise.race against a never-settling stop grows it`, async () => {
    const signal = new StopSignal();
    const before = liveHeap();
    for (let i = 0; i < RACES; i++) await signal.race(Promise.resolve(i), -1);
    const grownBySignal = liveHeap() - before;

    // The defect as it was: each race leaves a reaction on the stop promise.
    const never = new Promise<number>(() => undefined);
    held.push(never);
    const start = liveHeap();
    for (let i = 0; i < RACES; i++) await Promise.race([Promise.resolve(i), never]);
    const grownByRace = liveHeap() - start;

    expect(grownBySignal).toBeLessThan(1 * MIB);
    expect(grownByRace).toBeGreaterThan(5 * MIB);
    expect(held).toHaveLength(1);
  });
});
