import {
  CompactRange,
  consistencyProof,
  inclusionPath,
  leafHash,
  MapSource,
  naiveRoot,
  NodeSource,
  rootHash,
  verifyConsistency,
  verifyInclusion,
} from './merkle';

// The eight-leaf test vectors published with RFC 6962's reference implementation (the hashing
// RFC 9162 keeps): leaf inputs, the root after each leaf, and some of its proofs.
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(
  (h) => Buffer.from(h, 'hex'),
);
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

/** The stored-subtree source the PostgreSQL log keeps, built here in memory leaf by leaf. */
function buildSource(entries: readonly Buffer[]): NodeSource {
  const nodes = new Map<string, Buffer>();
  const range = new CompactRange();
  for (const e of entries) for (const n of range.append(leafHash(e))) nodes.set(`${n.level}/${n.index}`, n.hash);
  return new MapSource(nodes);
}

const hex = (bs: Buffer[]) => bs.map((b) => b.toString('hex'));

describe('the verifiable log’s hashing (RFC 9162 §2.1)', () => {
  const src = buildSource(LEAVES);

  it('gives the published root for each size from 1 to 8, stored-subtree, incremental and naive alike', () => {
    const range = new CompactRange();
    const pushed = new CompactRange(); // the verifier's path: no completed subtrees returned
    for (let n = 1; n <= 8; n++) {
      range.append(leafHash(LEAVES[n - 1]!));
      pushed.push(leafHash(LEAVES[n - 1]!));
      expect(rootHash(src, n).toString('hex')).toBe(ROOTS[n - 1]);
      expect(range.root().toString('hex')).toBe(ROOTS[n - 1]);
      expect(pushed.root().toString('hex')).toBe(ROOTS[n - 1]);
      expect(naiveRoot(LEAVES.slice(0, n)).toString('hex')).toBe(ROOTS[n - 1]);
    }
  });

  it('gives the published inclusion proofs in the eight-leaf tree', () => {
    expect(hex(inclusionPath(src, 0, 8))).toEqual([
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
    expect(hex(inclusionPath(src, 5, 8))).toEqual([
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
    expect(inclusionPath(src, 0, 1)).toEqual([]);
  });

  it('gives the published consistency proofs in the eight-leaf tree', () => {
    expect(hex(consistencyProof(src, 1, 8))).toEqual([
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
    expect(hex(consistencyProof(src, 6, 8))).toEqual([
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
    expect(hex(consistencyProof(src, 2, 5))).toEqual([
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ]);
  });

  it('proves and verifies every leaf and every pair of sizes up to 70 leaves, against the naive root', () => {
    const entries = Array.from({ length: 70 }, (_, i) => Buffer.from(`event-${i}`));
    const big = buildSource(entries);
    for (let n = 1; n <= entries.length; n++) {
      const root = naiveRoot(entries.slice(0, n));
      expect(rootHash(big, n).equals(root)).toBe(true);
      for (let m = 0; m < n; m++) {
        const path = inclusionPath(big, m, n);
        expect(verifyInclusion(m, n, leafHash(entries[m]!), path, root)).toBe(true);
        // the same proof for a neighbour, another size, or another root fails
        expect(verifyInclusion(m, n, leafHash(entries[(m + 1) % n]!), path, root)).toBe(n === 1);
        if (n < entries.length) {
          expect(verifyInclusion(m, n + 1, leafHash(entries[m]!), path, naiveRoot(entries.slice(0, n + 1)))).toBe(false);
        }
      }
      for (let m = 1; m <= n; m++) {
        const proof = consistencyProof(big, m, n);
        const first = naiveRoot(entries.slice(0, m));
        expect(verifyConsistency(m, n, first, root, proof)).toBe(true);
        if (m < n) {
          const other = naiveRoot([...entries.slice(0, m - 1), Buffer.from('forged')]);
          expect(verifyConsistency(m, n, other, root, proof)).toBe(false);
        }
      }
    }
  });

  it('refuses a leaf index outside the tree and a consistency proof that shrinks', () => {
    const root = Buffer.from(ROOTS[7]!, 'hex');
    expect(verifyInclusion(8, 8, leafHash(LEAVES[0]!), [], root)).toBe(false);
    expect(verifyConsistency(8, 7, root, root, [])).toBe(false);
    expect(verifyConsistency(3, 8, Buffer.from(ROOTS[2]!, 'hex'), root, [])).toBe(false);
    expect(() => inclusionPath(src, 8, 8)).toThrow(RangeError);
  });
});
