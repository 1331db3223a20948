import { Readable } from 'node:stream';
import { validate } from 'class-validator';
import { ConfigurationError } from '@ledger/config';
import { parseIfMatch, formatETag } from '../../apps/api/src/conventions/etag';
import {
  idNumberCheckCharacter,
  idNumberProblem,
  IsChineseIdNumber,
  IsFen,
  IsIsoDate,
  maskIdNumber,
  maskIdNumbersFor,
  RateLimiter,
  rateLimitFromEnv,
} from '../../apps/api/src/security';

class Person {
  @IsChineseIdNumber() idNumber!: unknown;
}
class Payment {
  @IsIsoDate() paidOn!: unknown;
  @IsFen() amountFen!: unknown;
}

const errorsOf = async (object: object) => (await validate(object)).flatMap((e) => Object.values(e.constraints ?? {}));
const person = (idNumber: unknown) => Object.assign(new Person(), { idNumber });
const payment = (paidOn: unknown, amountFen: unknown) => Object.assign(new Payment(), { paidOn, amountFen });
/** A valid number for a birth date and region: the check character computed, not copied. */
const withCheck = (first17: string) => first17 + idNumberCheckCharacter(first17);

describe('maskIdNumber', () => {
  it('keeps the first four and last four characters', () => {
    expect(maskIdNumber('310101199001011234')).toBe('3101**********1234');
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
  });

  it('masks a short value whole rather than show most of it', () => {
    expect(maskIdNumber('12345678')).toBe('********');
  });

  it('masks for every department but the worker stream’s owners', () => {
    const body = {
      a: [{ idNumber: '310101199001011234', parentIdNumber: '11010519491231002X', n: 1 }],
      idNumber: null,
    };
    expect(maskIdNumbersFor('education', body)).toEqual({
      a: [{ idNumber: '3101**********1234', parentIdNumber: '1101**********002X', n: 1 }],
      idNumber: null,
    });
    expect(maskIdNumbersFor('residence-office', body)).toBe(body);
    expect(maskIdNumbersFor('public-security', body)).toBe(body);
    expect(maskIdNumbersFor(undefined, { idNumber: '310101199001011234' })).toEqual({ idNumber: '3101**********1234' });
  });

  it('leaves what has no ID number as it is: the same object, a stream, a cycle', () => {
    const plain = { a: [{ b: 1 }], when: new Date(0) };
    expect(maskIdNumbersFor('education', plain)).toBe(plain);
    const stream = Readable.from(['x']);
    expect(maskIdNumbersFor('education', { data: stream }).data).toBe(stream);
    const cyclic: Record<string, unknown> = { idNumber: '310101199001011234' };
    cyclic.self = cyclic;
    expect(maskIdNumbersFor('education', cyclic)).toMatchObject({ idNumber: '3101**********1234' });
  });

  it('keeps a class instance’s prototype when it masks it', () => {
    class Summary {
      constructor(readonly idNumber: string) {}
      get masked() {
        return true;
      }
    }
    const out = maskIdNumbersFor('health', new Summary('310101199001011234'));
    expect(out).toBeInstanceOf(Summary);
    expect(out.idNumber).toBe('3101**********1234');
  });
});

describe('@IsChineseIdNumber (GB 11643)', () => {
  it.each(['11010519491231002X', '440524188001010014', withCheck('31010119900101123'), withCheck('51040220000229001')])(
    'accepts %s',
    async (id) => {
      expect(await errorsOf(person(id))).toEqual([]);
    },
  );

  it('refuses a wrong check digit', async () => {
    expect(idNumberProblem('110105194912310021')).toBe('check-digit');
    expect(await errorsOf(person('110105194912310021'))).toEqual(['idNumber has the wrong check digit (GB 11643)']);
  });

  it.each([
    ['19900230', '30 February'],
    ['19901301', 'month 13'],
    ['20230229', '29 February of a common year'],
    ['17991231', 'before 1800'],
    ['29990101', 'in the future'],
  ])('refuses a birth date %s (%s), even with a matching check digit', async (birth) => {
    const id = withCheck(`310101${birth}123`);
    expect(idNumberProblem(id)).toBe('birth-date');
    expect(await errorsOf(person(id))).toEqual(['idNumber does not contain a real birth date']);
  });

  it.each([
    '11010519491231002x',
    '1101051949123100',
    '11010519491231002XX',
    'A1010519491231002X',
    110105194912310020,
    null,
  ])('refuses the malformed %p', async (id) => {
    expect(idNumberProblem(id)).toBe('format');
    expect(await errorsOf(person(id))).toHaveLength(1);
  });

  it('refuses a number with no province code', () => {
    expect(idNumberProblem(withCheck('00010119900101123'))).toBe('region');
    expect(idNumberProblem(withCheck('99010119900101123'))).toBeNull();
  });
});

describe('@IsIsoDate and @IsFen', () => {
  it('accept a real date and whole non-negative fen', async () => {
    expect(await errorsOf(payment('2024-02-29', 0))).toEqual([]);
    expect(await errorsOf(payment('2024-12-31', Number.MAX_SAFE_INTEGER))).toEqual([]);
  });

  it.each(['2023-02-29', '2024-04-31', '2024-1-01', '20240101', '2024-01-01T00:00:00Z', 20240101, ''])(
    'refuse the date %p',
    async (date) => {
      expect(await errorsOf(payment(date, 1))).toEqual(['paidOn must be a real calendar date written YYYY-MM-DD']);
    },
  );

  it.each([-1, 1.5, '100', Number.MAX_SAFE_INTEGER + 1, Number.NaN, Infinity, null])(
    'refuse the amount %p',
    async (amount) => {
      expect(await errorsOf(payment('2024-01-01', amount))).toEqual([
        'amountFen must be a non-negative whole number of fen',
      ]);
    },
  );
});

describe('If-Match and ETag', () => {
  it('formats the revision as a strong entity tag', () => {
    expect(formatETag(3)).toBe('"3"');
  });

  it('parses "3" and W/"3" as revision 3 and no header as none', () => {
    expect(parseIfMatch('"3"')).toBe(3);
    expect(parseIfMatch('W/"3"')).toBe(3);
    expect(parseIfMatch(' "0" ')).toBe(0);
    expect(parseIfMatch(undefined)).toBeUndefined();
  });

  it.each(['3', '"03"', '"-1"', '"3.0"', '*', '"3", "4"', '', 'W/3', '"99999999999999999"'])(
    'is a 400 for %p',
    (header) => {
      expect(() => parseIfMatch(header)).toThrow(
        expect.objectContaining({ body: expect.objectContaining({ status: 400, header: 'If-Match' }) }),
      );
    },
  );
});

describe('the rate limiter', () => {
  it('spends the burst, then refills at the rate, per credential', () => {
    let now = 0;
    const limiter = new RateLimiter({ ratePerSecond: 2, burst: 3, now: () => now });
    expect([1, 2, 3].map(() => limiter.take('a').ok)).toEqual([true, true, true]);
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(limiter.take('b').ok).toBe(true);
    now = 499;
    expect(limiter.take('a').ok).toBe(false);
    now = 500;
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a').ok).toBe(false);
  });

  it('says how long until a token at a slow rate', () => {
    let now = 0;
    const limiter = new RateLimiter({ ratePerSecond: 0.1, burst: 1, now: () => now });
    expect(limiter.take('a').ok).toBe(true);
    now = 1000;
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 9 });
  });
});

describe('rateLimitFromEnv', () => {
  it('defaults to 50 a second, burst 100, and reads the environment', () => {
    expect(rateLimitFromEnv({})).toEqual({ ratePerSecond: 50, burst: 100 });
    expect(rateLimitFromEnv({ LEDGER_RATE_LIMIT_PER_SECOND: '5000', LEDGER_RATE_LIMIT_BURST: '10000' })).toEqual({
      ratePerSecond: 5000,
      burst: 10000,
    });
  });

  it('refuses a value that is not a positive number', () => {
    expect(() => rateLimitFromEnv({ LEDGER_RATE_LIMIT_PER_SECOND: 'lots' })).toThrow(/LEDGER_RATE_LIMIT_PER_SECOND/);
    expect(() => rateLimitFromEnv({ LEDGER_RATE_LIMIT_BURST: '0' })).toThrow(ConfigurationError);
  });
});
