import { generatePrivacyKeys, ERASED, RESTRICTED } from '@ledger/privacy';
import { projectAll, startApiHarness, type ApiHarness } from '../support/api-harness';

/**
 * Personal data under PIPL over HTTP (docs/privacy.md): one 身份证号 one worker, found through
 * the blind index, and a restricted or erased worker unreadable on every route.
 */
describe('personal data over HTTP', () => {
  let h: ApiHarness;
  const ID = '510402199001011234';
  const register = (workerId: string, idNumber = ID, key?: string) =>
    h.post(
      `/v1/workers/${workerId}/registrations`,
      {
        name: '张伟',
        idNumber,
        phone: '13800000001',
        birthDate: idNumber.slice(6, 10) + '-' + idNumber.slice(10, 12) + '-' + idNumber.slice(12, 14),
        hukouPlace: { areaCode: '513401', address: '西昌市某村' },
        arrivalOn: '2024-01-05',
      },
      { token: h.token('residence-office'), ...(key ? { key } : {}) },
    );
  const office = () => ({ token: h.token('residence-office') });
  const audit = () => ({ token: h.token('audit') });

  beforeAll(async () => {
    h = await startApiHarness('privacy_api', { privacy: generatePrivacyKeys() });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('refuses a second registration of one 身份证号 with 409 ID_NUMBER_TAKEN, naming the worker who holds it; a retry of the first answers as the first time', async () => {
    const first = await register('w-1', ID, 'reg-w-1');
    expect(first.status).toBe(201);
    const second = await register('w-2');
    expect(second.status).toBe(409);
    expect(second.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(second.body).toMatchObject({ code: 'ID_NUMBER_TAKEN', existingWorkerId: 'w-1' });
    const retry = await register('w-1', ID, 'reg-w-1');
    expect([retry.status, retry.body.events]).toEqual([200, first.body.events]); // a replay answers 200 (docs/api-commands.md)
    expect((await h.get('/v1/streams/worker-w-2/events', audit())).status).toBe(404);
    const { rows } = await h.store.pool.query('SELECT count(*)::int AS n FROM privacy.id_numbers');
    expect(rows[0].n).toBe(1);
  });

  it('lets exactly one of eight concurrent registrations of one new 身份证号 win (201), the seven others 409', async () => {
    const other = '11010519491231002X';
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => register(`c-${i}`, other)));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    const winner = `c-${answers.findIndex((a) => a.status === 201)}`;
    expect(
      new Set(answers.filter((a) => a.status === 409).map((a) => `${a.body.code} ${a.body.existingWorkerId}`)),
    ).toEqual(new Set([`ID_NUMBER_TAKEN ${winner}`]));
    const { rows } = await h.store.pool.query(
      `SELECT count(*)::int AS n FROM event_store.events WHERE type = 'WorkerRegistered'`,
    );
    expect(rows[0].n).toBe(2);
  });

  it('stores the fields encrypted, shows them decrypted to the owner, and finds the worker by 身份证号 through the blind index', async () => {
    const { rows } = await h.store.pool.query(
      `SELECT data::text AS t FROM event_store.events WHERE stream_name = 'worker-w-1'`,
    );
    expect(rows[0].t).not.toContain(ID);
    expect(rows[0].t).not.toContain('张伟');
    expect(rows[0].t).toContain('"pii1.');
    await projectAll(h.store, h.privateStore);
    const found = await h.get(`/v1/workers?idNumber=${ID}`, office());
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({
      match: 'idNumber',
      restricted: false,
      items: [{ workerId: 'w-1', name: '张伟', idNumber: ID }],
    });
    expect((await h.get('/v1/workers?idNumber=510402199001011242', office())).body.items).toEqual([]);
    const summary = await h.get('/v1/workers/w-1/summary', office());
    expect(summary.body.worker).toMatchObject({ idNumber: ID });
    const events = await h.get('/v1/streams/worker-w-1/events', audit());
    expect(events.body.events[0].data).toMatchObject({ idNumber: '5104**********1234', name: '张*' });
  });

  it('restricts a worker over HTTP for the owning department only, recorded with the caller: every route reads [restricted], new personal data is refused 409 WORKER_RESTRICTED, the chains verify', async () => {
    const path = '/v1/workers/w-1/personal-data/restriction';
    expect(Object.keys((await h.get('/openapi.json')).body.paths)).toContain(
      '/v1/workers/{workerId}/personal-data/restriction',
    );
    expect((await h.post(path, {}, audit())).status).toBe(403);
    expect((await h.post(path, {}, { token: h.token('public-security') })).status).toBe(403);
    expect((await h.post('/v1/workers/nobody/personal-data/restriction', {}, office())).status).toBe(404);
    const restricted = await h.post(path, {}, office());
    expect([restricted.status, restricted.body]).toEqual([200, { workerId: 'w-1', state: 'restricted' }]);
    const { rows: actions } = await h.store.pool.query(`SELECT worker_id, action, actor FROM privacy.actions`);
    expect(actions).toEqual([
      { worker_id: 'w-1', action: 'restrict', actor: 'residence-office/residence-office-harness' },
    ]);
    const summary = await h.get('/v1/workers/w-1/summary', office());
    expect(summary.body.worker).toMatchObject({ idNumber: RESTRICTED });
    expect((await h.get(`/v1/workers?q=w-1`, office())).body.items[0]).toMatchObject({
      name: RESTRICTED,
      idNumber: RESTRICTED,
      phone: RESTRICTED,
    });
    const changed = await h.post('/v1/workers/w-1/contact-details-changes', { phone: '13900000002' }, office());
    expect([changed.status, changed.body.code]).toEqual([409, 'WORKER_RESTRICTED']);
    expect((await h.store.verifyAll()).ok).toBe(true);
  });

  it('erases a worker: the stream, summary, search, read model and feed show [erased], the chains verify, and the number registers again as a new worker', async () => {
    await h.privateStore!.erase('w-1', 'test');
    const events = await h.get('/v1/streams/worker-w-1/events', audit());
    expect(events.body.events[0].data).toMatchObject({
      idNumber: ERASED,
      phone: ERASED,
      hukouPlace: { areaCode: '513401', address: ERASED },
    });
    expect((await h.get('/v1/workers/w-1/summary', office())).body.worker).toMatchObject({ idNumber: ERASED });
    expect((await h.get(`/v1/workers?idNumber=${ID}`, office())).body.items).toEqual([]);
    // The feed as public security (which sees personal fields in clear) reads it.
    const feed = await h.get('/v1/feed?limit=1000', { token: h.token('public-security') });
    const registration = feed.body.events.find((e: { streamName: string }) => e.streamName === 'worker-w-1');
    expect(registration.data).toMatchObject({ name: ERASED, idNumber: ERASED, phone: ERASED });
    expect(
      JSON.stringify(feed.body.events.filter((e: { streamName: string }) => e.streamName.endsWith('-w-1'))),
    ).not.toContain('张伟');
    await projectAll(h.store, h.privateStore);
    const { rows } = await h.store.pool.query(
      `SELECT name, id_number, phone FROM public_security.workers WHERE worker_id = 'w-1'`,
    );
    expect(rows).toEqual([{ name: ERASED, id_number: ERASED, phone: ERASED }]);
    expect((await h.store.verifyAll()).ok).toBe(true);
    expect((await h.get('/v1/streams/worker-w-1/verification', audit())).body).toMatchObject({ ok: true });
    // The tombstone: the erased worker's key is never made again, so no new personal field is stored for it.
    const changed = await h.post('/v1/workers/w-1/contact-details-changes', { phone: '13900000002' }, office());
    expect([changed.status, changed.body.code]).toEqual([409, 'WORKER_ERASED']);
    // The blind index entry went with the key: the same person may register again, as a new worker.
    expect((await register('w-9')).status).toBe(201);
  });
});
