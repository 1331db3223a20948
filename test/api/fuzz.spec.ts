import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { COMMAND_ROUTES } from '../../apps/api/src/routes/commands/command-routes';
import { DEPARTMENT_NAMES, hasScope, lawfulScopes, type ApiDepartment } from '../../apps/api/src/security';
import { fillPath, startApiHarness, type ApiHarness, type ApiResponse, type DeclaredRoute } from '../support/api-harness';
import { committedHead } from '../support/committed-head';

/**
 * Issue 6 item 6: thousands of random and malformed requests across every route, with valid
 * credentials, one at a time. For each: no 5xx; every error is application/problem+json; a
 * rejected (4xx) request leaves the store's head where it was. At the end /health answers 200.
 * FUZZ_RUNS (default 2,400) and FUZZ_SEED reproduce a run.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 2400);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

/** One request the fuzzer sends. */
interface FuzzRequest {
  method: string;
  path: string;
  token: ApiDepartment | 'none' | 'garbage';
  key: string | null;
  ifMatch?: string;
  contentType: string | null;
  body?: string;
  /** A huge body, described rather than carried (it is built at send time). */
  hugeBytes?: number;
}

interface Violation {
  rule: string;
  request: FuzzRequest;
  status: number;
  contentType: string | null;
  text: string;
}

const braces = (expressPath: string) => expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
const COMMAND_BY_PATH = new Map(COMMAND_ROUTES.map((r) => [r.path, r]));

// ── strings that have broken parsers, validators and PostgreSQL before ─────────────────────────
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\ud83d',
  '😀',
  '\u202e',
  '\ufeff',
  '\\',
  '"',
  "'; DROP TABLE events; --",
  '${jndi:ldap://x}',
  '__proto__',
  'constructor',
  '9'.repeat(400),
  '2024-02-30',
  '2024-13-01',
  '0000-00-00',
  '-1',
  '1e400',
  'NaN',
  '11010519491231002X',
  '110105194912310021',
  // issue 9 item 7: hidden and look-alike characters, decomposed forms, facts dated ahead
  '张\u200b伟',
  '\u2066张伟\u2069',
  'Zh\u0430ng',
  '张Вэй',
  'Lu\u0308',
  '\u2028',
  '2099-01-01',
  '2026-11-25',
];
const nastyString = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ maxLength: 2000 }),
);

/** Any JSON-ish value, including what JSON cannot round-trip (lone surrogates, \u0000). */
const wildValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1.5, 2 ** 53, -(2 ** 63), 1e308, true, false, null),
  fc.constant([]),
  fc.constant({}),
  fc.array(nastyString, { maxLength: 3 }),
  fc.dictionary(nastyString, nastyString, { maxKeys: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Path parameter values: valid ids, ids just outside the pattern, and odd characters. */
const pathParam = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('w-1', 'w-2', 'c-1', 'e-1', 'worker-w-1', 'residence-permit-w-1') },
  { weight: 2, arbitrary: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,70}$/) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '%00',
      '%',
      '%zz',
      '%C0%AF',
      '%ED%A0%80',
      '..',
      '.',
      '%2F',
      '%2e%2e',
      'a%20b',
      '%F0%9F%98%80',
      'x'.repeat(65),
      'x'.repeat(5000),
      '-',
      '_x',
      ':',
      '%E2%80%AE',
      'a;b',
      'a,b',
      '~',
    ),
  },
  { weight: 2, arbitrary: nastyString.map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '?'))) },
);

const QUERIES = [
  '',
  '',
  '',
  '?limit=abc',
  '?limit=-1',
  '?limit=0',
  '?limit=1000000',
  '?after=-1',
  '?after=abc',
  '?after=99999999999999999999',
  '?after=9007199254740991',
  '?fromRevision=-1',
  '?fromRevision=x',
  '?fromRevision=9007199254740993',
  '?asOf=2024-02-30',
  '?asOf=not-a-date',
  '?knownAt=yesterday',
  '?wait=abc',
  '?wait=-5',
  '?limit=1&limit=2',
  '?__proto__=1',
  '?cursor=%00',
  '?status=%ED%A0%80',
  '?decision=nope',
];

/** Garbled JSON: truncated, trailing commas, comments, non-JSON literals. */
const MALFORMED_JSON = [
  '{',
  '{"a":',
  '{"a":1,}',
  '[1,2',
  "{'a':1}",
  '{"a":1} // c',
  'nul',
  'undefined',
  'NaN',
  '{"a":"\\x41"}',
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  '"\\u0000"',
  '{"__proto__":{"polluted":1}}',
  '{"constructor":{"prototype":{"polluted":1}}}',
  '\u0000',
  '\ufeff{}',
  '1',
  'true',
  'null',
  '[]',
  '""',
  '{"a":1}{"b":2}',
  '{"a":' + '['.repeat(1000) + ']'.repeat(1000) + '}',
  '{"a":' + '{"b":'.repeat(1000) + '1' + '}'.repeat(1000) + '}',
  '{"a":' + '['.repeat(5000) + ']'.repeat(5000) + '}',
];

/** Values for a documented query parameter. */
const QUERY_VALUES = [
  '%00',
  'a%00b',
  '%ED%A0%80',
  '%',
  '-1',
  '0',
  '1.5',
  '1e3',
  '99999999999999999999',
  '9007199254740991',
  'true',
  '2024-02-30',
  '2024-02-29',
  '2024-02-29T25:00:00Z',
  'x'.repeat(3000),
  '',
  '%E2%80%AE',
  'w-1',
];

const WRONG_METHODS = ['GET', 'PUT', 'PATCH', 'DELETE', 'POST', 'HEAD', 'OPTIONS'];

const UNKNOWN_PATHS = [
  '/',
  '/v1',
  '/v1/',
  '/v2/workers/w-1/summary',
  '/v1/workers',
  '/v1/workers/w-1',
  '/v1/workers/w-1/unknown-things',
  '/v1/workers/w-1/residence-permit',
  '/v1/children/c-1',
  '/v1/streams',
  '/v1/audit',
  '/v1/%',
  '/v1/%00',
  '/..%2f..%2fetc%2fpasswd',
  '/health/x',
  '/openapi.json/x',
  '/docs/../openapi.json',
  '/V1/FEED',
  '/v1//feed',
  '/v1/feed/',
];

function mutateExample(example: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(example);
  const same = fc.constant({ ...example });
  const unknownField = fc.tuple(nastyString, wildValue).map(([k, v]) => ({ ...example, [k || 'extra']: v }));
  const wrongType =
    keys.length === 0
      ? unknownField
      : fc.tuple(fc.constantFrom(...keys), wildValue).map(([k, v]) => ({ ...example, [k]: v }));
  const dropped =
    keys.length === 0
      ? same
      : fc.constantFrom(...keys).map((k) => {
          const copy = { ...example };
          delete copy[k];
          return copy;
        });
  const subjectMismatch = fc.constant({ ...example, workerId: 'w-other', childId: 'c-other', employerId: 'e-other' });
  return fc.oneof(same, unknownField, wrongType, wrongType, dropped, subjectMismatch);
}

/** Safe for fetch: a header value must be a ByteString (no code point above 0xFF, no CR/LF/NUL). */
const IDEMPOTENCY_KEYS = fc.oneof(
  { weight: 12, arbitrary: fc.constant('fresh') },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.constantFrom('', ' ', 'a b', 'é', 'k'.repeat(256), 'k'.repeat(255), 'fuzz-reused-key', '"', '\t') },
);
const IF_MATCH = fc.oneof(
  { weight: 6, arbitrary: fc.constant(undefined) },
  {
    weight: 2,
    arbitrary: fc.constantFrom('"0"', '"1"', 'W/"0"', '"999999"', '*', '3', '"-1"', '"x"', '"1", "2"', '', '"99999999999999999999"', 'W/', '"01"'),
  },
);

function requestArbitrary(routes: DeclaredRoute[], queryNames: Map<string, string[]>): fc.Arbitrary<FuzzRequest> {
  const documentedQuery = (route: DeclaredRoute) => {
    const names = queryNames.get(route.path) ?? [];
    if (names.length === 0) return fc.constant('');
    return fc
      .uniqueArray(fc.tuple(fc.constantFrom(...names), fc.constantFrom(...QUERY_VALUES)), { minLength: 1, maxLength: 3, selector: ([n]) => n })
      .map((pairs) => `?${pairs.map(([n, v]) => `${n}=${v}`).join('&')}`);
  };
  const department = fc.constantFrom(...DEPARTMENT_NAMES);
  const authorised = (route: DeclaredRoute): ApiDepartment =>
    DEPARTMENT_NAMES.find((d) => route.scopes.every((s) => hasScope(lawfulScopes(d), s))) ?? 'audit';
  const token = (route: DeclaredRoute) =>
    fc.oneof(
      { weight: 8, arbitrary: fc.constant(authorised(route)) },
      { weight: 3, arbitrary: department },
      { weight: 1, arbitrary: fc.constantFrom<'none' | 'garbage'>('none', 'garbage') },
    );

  const body = (route: DeclaredRoute) => {
    const command = COMMAND_BY_PATH.get(braces(route.path));
    const example = command?.example ?? {};
    const json = fc.oneof(
      { weight: 6, arbitrary: mutateExample(example).map((b) => ({ body: JSON.stringify(b), contentType: 'application/json' })) },
      { weight: 2, arbitrary: wildValue.map((v) => ({ body: JSON.stringify(v) ?? 'null', contentType: 'application/json' })) },
      { weight: 2, arbitrary: fc.constantFrom(...MALFORMED_JSON).map((b) => ({ body: b, contentType: 'application/json' })) },
    );
    const wrongType = fc.oneof(
      fc.constant({ body: JSON.stringify(example), contentType: 'text/plain' }),
      fc.constant({ body: 'name=x&idNumber=1', contentType: 'application/x-www-form-urlencoded' }),
      fc.constant({ body: '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--b--\r\n', contentType: 'multipart/form-data; boundary=b' }),
      fc.constant({ body: JSON.stringify(example), contentType: null as string | null }),
      fc.constant({ body: JSON.stringify(example), contentType: 'application/json; charset=latin-9' }),
      fc.constant({ body: JSON.stringify(example), contentType: 'application/json; charset=utf-16' }),
      fc.constant({ body: JSON.stringify(example), contentType: 'application/merge-patch+json' }),
      fc.constant({ body: '<a/>', contentType: 'application/xml' }),
      fc.constant({ body: JSON.stringify(example), contentType: 'application/octet-stream' }),
      fc.constant({ body: JSON.stringify(example), contentType: 'garbage' }),
    );
    const huge = fc.integer({ min: 1024 * 1024 + 1, max: 3 * 1024 * 1024 }).map((n) => ({ hugeBytes: n, contentType: 'application/json' }));
    return fc.oneof(
      { weight: 12, arbitrary: json },
      { weight: 3, arbitrary: wrongType },
      { weight: 1, arbitrary: huge },
      { weight: 1, arbitrary: fc.constant({ contentType: 'application/json' }) },
    );
  };

  const onRoute = fc.constantFrom(...routes).chain((route) =>
    fc
      .record({
        method: fc.oneof({ weight: 9, arbitrary: fc.constant(route.method) }, { weight: 1, arbitrary: fc.constantFrom(...WRONG_METHODS) }),
        params: fc.dictionary(fc.constantFrom('workerId', 'childId', 'employerId', 'streamName'), pathParam),
        query: fc.oneof(fc.constantFrom(...QUERIES), documentedQuery(route)),
        token: token(route),
        key: IDEMPOTENCY_KEYS,
        ifMatch: IF_MATCH,
        body: body(route),
      })
      .map(({ method, params, query, token, key, ifMatch, body: b }): FuzzRequest => {
        const raw = route.path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => params[name] ?? fillPath(`:${name}`).slice(1));
        const carriesBody = method !== 'GET' && method !== 'HEAD';
        return {
          method,
          path: `${raw}${method === 'GET' ? query : ''}`,
          token,
          key,
          ifMatch,
          contentType: carriesBody ? (b.contentType ?? null) : null,
          ...(carriesBody && 'body' in b && b.body !== undefined ? { body: b.body } : {}),
          ...(carriesBody && 'hugeBytes' in b ? { hugeBytes: b.hugeBytes } : {}),
        };
      }),
  );
  const offRoute = fc
    .record({
      method: fc.constantFrom(...WRONG_METHODS),
      path: fc.oneof(fc.constantFrom(...UNKNOWN_PATHS), pathParam.map((p) => `/v1/${p}`)),
      token: department,
    })
    .map(({ method, path, token }): FuzzRequest => ({
      method,
      path,
      token,
      key: 'fresh',
      contentType: method === 'POST' ? 'application/json' : null,
      ...(method === 'POST' ? { body: '{}' } : {}),
    }));
  return fc.oneof({ weight: 10, arbitrary: onRoute }, { weight: 1, arbitrary: offRoute });
}



/** A request as a reader reproduces it: curl-ish, without the huge body. */
function show(r: FuzzRequest): string {
  const body = r.hugeBytes ? `<${r.hugeBytes} bytes of JSON>` : r.body === undefined ? '' : JSON.stringify(r.body.slice(0, 300));
  const headers =
    r.method === 'GET' || r.method === 'HEAD'
      ? ''
      : ` key=${JSON.stringify(r.key)}${r.ifMatch !== undefined ? ` if-match=${JSON.stringify(r.ifMatch)}` : ''} content-type=${r.contentType}`;
  return `${r.method} ${r.path} token=${r.token}${headers} ${body}`;
}

describe('the API under fuzzing (fast-check)', () => {
  let h: ApiHarness;
  let routes: DeclaredRoute[];
  const queryNames = new Map<string, string[]>();
  const violations: Violation[] = [];
  const statuses = new Map<number, number>();
  let sent = 0;

  beforeAll(async () => {
    h = await startApiHarness('fuzz', {
      env: { LEDGER_RATE_LIMIT_PER_SECOND: '1000000', LEDGER_RATE_LIMIT_BURST: '1000000' },
      logger: process.env.FUZZ_LOG === '1',
    });
    routes = h.declaredRoutes();
    const doc = (await h.get('/openapi.json')).body;
    for (const route of routes) {
      const op = doc.paths?.[braces(route.path)]?.[route.method.toLowerCase()];
      const names = (op?.parameters ?? []).filter((p: { in: string }) => p.in === 'query').map((p: { name: string }) => p.name);
      queryNames.set(route.path, names);
    }
  });
  afterAll(async () => {
    await h?.close();
  });

  async function send(r: FuzzRequest): Promise<ApiResponse> {
    const token = r.token === 'none' ? null : r.token === 'garbage' ? 'ledger_garbage' : h.token(r.token);
    const headers: Record<string, string> = {};
    const raw = r.hugeBytes ? `{"pad":"${'x'.repeat(r.hugeBytes)}"}` : r.body;
    return h.request(r.path, {
      method: r.method,
      token,
      key: r.key === 'fresh' ? randomUUID() : r.key,
      ...(r.ifMatch !== undefined ? { ifMatch: r.ifMatch } : {}),
      ...(raw !== undefined ? { raw: Buffer.from(raw, 'utf8'), contentType: r.contentType } : {}),
      headers: r.method === 'POST' || raw === undefined ? headers : headers,
    });
  }

  it(`answers ${RUNS} random and malformed requests with no 5xx, problem+json errors, and no append on a rejection`, async () => {
    const started = Date.now();
    // A seed of its own each run (a new corner each time), or FUZZ_SEED to replay one.
    const seed = SEED ?? (Math.floor(Math.random() * 2 ** 31) | 0);
    await fc.assert(
      fc.asyncProperty(requestArbitrary(routes, queryNames), async (r) => {
        const before = await committedHead(h.store.pool);
        let res: ApiResponse;
        try {
          res = await send(r);
        } catch (error) {
          violations.push({ rule: `no answer: ${(error as Error).message}`, request: r, status: 0, contentType: null, text: '' });
          return;
        }
        const after = await committedHead(h.store.pool);
        sent++;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const contentType = res.headers.get('content-type');
        const record = (rule: string) =>
          violations.push({ rule, request: r, status: res.status, contentType, text: res.text.slice(0, 500) });
        if (res.status >= 500) record('5xx');
        if (res.status >= 400 && !(contentType ?? '').startsWith('application/problem+json')) record('error not problem+json');
        if (res.status >= 400 && after !== before) record(`rejected but the head moved ${before} → ${after}`);
      }),
      { numRuns: RUNS, seed, endOnFailure: true },
    );
    const elapsed = (Date.now() - started) / 1000;
    console.log(
      `fuzz (seed ${seed}): ${sent} requests in ${elapsed.toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`,
    );


    // One line per kind of violation: the shortest request that showed it.
    const byKind = new Map<string, Violation>();
    for (const v of violations) {
      const kind = `${v.rule} ${v.request.method} ${v.request.path.replace(/\?.*/, '').replace(/\/[^/]+(?=\/|$)/g, '/…')} ${v.status}`;
      const seen = byKind.get(kind);
      if (!seen || show(v.request).length < show(seen.request).length) byKind.set(kind, v);
    }
    const report = [...byKind.values()].map((v) => `${v.rule}: ${show(v.request)} → ${v.status} ${v.contentType} ${v.text}`);
    // The seed is named with any violation: FUZZ_SEED=<seed> FUZZ_LOG=1 replays the run with the server's log.
    expect({ seed, report }).toEqual({ seed, report: [] });
    expect(sent).toBeGreaterThanOrEqual(2000);
    // The fuzzer reached every kind of answer it should: success, refusal, and the door's 4xx.
    for (const status of [200, 400, 401, 403, 404, 413, 415]) expect([status, (statuses.get(status) ?? 0) > 0]).toEqual([status, true]);
    // 2,400 requests take ~10 s on a quiet 2-core machine; room for a loaded one.
  }, 240_000);

  /**
   * Defect 1 (found by this fuzzer, fixed). A 4 KB body
   * with an unknown field nested ~2,000 arrays deep (or ~3,000 objects) makes class-transformer's
   * plainToInstance (ValidationPipe, transform: true, apps/api/src/create-app.ts:20) recurse until
   * `RangeError: Maximum call stack size exceeded` (TransformOperationExecutor.ts:79), which the
   * ProblemDetailsFilter answers 500 internal-error. Nothing is appended, the process lives on;
   * but bad input must be a 4xx. Fix in create-app.ts: refuse JSON nested deeper than, say, 64
   * (an iterative depth check after the body parser) with a 400, or map that RangeError from the
   * pipe to 400. This test turns red once it is fixed: then make it a plain `it`.
   */
  it('regression, found by fuzzing (1): a body nested 2,000 arrays deep is a 4xx', async () => {
    const raw = '{"a":' + '['.repeat(2000) + ']'.repeat(2000) + '}';
    const before = await committedHead(h.store.pool);
    const res = await h.request('/v1/workers/w-1/residence-permit/registrations', {
      method: 'POST',
      token: h.token('residence-office'),
      raw,
    });
    expect(await committedHead(h.store.pool)).toBe(before);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.status).toBeLessThan(500);
  });

  /**
   * Defect 2 (found by this fuzzer, fixed).
   * `GET /v1/feed?after=99999999999999999999` (any value past PostgreSQL's bigint, even
   * 9223372036854775807 + 0) passes FeedQuery's @IsInt() @Min(0)
   * (apps/api/src/routes/reads/dto/feed.query.ts:12-16: 1e20 is a JS integer) and reaches the
   * query as a bigint out of range: 500 internal-error. Fix: @Max(Number.MAX_SAFE_INTEGER) on
   * `after` there (and on FeedStreamQuery.after, line 52-56, where the SSE answer is already 200
   * when it fails). This test turns red once it is fixed: then make it a plain `it`.
   */
  it('regression, found by fuzzing (2): GET /v1/feed?after=<past bigint> is a 400', async () => {
    const res = await h.get('/v1/feed?after=99999999999999999999', { token: h.token('audit') });
    expect(res.status).toBeLessThan(500);
  });

  /**
   * Defect 3 (found by this fuzzer, fixed). A NUL (%00) in the path id of a
   * department read route reaches PostgreSQL, which refuses 0x00 in text: 500. Routes:
   * GET /v1/public-security/permits/:workerId (departments/public-security.controller.ts:33),
   * /v1/hrss/workers/:workerId/insurance (hrss.controller.ts:59), /v1/points/workers/:workerId
   * (points.controller.ts:41), /v1/housing/workers/:workerId (housing.controller.ts:30),
   * /v1/education/children/:childId (education.controller.ts:61), /v1/health/vaccinations/:childId
   * (health.controller.ts:28). Fix: the command routes' SubjectIdPipe (ID_PATTERN) on those params.
   */
  it('regression, found by fuzzing (3): GET /v1/points/workers/%00 is a 4xx', async () => {
    const res = await h.get('/v1/points/workers/%00', { token: h.token('audit') });
    expect(res.status).toBeLessThan(500);
  });

  /**
   * Defect 4 (found by this fuzzer, fixed). A NUL in a free-text query filter
   * reaches PostgreSQL: 500. GET /v1/audit/access-log?department=%00 and ?principal=%00
   * (security/access-log.controller.ts:56-57, only credentialId is checked);
   * /v1/points/ranking?round=%00 and /v1/points/statistics?round=%00
   * (departments/department-queries.dto.ts:83, 99: @IsString() only); /v1/audit/decisions?ruleId=
   * / packId= / eventType=%00 (department-queries.dto.ts:159-173). Fix: refuse control characters
   * (e.g. @Matches(/^[^\u0000-\u001f]*$/) and MaxLength) on those fields, a 400.
   */
  it('regression, found by fuzzing (4): GET /v1/audit/access-log?department=%00 is a 4xx', async () => {
    const res = await h.get('/v1/audit/access-log?department=%00', { token: h.token('audit') });
    expect(res.status).toBeLessThan(500);
  });

  /**
   * Defect 5 (found by this fuzzer, fixed). `on` / `overdueOn` are checked by
   * shape only (@Matches(DATE), departments/department-queries.dto.ts:42, 49, 72), so 2024-02-30,
   * 2024-13-45 or 0000-01-01 reach PostgreSQL as a date it refuses: 500 on
   * /v1/{public-security,hrss,housing,health}/statistics?on=, /v1/public-security/endorsements-due?on=
   * and /v1/hrss/transfers?overdueOn=. Fix: @IsIsoDate() (security/validators.ts) instead.
   */
  it('regression, found by fuzzing (5): GET /v1/housing/statistics?on=2024-02-30 is a 400', async () => {
    const res = await h.get('/v1/housing/statistics?on=2024-02-30', { token: h.token('housing') });
    expect(res.status).toBeLessThan(500);
  });

  /**
   * Defect 6 (found by this fuzzer, fixed). NestedField
   * (apps/api/src/routes/commands/dto/common.ts:136-147) marks a nested object required in
   * OpenAPI only: ValidateNested passes `undefined`, so a body without it (AssessPoints without
   * `round`, say) reaches the domain, which throws TypeError (libs/points/domain/assess-points.ts:31
   * reads round.referenceDate): 500. Fix: add IsDefined() (and IsObject()) when not optional.
   */
  it('regression, found by fuzzing (6): AssessPoints without `round` is a 400', async () => {
    const res = await h.post('/v1/workers/w-1/points/assessments', { purpose: 'public-services' }, { token: h.token('migrant-services') });
    expect(res.status).toBeLessThan(500);
  });

  it('is still alive: /health answers 200 after the run', async () => {
    const res = await h.get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok' });
  });
});
