import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { AccessLogService } from '../../apps/api/src/security/access-log.service';
import { committedHead } from '../support/committed-head';
import { startApiHarness, type ApiHarness } from '../support/api-harness';

/** What a raw socket got back before the server closed it (or `waitMs` passed), and when. */
function rawExchange(
  base: string,
  chunks: (string | Buffer)[],
  waitMs: number,
): Promise<{ text: string; closed: boolean; ms: number }> {
  const url = new URL(base);
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname);
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ text, closed: false, ms: Date.now() - started });
    }, waitMs);
    socket.on('data', (d) => (text += d.toString('latin1')));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text, closed: true, ms: Date.now() - started });
    });
    socket.on('error', () => undefined);
    for (const chunk of chunks) socket.write(chunk);
  });
}

const statusOf = (text: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]);
const bodyOf = (text: string) => JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4));

/**
 * Issue 16, hostile clients: each is bounded and answered with a clear 4xx, appending nothing.
 * The limits are in apps/api/src/conventions/request-limits.ts and docs/faults.md.
 */
describe('hostile clients (issue 16)', () => {
  let api: ApiHarness;
  const path = (workerId = `w-${randomUUID()}`) => `/v1/workers/${workerId}/residence-permit/registrations`;
  const body = { address: { line: '攀枝花市东区炳草岗大街1号' }, arrivalOn: '2026-01-05' };

  beforeAll(async () => {
    api = await startApiHarness('hostile', {
      env: {
        LEDGER_BODY_TIMEOUT_MS: '2000', // short for the stalled-body test, room for a 5 MB body on a loaded machine
        // 20 failed authentications per address, then (practically) no refill during the test.
        LEDGER_AUTH_FAILURES_BURST: '20',
        LEDGER_AUTH_FAILURES_PER_SECOND: '0.001',
      },
    });
  });
  afterAll(async () => {
    await api?.close();
    for (const name of ['LEDGER_BODY_TIMEOUT_MS', 'LEDGER_AUTH_FAILURES_BURST', 'LEDGER_AUTH_FAILURES_PER_SECOND'])
      delete process.env[name];
  });

  it('answers Content-Encoding: gzip on a plain body 400 problem+json, not 500, even without a token', async () => {
    const answer = await api.request(path(), { method: 'POST', raw: JSON.stringify(body), headers: { 'content-encoding': 'gzip' } });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(answer.body).toMatchObject({ status: 400, detail: 'The body cannot be decoded with its Content-Encoding' });
  });

  it.each(['__proto__', 'constructor'])('answers a %s key 400 like any unknown key, appending nothing', async (key) => {
    const before = await committedHead(api.store.pool);
    const answer = await api.request(path(), {
      method: 'POST',
      token: api.token('residence-office'),
      raw: `{"${key}":{"polluted":1},"address":{"line":"东区"},"arrivalOn":"2026-01-05"}`,
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      type: expect.stringMatching(/\/problems\/validation-failed$/),
      errors: [{ pointer: `/${key}`, detail: `不接受字段 ${key}` }],
    });
    expect(await committedHead(api.store.pool)).toBe(before);
  });

  it('answers a 5 MB chunked body 413 problem+json', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024, 'a');
    const head = `POST ${path()} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n`;
    const { text } = await rawExchange(api.base, [head, `${big.length.toString(16)}\r\n`, big, '\r\n0\r\n\r\n'], 20_000);
    expect(statusOf(text)).toBe(413);
    expect(text).toMatch(/content-type: application\/problem\+json/i);
    expect(bodyOf(text)).toMatchObject({ type: expect.stringMatching(/\/problems\/payload-too-large$/) });
  });

  it('answers a body that stops arriving 408 problem+json and closes the socket after the body timeout, without a token', async () => {
    const head = `POST ${path()} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"arri`;
    const { text, closed, ms } = await rawExchange(api.base, [head], 10_000);
    expect(statusOf(text)).toBe(408);
    expect(bodyOf(text)).toMatchObject({ type: expect.stringMatching(/\/problems\/request-timeout$/), status: 408 });
    expect(closed).toBe(true);
    expect(ms).toBeLessThan(10_000);
  });

  it('answers a body nested 10,000 deep 400 problem+json', async () => {
    const answer = await api.request(path(), {
      method: 'POST',
      token: api.token('residence-office'),
      raw: `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ detail: 'The body is nested more than 32 levels deep' });
  });

  it('answers headers over 16 KB (3,000 of them) 431 and closes the connection', async () => {
    const many = Array.from({ length: 3000 }, (_, i) => `x-h${i}: y`).join('\r\n');
    const { text, closed } = await rawExchange(api.base, [`GET /health HTTP/1.1\r\nHost: x\r\n${many}\r\n\r\n`], 10_000);
    expect(statusOf(text)).toBe(431);
    expect(closed).toBe(true);
  });

  it('answers 200 unknown tokens from one address with 20 look-ups (401) and 180 429s with Retry-After, each logged', async () => {
    const statuses = new Map<number, number>();
    let retryAfter: string | null = null;
    for (let i = 0; i < 200; i++) {
      const answer = await api.get('/v1/workers/w-1/summary', { token: `ledger_unknown${i}${randomUUID()}` });
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      if (answer.status === 429) retryAfter = answer.headers.get('retry-after');
    }
    expect(Object.fromEntries(statuses)).toEqual({ 401: 20, 429: 180 });
    expect(Number(retryAfter)).toBeGreaterThan(0);
    const accessLog = api.app.get(AccessLogService);
    await accessLog.flush();
    const rows = await accessLog.list({ route: '/v1/workers/:workerId/summary', limit: 1000 });
    expect(rows.filter((r) => r.decision === 'unauthenticated')).toHaveLength(20);
    expect(rows.filter((r) => r.decision === 'rate-limited')).toHaveLength(180);
  });
});
