import { UpcastError, UpcasterRegistry } from './upcasting';

describe('UpcasterRegistry', () => {
  const registry = () =>
    new UpcasterRegistry()
      .register('Thing', 1, (d) => ({ ...(d as object), b: 2 }))
      .register('Thing', 2, (d) => ({ ...(d as object), c: 3 }));

  it('chains steps from a stored v1 to the current v3', () => {
    expect(registry().upcast({ type: 'Thing', schemaVersion: 1, data: { a: 1 } })).toEqual({
      type: 'Thing',
      schemaVersion: 3,
      data: { a: 1, b: 2, c: 3 },
    });
  });

  it('passes types without upcasters through at v1', () => {
    expect(registry().upcast({ type: 'Other', schemaVersion: 1, data: { x: 1 } })).toEqual({
      type: 'Other',
      schemaVersion: 1,
      data: { x: 1 },
    });
  });

  it('refuses a gap in the chain and a version newer than the code', () => {
    const gappy = new UpcasterRegistry().declare('Gap', 3).register('Gap', 2, (d) => d);
    expect(() => gappy.upcast({ type: 'Gap', schemaVersion: 1, data: {} })).toThrow(UpcastError);
    expect(() => registry().upcast({ type: 'Thing', schemaVersion: 4, data: {} })).toThrow(/newer/);
  });

  it('merges per-context registries and refuses the same step twice', () => {
    const merged = new UpcasterRegistry().include(registry());
    expect(merged.currentVersion('Thing')).toBe(3);
    expect(() => merged.include(registry())).toThrow(/twice/);
  });
});
