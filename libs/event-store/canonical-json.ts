import canonicalize from 'canonicalize';
import { InvalidAppend } from './errors';

// JSON text PostgreSQL cannot store in jsonb, and that has no stable meaning when hashed.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * RFC 8785 (JCS) text of a plain JSON value, validating it in the same pass. JCS equals
 * JSON.stringify once every object's keys are sorted by UTF-16 code units (same number and
 * string forms), so the native serialiser does the work and a replacer sorts keys only where
 * needed and refuses what is not plain JSON. A property test holds it to the `canonicalize`
 * package, the reference implementation; this is the hot path of every append.
 */
const INTEGER_KEY = /^(0|[1-9]\d*)$/;
/** Thrown inside the replacer when only the reference implementation can order an object. */
const NEEDS_REFERENCE = Symbol('needs-reference');

export function canonicalJsonOf(value: unknown, path: string): string {
  try {
    return serialise(value, path, true);
  } catch (error) {
    if (error !== NEEDS_REFERENCE) throw error;
    // Integer-like keys always enumerate first in JavaScript, so no object can hold them in
    // code-unit order after other keys: validate, then let the reference implementation order.
    serialise(value, path, false);
    return canonicalize(value) as string;
  }
}

function serialise(value: unknown, path: string, sortKeys: boolean): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value, function replacer(this: Record<string, unknown>, key: string, v: unknown) {
      // Built only for an error message: this runs for every value of every append.
      const at = () => (key === '' ? path : `${path}…${key}`);
      // JSON.stringify has already called toJSON (a Date arrives as a string): judge the original.
      const original = this[key];
      if (typeof original === 'object' && original !== null && !Array.isArray(original)) {
        const proto = Object.getPrototypeOf(original);
        if (proto !== Object.prototype && proto !== null) {
          throw new InvalidAppend(at(), 'must be a plain JSON object (no Date, Map or class instance)');
        }
      }
      switch (typeof v) {
        case 'string':
          if (UNSTORABLE.test(v)) throw new InvalidAppend(at(), 'contains \\u0000 or a lone surrogate');
          return v;
        case 'number':
          if (!Number.isFinite(v)) throw new InvalidAppend(at(), 'numbers must be finite');
          return v;
        case 'boolean':
          return v;
        case 'object': {
          if (v === null || Array.isArray(v)) return v;
          const keys = Object.keys(v);
          let sorted = true;
          let integerKeys = false;
          for (let i = 0; i < keys.length; i++) {
            if (UNSTORABLE.test(keys[i]!)) throw new InvalidAppend(at(), 'a key contains \\u0000 or a lone surrogate');
            if (i > 0 && keys[i - 1]! > keys[i]!) sorted = false;
            if (INTEGER_KEY.test(keys[i]!)) integerKeys = true;
          }
          if (sorted || !sortKeys) return v;
          if (integerKeys) throw NEEDS_REFERENCE;
          // Null prototype: a "__proto__" key must stay a key, not become the prototype.
          const out: Record<string, unknown> = Object.create(null);
          for (const k of keys.sort()) out[k] = (v as Record<string, unknown>)[k];
          return out;
        }
        default:
          // undefined, function, symbol, bigint: JSON.stringify would drop or throw; refuse plainly.
          throw new InvalidAppend(at(), `${typeof v} is not JSON`);
      }
    });
  } catch (error) {
    if (error instanceof InvalidAppend || error === NEEDS_REFERENCE) throw error;
    throw new InvalidAppend(path, /circular/i.test(String(error)) ? 'is circular' : String((error as Error).message));
  }
  if (text === undefined) throw new InvalidAppend(path, 'is not JSON');
  return text;
}
