import { leafHash, nodeHash, sha256 } from './offline/verify-bundle';

export { leafHash, nodeHash, verifyConsistency, verifyInclusion } from './offline/verify-bundle';

/**
 * RFC 9162 §2.1 over a tree whose perfect subtrees are stored: `node(level, index)` is the hash
 * of the 2^level leaves from index·2^level. Every range the RFC's recursions (MTH, PATH, PROOF)
 * visit is either such a subtree or splits at the largest power of two below its size, so a
 * proof needs O(log n) stored nodes and never the leaves.
 */
export interface NodeSource {
  node(level: number, index: number): Buffer;
}

export const EMPTY_ROOT = sha256();

/** The largest power of two smaller than n (n ≥ 2). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && (BigInt(n) & (BigInt(n) - 1n)) === 0n;
}

/** MTH(D[start:end]). */
export function rangeHash(src: NodeSource, start: number, end: number): Buffer {
  const size = end - start;
  if (size <= 0) return EMPTY_ROOT;
  if (isPowerOfTwo(size) && start % size === 0) return src.node(Math.log2(size), start / size);
  const k = split(size);
  return nodeHash(rangeHash(src, start, start + k), rangeHash(src, start + k, end));
}

export function rootHash(src: NodeSource, size: number): Buffer {
  return rangeHash(src, 0, size);
}

/** PATH(m, D[n]) of RFC 9162 §2.1.3.1, leaf side first. */
export function inclusionPath(src: NodeSource, index: number, size: number): Buffer[] {
  if (index < 0 || index >= size) throw new RangeError(`leaf ${index} is not in a tree of size ${size}`);
  const path: Buffer[] = [];
  const walk = (m: number, start: number, end: number): void => {
    const n = end - start;
    if (n === 1) return;
    const k = split(n);
    if (m < k) {
      walk(m, start, start + k);
      path.push(rangeHash(src, start + k, end));
    } else {
      walk(m - k, start + k, end);
      path.push(rangeHash(src, start, start + k));
    }
  };
  walk(index, 0, size);
  return path;
}

/** PROOF(m, D[n]) of RFC 9162 §2.1.4.1. */
export function consistencyProof(src: NodeSource, first: number, second: number): Buffer[] {
  if (first < 0 || first > second) throw new RangeError(`no consistency proof from size ${first} to ${second}`);
  if (first === 0 || first === second) return [];
  const proof: Buffer[] = [];
  const sub = (m: number, start: number, end: number, whole: boolean): void => {
    const n = end - start;
    if (m === n) {
      if (!whole) proof.push(rangeHash(src, start, end));
      return;
    }
    const k = split(n);
    if (m <= k) {
      sub(m, start, start + k, whole);
      proof.push(rangeHash(src, start + k, end));
    } else {
      sub(m - k, start + k, end, false);
      proof.push(rangeHash(src, start, start + k));
    }
  };
  sub(first, 0, second, true);
  return proof;
}

/** The stored nodes a computation visits: run it once against this, fetch them, run it again. */
export class RecordingSource implements NodeSource {
  readonly keys = new Map<string, [number, number]>();
  node(level: number, index: number): Buffer {
    this.keys.set(`${level}/${index}`, [level, index]);
    return EMPTY_ROOT;
  }
}

export class MapSource implements NodeSource {
  constructor(private readonly nodes: Map<string, Buffer>) {}
  node(level: number, index: number): Buffer {
    const hash = this.nodes.get(`${level}/${index}`);
    if (!hash) throw new Error(`the log has no node ${level}/${index}`);
    return hash;
  }
}

/**
 * The right edge of a tree being built leaf by leaf (one perfect subtree per bit of the size):
 * O(log n) memory, and the root at any moment. The verifier recomputes the whole log with it.
 */
export class CompactRange {
  private readonly stack: { level: number; hash: Buffer }[] = [];
  size = 0;

  /** Adds a leaf hash; returns the perfect subtrees it completed, lowest first. */
  append(leaf: Buffer): { level: number; index: number; hash: Buffer }[] {
    const completed = [{ level: 0, index: this.size, hash: leaf }];
    this.add(leaf, completed);
    return completed;
  }

  /** Adds a leaf hash, keeping only the right edge (the verifier's hot path: nothing to return). */
  push(leaf: Buffer): void {
    this.add(leaf);
  }

  private add(leaf: Buffer, completed?: { level: number; index: number; hash: Buffer }[]): void {
    let level = 0;
    let hash = leaf;
    let index = this.size;
    const stack = this.stack;
    while (stack.length > 0 && stack[stack.length - 1]!.level === level) {
      hash = nodeHash(stack.pop()!.hash, hash);
      level++;
      index = Math.floor(index / 2);
      completed?.push({ level, index, hash });
    }
    stack.push({ level, hash });
    this.size++;
  }

  root(): Buffer {
    if (this.stack.length === 0) return EMPTY_ROOT;
    let r = this.stack[this.stack.length - 1]!.hash;
    for (let i = this.stack.length - 2; i >= 0; i--) r = nodeHash(this.stack[i]!.hash, r);
    return r;
  }
}

/** The naive MTH of RFC 9162 §2.1.1 over every leaf's input, for tests to compare against. */
export function naiveRoot(entries: readonly Buffer[]): Buffer {
  if (entries.length === 0) return EMPTY_ROOT;
  if (entries.length === 1) return leafHash(entries[0]!);
  const k = split(entries.length);
  return nodeHash(naiveRoot(entries.slice(0, k)), naiveRoot(entries.slice(k)));
}
