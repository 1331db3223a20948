import fc from 'fast-check';
import canonicalize from 'canonicalize';
import { canonicalJsonOf } from './canonical-json';
import { InvalidAppend } from './errors';

describe('canonical JSON (RFC 8785) on the append path', () => {
  it('gives the same text as the reference implementation for any JSON value', () => {
    const json = fc.jsonValue({ maxDepth: 4 }).filter((v) => !JSON.stringify(v).includes('\\u0000'));
    fc.assert(
      fc.property(json, (value) => {
        expect(canonicalJsonOf(value, 'data')).toBe(canonicalize(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('sorts keys by UTF-16 code units, as JCS does, not by locale', () => {
    expect(canonicalJsonOf({ b: 1, a: 2, é: 3, Z: 4, '\u{1F600}': 5, '\uFB33': 6 }, 'data')).toBe(
      canonicalize({ b: 1, a: 2, é: 3, Z: 4, '\u{1F600}': 5, '\uFB33': 6 }),
    );
  });

  it.each([
    ['a function', { f: () => 1 }],
    ['undefined', { u: undefined }],
    ['a BigInt', { n: 1n }],
    ['NaN', { n: Number.NaN }],
    ['Infinity', [Number.POSITIVE_INFINITY]],
    ['a Date', { d: new Date(0) }],
    ['a Map', { m: new Map() }],
    ['\\u0000 in a string', { s: 'a\u0000' }],
    ['a lone surrogate', { s: '\ud800' }],
  ])('refuses %s', (_name, value) => {
    expect(() => canonicalJsonOf(value, 'data')).toThrow(InvalidAppend);
  });

  it('refuses circular data', () => {
    const data: Record<string, unknown> = {};
    data.self = data;
    expect(() => canonicalJsonOf(data, 'data')).toThrow(/circular/);
  });
});
