import { PROBLEM_CATALOG } from '../../apps/api/src/problem/problem-catalog';
import { startApiHarness, type ApiHarness } from '../support/api-harness';

// Issue 15, item 4: errors people can read. Titles and validation messages in Chinese by default,
// English on Accept-Language: en; each invalid field named by a JSON Pointer; every problem type a
// page the ledger serves itself.
const WORKER = {
  name: '张伟',
  idNumber: '11010519491231002X',
  phone: '13800000001',
  birthDate: '1949-12-31',
  hukouPlace: { areaCode: '513401', address: '西昌市某村' },
  arrivalOn: '2025-01-05',
};

describe('problems people can read', () => {
  let h: ApiHarness;

  beforeAll(async () => {
    h = await startApiHarness('problems');
  });
  afterAll(async () => {
    await h?.close();
  });

  const register = (body: object, headers: Record<string, string> = {}) =>
    h.post('/v1/workers/w-problem/registrations', body, { token: h.token('residence-office'), headers });

  it('answers an invalid body in Chinese, each field named by a JSON Pointer', async () => {
    const res = await register({ ...WORKER, hukouPlace: { areaCode: 513401, address: '西昌市某村' }, colour: 'red' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: '/problems/validation-failed', title: '请求正文或参数无效', status: 400 });
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { pointer: '/colour', detail: '不接受字段 colour' },
        { pointer: '/hukouPlace/areaCode', detail: expect.stringMatching(/^hukouPlace\.areaCode /) },
      ]),
    );
    expect(res.body.detail).toBe((res.body.errors as { detail: string }[]).map((e) => e.detail).join('; '));
  });

  it('answers the same request in English on Accept-Language: en', async () => {
    const res = await register({ ...WORKER, colour: 'red' }, { 'accept-language': 'en-GB,en;q=0.9' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      type: '/problems/validation-failed',
      title: 'The request body or parameters are invalid',
      errors: [{ pointer: '/colour', detail: 'property colour should not exist' }],
      detail: 'property colour should not exist',
    });
  });

  it('names a query parameter by its name, and translates a 401 title', async () => {
    const bad = await h.get('/v1/points/ranking?round=2025-H1&limit=9999', { token: h.token('audit') });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ parameter: 'limit', detail: 'limit 不得大于 500' }]);
    const anonymous = await h.get('/v1/workers/w-problem/summary');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ type: '/problems/unauthorized', title: '需要有效的访问令牌' });
    const english = await h.get('/v1/workers/w-problem/summary', { headers: { 'accept-language': 'en' } });
    expect(english.body.title).toBe('A valid bearer token is required');
  });

  it('words the inputs a handler checks itself the same way: a parameter, a header, a nested body key', async () => {
    const audit = { token: h.token('audit') };
    const refusals = await h.get('/v1/audit/refusals?subjectId=%E5%BC%A0', audit);
    expect(refusals.status).toBe(400);
    expect(refusals.body).toMatchObject({ type: '/problems/validation-failed', title: '请求正文或参数无效' });
    expect(refusals.body.errors).toEqual([{ parameter: 'subjectId', detail: expect.stringMatching(/^subjectId 须为编号：/) }]);
    expect(refusals.body.detail).toBe((refusals.body.errors as { detail: string }[])[0]!.detail);
    const english = await h.get('/v1/audit/consistency?from=8&to=4', { ...audit, headers: { 'accept-language': 'en' } });
    expect(english.body).toMatchObject({
      title: 'The request body or parameters are invalid',
      errors: [{ parameter: 'from', detail: 'from must not exceed to' }],
      detail: 'from must not exceed to',
    });
    const accessLog = await h.get('/v1/audit/access-log?allowed=maybe', audit);
    expect(accessLog.body.errors).toEqual([{ parameter: 'allowed', detail: 'allowed 必须是 true 或 false' }]);
    const feed = await h.get('/v1/feed/stream', { token: h.token('audit'), headers: { 'last-event-id': 'yesterday' } });
    expect(feed.status).toBe(400);
    expect(feed.body.errors).toEqual([{ header: 'Last-Event-ID', detail: 'Last-Event-ID 必须是全局位置（整数）' }]);
    const nested = await h.request('/v1/workers/w-problem/registrations', {
      method: 'POST',
      token: h.token('residence-office'),
      raw: JSON.stringify({ ...WORKER, hukouPlace: { areaCode: '513401', address: '西昌市某村' } }).replace('"areaCode"', '"constructor":{},"areaCode"'),
    });
    expect(nested.status).toBe(400);
    expect(nested.body.errors).toEqual([{ pointer: '/hukouPlace/constructor', detail: '不接受字段 constructor' }]);
  });

  it('serves a page for every problem type, saying what it means and what to do', async () => {
    for (const [type, entry] of Object.entries(PROBLEM_CATALOG)) {
      const zh = await fetch(`${h.base}/problems/${type}`);
      expect(zh.status).toBe(200);
      expect(zh.headers.get('content-type')).toMatch(/^text\/html/);
      const zhPage = await zh.text();
      expect(zhPage).toContain(`<h1>${entry.title.zh}</h1>`);
      expect(zhPage).toContain('<h2>含义</h2>');
      expect(zhPage).toContain('<h2>如何处理</h2>');
      const en = await (await fetch(`${h.base}/problems/${type}`, { headers: { 'accept-language': 'en' } })).text();
      expect(en).toContain('<h2>What it means</h2>');
      expect(en).toContain('<h2>What to do</h2>');
    }
    const index = await (await fetch(`${h.base}/problems`)).text();
    for (const type of Object.keys(PROBLEM_CATALOG)) expect(index).toContain(`href="/problems/${type}"`);
    const unknown = await fetch(`${h.base}/problems/no-such-type`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ type: '/problems/not-found', title: '没有这项资源' });
  });
});
