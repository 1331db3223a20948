import { buildHistory } from '../../libs/read-models/testing/history';
import { HARNESS_TODAY, projectAll, startApiHarness, type ApiHarness } from '../support/api-harness';

// The two read routes the counter console needs (docs/console.md): who am I and the ledger's
// day, and the counter's lookup over public_security.workers.
describe('GET /v1/session and GET /v1/workers (the counter console’s reads)', () => {
  let h: ApiHarness;

  beforeAll(async () => {
    h = await startApiHarness('console_reads');
    await buildHistory(h.store);
    await projectAll(h.store);
  });
  afterAll(() => h.close());

  it('answers the credential’s department, principal and the ledger’s day (2026-11-24)', async () => {
    const res = await h.get('/v1/session', { token: h.token('residence-office') });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      department: 'residence-office',
      departmentName: '派出所 / 社区服务站 (居住证窗口)',
      principal: 'residence-office-harness',
      today: HARNESS_TODAY,
    });
    expect((await h.get('/v1/session')).status).toBe(401);
  });

  it('finds by the start of a name, by phone digits, by exact 身份证号 and by worker id, with the permit status', async () => {
    const token = h.token('residence-office');
    const byName = await h.get(`/v1/workers?q=${encodeURIComponent('李')}`, { token });
    expect(byName.status).toBe(200);
    expect(byName.body).toEqual({
      match: 'name',
      restricted: false,
      items: [
        {
          workerId: 'w-li',
          name: '李娜',
          idNumber: '510411198805052228',
          phone: '13800000002',
          birthDate: '1988-05-05',
          arrivalOn: '2022-01-02',
          permitStatus: 'active',
        },
      ],
    });
    expect((await h.get('/v1/workers?q=1380000000', { token })).body.items.map((w: { workerId: string }) => w.workerId)).toEqual(['w-li', 'w-wang']);
    const byId = await h.get('/v1/workers?idNumber=510402199001011234', { token });
    expect(byId.body).toMatchObject({ match: 'idNumber', items: [{ workerId: 'w-zhang', name: '张伟' }] });
    expect((await h.get('/v1/workers?q=w-wang', { token })).body).toMatchObject({ match: 'workerId', items: [{ workerId: 'w-wang', permitStatus: 'applied' }] });
    expect((await h.get(`/v1/workers?q=${encodeURIComponent('%')}`, { token })).body.items).toEqual([]);
  });

  it('lets a department that sees personal data masked find by worker id only, masked', async () => {
    const token = h.token('housing');
    expect((await h.get(`/v1/workers?q=${encodeURIComponent('李')}`, { token })).body).toEqual({ match: 'name', restricted: true, items: [] });
    const byId = await h.get('/v1/workers?q=w-li', { token });
    expect(byId.body).toMatchObject({ match: 'workerId', restricted: true, items: [{ workerId: 'w-li', name: '李*', idNumber: '5104**********2228', phone: '138****0002' }] });
  });

  it('answers a missing or malformed query with 400 problem+json', async () => {
    const token = h.token('residence-office');
    const empty = await h.get('/v1/workers', { token });
    expect(empty.status).toBe(400);
    expect(empty.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(empty.body.errors).toEqual([{ parameter: 'q', detail: 'q 或 idNumber 不得为空' }]);
    const bad = await h.get('/v1/workers?idNumber=12345', { token, headers: { 'accept-language': 'en' } });
    expect(bad.status).toBe(400);
    // Each invalid field by name (a query parameter), in English on Accept-Language: en.
    expect(bad.body.errors).toEqual([
      { parameter: 'idNumber', detail: 'idNumber must be 18 characters: 17 digits and a digit or X' },
    ]);
  });
});
