import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { PostgresEventStore } from '@ledger/event-store';
import { loadPack, PolicyView } from '@ledger/policy';
import { createApp } from '../../apps/api/src/create-app';
import { createLedgerLogger } from '../../apps/api/src/observability/logging';
import { CredentialService } from '../../apps/api/src/security';
import { createTestDatabase, TestDatabase } from '../support/test-database';

// Issue 14 item 2: JSON lines with a request id (taken from X-Request-Id or made, echoed back),
// one line per request with status and time, command outcomes with the rule id, and the
// personal fields never in a line.
type Line = Record<string, unknown>;

describe('the API’s log lines', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let app: INestApplication;
  let base: string;
  let token: string;
  const text: string[] = [];
  const lines = () =>
    text
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Line);

  beforeAll(async () => {
    db = await createTestDatabase('logs');
    store = await PostgresEventStore.connect(db.url);
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        text.push(chunk.toString());
        done();
      },
    });
    app = await createApp(
      {
        store,
        readPool: store.pool,
        execute: { store, policy: new PolicyView(loadPack('panzhihua')), today: () => '2026-11-24' },
        runtime: { adapter: 'postgres', embeddedDatabase: true, jurisdiction: 'panzhihua' },
      },
      { logger: createLedgerLogger({ destination }) },
    );
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    token = (await app.get(CredentialService).issue({ department: 'residence-office', principal: 'counter-01' })).token;
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    await db.drop();
  });

  const post = (path: string, body: unknown, requestId?: string) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': `${path}-key`,
        ...(requestId ? { 'x-request-id': requestId } : {}),
      },
      body: JSON.stringify(body),
    });

  it('keeps the caller’s X-Request-Id, echoes it, and writes one request line with status, route and time', async () => {
    const res = await fetch(`${base}/health`, { headers: { 'x-request-id': 'counter-01-req-7' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('counter-01-req-7');
    const line = lines().find((l) => l.requestId === 'counter-01-req-7');
    expect(line).toMatchObject({
      level: 'info',
      msg: 'GET /health 200',
      req: { method: 'GET', path: '/health' },
      res: { status: 200 },
      route: '/health',
    });
    expect(typeof line!.ms).toBe('number');
  });

  it('makes a request id when none (or a malformed one) is sent, and logs a 404 too', async () => {
    const res = await fetch(`${base}/no/such/path`, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(res.status).toBe(404);
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines().find((l) => l.requestId === id)).toMatchObject({
      msg: 'GET /no/such/path 404',
      res: { status: 404 },
    });
  });

  it('logs a command’s outcome with its rule id, under the request’s id, and never the worker’s personal fields', async () => {
    const worker = {
      name: '李娜',
      idNumber: '110105198803150029',
      phone: '13800000002',
      birthDate: '1988-03-15',
      hukouPlace: { areaCode: '513401', address: '西昌市某村' },
      arrivalOn: '2026-06-01',
    };
    expect((await post('/v1/workers/w-log/registrations', worker, 'reg-1')).status).toBe(201);
    const residence = {
      address: { line: '攀枝花市东区炳草岗大街2号', districtCode: '510402' },
      arrivalOn: '2026-06-01',
    };
    expect((await post('/v1/workers/w-log/residence-permit/registrations', residence, 'res-1')).status).toBe(201);
    const refused = await post('/v1/workers/w-log/residence-permit/applications', { ground: 'stable-job' }, 'app-1');
    expect(refused.status).toBe(422);

    expect(lines().find((l) => l.requestId === 'reg-1' && l.command)).toMatchObject({
      level: 'info',
      command: 'RegisterWorker',
      outcome: 'accepted',
      stream: 'worker-w-log',
      revision: 0,
    });
    expect(lines().find((l) => l.requestId === 'app-1' && l.command)).toMatchObject({
      command: 'ApplyForPermit',
      outcome: 'refused',
      ruleId: 'permit.apply.conditions',
      code: 'RESIDENCE_TOO_SHORT',
      msg: 'ApplyForPermit refused (permit.apply.conditions)',
    });
    const all = text.join('');
    for (const value of [worker.name, worker.idNumber, worker.phone, '西昌市某村', '炳草岗', token])
      expect(all).not.toContain(value);
  });

  it('redacts the personal fields by path wherever a line would carry them', () => {
    const out: string[] = [];
    const logger = createLedgerLogger({ destination: { write: (s: string) => void out.push(s) } });
    logger.info(
      {
        worker: {
          name: '张伟',
          idNumber: '11010519491231002X',
          phone: '13800000001',
          hukouPlace: { address: '西昌市某村' },
        },
      },
      'x',
    );
    expect(JSON.parse(out[0]!).worker).toEqual({
      name: '[Redacted]',
      idNumber: '[Redacted]',
      phone: '[Redacted]',
      hukouPlace: { address: '[Redacted]' },
    });
  });
});
