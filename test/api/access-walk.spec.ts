import { COMMAND_ROUTES } from '../../apps/api/src/routes/commands/command-routes';
import { DEPARTMENT_NAMES, hasScope, lawfulScopes, type ApiDepartment } from '../../apps/api/src/security';
import { fillPath, startApiHarness, type ApiHarness, type ApiResponse, type DeclaredRoute } from '../support/api-harness';

/** A route walked with one department's credential, and what the guard should decide. */
interface Attempt {
  department: ApiDepartment;
  route: DeclaredRoute;
  missing: string[];
  res: ApiResponse;
}

const COMMAND_BY_PATH = new Map(COMMAND_ROUTES.map((r) => [`POST ${r.path}`, r]));
const braces = (expressPath: string) => expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

describe('every route walked with every department’s credential (docs/access.md)', () => {
  let h: ApiHarness;
  let routes: DeclaredRoute[];
  const attempts: Attempt[] = [];

  beforeAll(async () => {
    // 8 credentials × ~90 routes, each credential spending ~90 of its bucket: well inside, but
    // a slow machine must not turn a 403 into a 429.
    h = await startApiHarness('walk', {
      env: { LEDGER_RATE_LIMIT_PER_SECOND: '100000', LEDGER_RATE_LIMIT_BURST: '100000' },
    });
    routes = h.declaredRoutes().filter((r) => r.path.startsWith('/v1/'));
    for (const department of DEPARTMENT_NAMES) {
      const lawful = lawfulScopes(department);
      for (const route of routes) {
        const missing = route.scopes.filter((scope) => !hasScope(lawful, scope));
        const token = h.token(department);
        let res: ApiResponse;
        if (route.method === 'POST') {
          const command = COMMAND_BY_PATH.get(`POST ${braces(route.path)}`);
          if (!command) throw new Error(`POST ${route.path} is not in the command route table`);
          res = await h.post(fillPath(route.path), command.example, { token });
        } else {
          res = await h.request(fillPath(route.path), { method: route.method, token });
        }
        attempts.push({ department, route, missing, res });
      }
    }
  });
  afterAll(async () => {
    await h?.close();
  });

  const describeAttempt = (a: Attempt) =>
    `${a.department} ${a.route.method} ${a.route.path} → ${a.res.status} ${a.res.text.slice(0, 300)}`;

  it('walks every /v1 route (commands from the route table, reads with sample params) with all 8 departments', () => {
    const posts = routes.filter((r) => r.method === 'POST');
    expect(posts.length).toBe(COMMAND_ROUTES.length);
    expect(routes.length).toBeGreaterThan(80);
    expect(routes.every((r) => r.scopes.length > 0)).toBe(true);
    expect(attempts.length).toBe(routes.length * DEPARTMENT_NAMES.length);
    // Allowed commands reach the store: the example bodies are valid, not all turned away at the door.
    expect(attempts.filter((a) => a.route.method === 'POST' && a.res.status === 201).length).toBeGreaterThan(20);
  });

  it('never answers 5xx', () => {
    expect(attempts.filter((a) => a.res.status >= 500).map(describeAttempt)).toEqual([]);
  });

  it('answers 403 exactly when the matrix says the department lacks the route’s scope', () => {
    const wrong = attempts
      .filter((a) => (a.res.status === 403) !== a.missing.length > 0)
      .map((a) => `${describeAttempt(a)} (missing: ${a.missing.join(' ') || 'none'})`);
    expect(wrong).toEqual([]);
    // The walk exercises both sides of the matrix for every department.
    for (const department of DEPARTMENT_NAMES) {
      const mine = attempts.filter((a) => a.department === department);
      expect([department, mine.some((a) => a.res.status === 403)]).toEqual([department, true]);
      expect([department, mine.some((a) => a.res.status !== 403)]).toEqual([department, true]);
    }
  });

  it('never answers an authenticated department 401 or 429', () => {
    expect(attempts.filter((a) => a.res.status === 401 || a.res.status === 429).map(describeAttempt)).toEqual([]);
  });

  it('answers each 403 with problem+json naming the missing scope', () => {
    const bad: string[] = [];
    for (const a of attempts.filter((x) => x.res.status === 403)) {
      const body = a.res.body;
      const ok =
        (a.res.headers.get('content-type') ?? '').startsWith('application/problem+json') &&
        typeof body?.type === 'string' &&
        body.type.endsWith('/forbidden') &&
        body.status === 403 &&
        body.department === a.department &&
        a.missing.every((scope) => body.requiredScopes?.includes(scope) && String(body.detail).includes(scope)) &&
        (a.res.headers.get('www-authenticate') ?? '').includes('insufficient_scope');
      if (!ok) bad.push(describeAttempt(a));
    }
    expect(bad).toEqual([]);
  });

  it('writes every denied attempt to the access log, which auditors read', async () => {
    const denied = attempts.filter((a) => a.res.status === 403);
    const want = denied.map((a) => `${a.department} ${a.route.method} ${a.route.path} 403`);
    // The log is written in batches a tick after each answer: read until it holds them all.
    let got: string[] = [];
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      got = [];
      for (let after: number | null = 0; after !== null; ) {
        const res = await h.get(`/v1/audit/access-log?decision=forbidden&limit=1000&after=${after}`, {
          token: h.token('audit'),
        });
        expect(res.status).toBe(200);
        for (const row of res.body.items) {
          expect(row).toMatchObject({ allowed: false, decision: 'forbidden', credentialId: expect.any(String) });
          got.push(`${row.department} ${row.method} ${row.route} ${row.status}`);
        }
        after = res.body.items.length === 1000 ? res.body.next : null;
      }
      if (got.length >= want.length) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(got.sort()).toEqual([...want].sort());
  });

  it('answers a /v1 route with no or an unknown token 401 problem+json, logged as unauthenticated', async () => {
    const none = await h.get('/v1/workers/w-1/summary');
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(none.body).toMatchObject({ type: expect.stringMatching(/\/unauthorized$/), status: 401 });

    const post = await h.post('/v1/workers/w-1/residence-permit/endorsements', {});
    expect(post.status).toBe(401);

    const unknown = await h.get('/v1/feed', { token: 'ledger_not-a-real-token' });
    expect(unknown.status).toBe(401);
    expect(unknown.body).toMatchObject({ type: expect.stringMatching(/\/unauthorized$/) });

    let rows: { route: string }[] = [];
    for (let i = 0; i < 50; i++) {
      const res = await h.get('/v1/audit/access-log?decision=unauthenticated&limit=1000', { token: h.token('audit') });
      rows = res.body.items;
      if (rows.length >= 3) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(rows.map((r) => r.route).sort()).toEqual(
      ['/v1/feed', '/v1/workers/:workerId/residence-permit/endorsements', '/v1/workers/:workerId/summary'].sort(),
    );
  });

  it('answers /health and /metrics with no credential at all', async () => {
    expect((await h.get('/health')).status).toBe(200);
    expect((await h.get('/metrics')).status).toBe(200);
  });
});
