import { MiddlewareConsumer, Module, NestModule, type DynamicModule, type INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { AddressInfo } from 'node:net';
import { COMMAND_SPECS, executeCommand, type CommandEnvelope } from '@ledger/application';
import { EVENT_STORE, PostgresEventStore } from '@ledger/event-store';
import { loadPack, PolicyView } from '@ledger/policy';
import { AppModule } from '../../apps/api/src/app.module';
import { createApp } from '../../apps/api/src/create-app';
import { READ_POOL } from '../../apps/api/src/tokens';
import type { EventView } from '../../apps/api/src/routes/reads/event-view';
import { READ_CONTROLLERS, ReadRoutesModule } from '../../apps/api/src/routes/reads/read-routes.module';
import { lawfulScopes } from '../../apps/api/src/security/access-matrix';
import type { ApiDepartment } from '../../apps/api/src/security/departments';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const TODAY = '2026-11-24';
const policy = new PolicyView(loadPack('panzhihua'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Stands in for the security guard: the department comes from a test header. */
@Module({})
class TestCredentialModule implements NestModule {
  configure(consumer: MiddlewareConsumer) {
    consumer
      .apply((req: Request & { credential?: unknown }, _res: Response, next: NextFunction) => {
        const department = req.header('x-test-department');
        if (department) {
          req.credential = {
            id: `cred-${department}`,
            department,
            principal: 'tester',
            scopes: lawfulScopes(department as ApiDepartment),
          };
        }
        next();
      })
      .forRoutes(...READ_CONTROLLERS);
  }
}

/** The wiring docs/api-reads.md asks of AppModule: export the two tokens globally, import ReadRoutesModule. */
function wireReadRoutes(): jest.SpyInstance {
  const original = AppModule.register.bind(AppModule);
  return jest.spyOn(AppModule, 'register').mockImplementation((deps): DynamicModule => {
    const module = original(deps);
    return {
      ...module,
      global: true,
      exports: [EVENT_STORE, READ_POOL],
      imports: [...(module.imports ?? []), ReadRoutesModule, TestCredentialModule],
    };
  });
}

describe('the read routes', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let app: INestApplication;
  let base: string;
  let spy: jest.SpyInstance;
  /** An instant after the permit was issued and before the backdated move was recorded. */
  let beforeMove: string;

  const run = (
    type: string,
    subjectId: string,
    data: Record<string, unknown>,
    extra: Partial<CommandEnvelope> = {},
  ) => {
    const spec = COMMAND_SPECS.get(type);
    if (!spec) throw new Error(`no command ${type}`);
    const idKey = subjectId.startsWith('c-') ? 'childId' : 'workerId';
    return executeCommand({ store, policy, today: () => TODAY }, spec, {
      command: { type, data: { [idKey]: subjectId, ...data } },
      subjectId,
      actor: { department: 'residence-office', principal: 'counter-1' },
      ...extra,
    });
  };
  const get = (path: string, department: string | null = 'audit', headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, { headers: { ...(department ? { 'x-test-department': department } : {}), ...headers } });
  const json = async (path: string, department: string | null = 'audit') => {
    const res = await get(path, department);
    // A response body is whatever the route answered; the expectations below say its shape.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: res.status, headers: res.headers, body: (await res.json()) as any };
  };

  beforeAll(async () => {
    db = await createTestDatabase('reads');
    store = await PostgresEventStore.connect(db.url, { poolSize: 10 });
    spy = wireReadRoutes();
    app = await createApp(
      {
        store,
        readPool: store.pool,
        execute: { store, policy, today: () => TODAY },
        runtime: { adapter: 'postgres', embeddedDatabase: true, jurisdiction: 'panzhihua' },
      },
      { logger: false },
    );
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;

    await run('RegisterWorker', 'w-1', {
      name: '张伟',
      idNumber: '510402199001011234',
      phone: '13800000001',
      birthDate: '1990-01-01',
      hukouPlace: { areaCode: '513401', address: '西昌市某村' },
      arrivalOn: '2024-01-05',
    });
    await run('RegisterResidence', 'w-1', {
      address: { line: '东区炳草岗大街1号', districtCode: '510402' },
      arrivalOn: '2024-01-05',
    });
    await run('ApplyForPermit', 'w-1', { ground: 'stable-job' });
    await run('IssuePermit', 'w-1', { permitNumber: '510402000000000002', issuingOfficeCode: '510402' });
    await run('RecordContributions', 'w-1', {
      scheme: 'employee-pension',
      region: '510400',
      months: { from: '2024-02', to: '2026-10' },
      baseFen: 450_000,
    });
    await sleep(30);
    beforeMove = new Date().toISOString();
    await sleep(30);
    // Recorded today, in effect since 1 September: a backdated move (principle 9).
    await run('ChangeAddress', 'w-1', {
      address: { line: '仁和区新街3号', districtCode: '510411' },
      movedOn: '2026-09-01',
    });
  });

  afterAll(async () => {
    await app?.close();
    spy?.mockRestore();
    await store?.close();
    await db?.drop();
  });

  describe('a stream’s history, for auditors', () => {
    it('lists every event with both clocks, who and why, and a hash chain that links each to the one before', async () => {
      const { status, headers, body } = await json('/v1/streams/residence-permit-w-1/events');
      expect(status).toBe(200);
      expect(headers.get('etag')).toBe('"3"');
      expect(body.revision).toBe(3);
      expect(body.events.map((e: EventView) => e.type)).toEqual([
        'ResidenceRegistered',
        'PermitApplied',
        'PermitIssued',
        'AddressChanged',
      ]);
      const [first, , , move] = body.events;
      expect(first).toMatchObject({
        streamRevision: 0,
        effectiveOn: '2024-01-05',
        prevHash: null,
        actor: { department: 'residence-office' },
      });
      expect(move).toMatchObject({ effectiveOn: '2026-09-01', recordedAt: expect.stringMatching(/^2026-11-2\dT.*Z$/) });
      expect(move.correlationId).toEqual(expect.any(String));
      for (let i = 1; i < body.events.length; i++) expect(body.events[i].prevHash).toBe(body.events[i - 1].hash);
      expect(body.next).toBeNull();
    });

    it('pages by revision and answers 304 to a client that holds the current ETag', async () => {
      const page = await json('/v1/streams/residence-permit-w-1/events?fromRevision=1&limit=2');
      expect(page.body.events.map((e: EventView) => e.streamRevision)).toEqual([1, 2]);
      expect(page.body.next).toBe(3);
      const res = await get('/v1/streams/residence-permit-w-1/events', 'audit', { 'if-none-match': '"3"' });
      expect(res.status).toBe(304);
    });

    it('masks the worker’s personal fields for a department that does not own them', async () => {
      const audit = await json('/v1/streams/worker-w-1/events', 'audit');
      expect(audit.body.events[0].data).toMatchObject({
        idNumber: '5104**********1234',
        phone: '138****0001',
        name: '张*',
      });
      const office = await json('/v1/streams/worker-w-1/events', 'residence-office');
      expect(office.body.events[0].data).toMatchObject({
        idNumber: '510402199001011234',
        phone: '13800000001',
        name: '张伟',
      });
    });

    it('answers 404 problem+json for an unknown stream, 403 outside the credential’s categories, 401 without one', async () => {
      const missing = await get('/v1/streams/residence-permit-nobody/events');
      expect(missing.status).toBe(404);
      expect(missing.headers.get('content-type')).toContain('application/problem+json');
      expect((await get('/v1/streams/insurance-w-1/events', 'health')).status).toBe(403);
      expect((await get('/v1/streams/insurance-w-1/events', null)).status).toBe(401);
      expect((await get('/v1/streams/insurance-w-1/events?limit=0')).status).toBe(400);
      expect((await get('/v1/streams/insurance-w-1/events?surprise=1')).status).toBe(400);
    });

    it('verifies an intact chain, and reports the first break once a stored event is altered', async () => {
      const intact = await json('/v1/streams/residence-permit-w-1/verification');
      expect(intact.body).toMatchObject({ ok: true, eventsChecked: 4, revision: 3 });
      await run('RegisterWorker', 'w-tampered', {
        name: '李娜',
        idNumber: '510411198805052228',
        phone: '13800000002',
        birthDate: '1988-05-05',
        hukouPlace: { areaCode: '513401', address: '会理市某村' },
        arrivalOn: '2024-01-02',
      });
      await run('ChangeContactDetails', 'w-tampered', { phone: '13900000002' });
      await store.pool.query(
        `UPDATE event_store.events SET data = jsonb_set(data, '{phone}', '"13999999999"') WHERE stream_name = 'worker-w-tampered' AND stream_revision = 1`,
      );
      const broken = await json('/v1/streams/worker-w-tampered/verification');
      expect(broken.body).toMatchObject({
        ok: false,
        firstBreak: { revision: 1, reason: expect.stringContaining('hash') },
      });
    });
  });

  describe('a worker’s summary under two clocks', () => {
    it('now: the permit issued, the new address in effect, each section with its stream revision', async () => {
      const { status, headers, body } = await json('/v1/workers/w-1/summary', 'residence-office');
      expect(status).toBe(200);
      expect(headers.get('etag')).toMatch(/^"[\w-]+"$/);
      expect(body.residencePermit).toMatchObject({
        stream: 'residence-permit-w-1',
        revision: 3,
        status: 'active',
        address: { line: '仁和区新街3号', districtCode: '510411' },
        addressSince: '2026-09-01',
      });
      expect(body.worker).toMatchObject({ revision: 0, registered: true, idNumber: '510402199001011234' });
      expect(body.insurance).toMatchObject({ revision: 0, contributionMonths: { 'employee-pension': 33 } });
      expect(body.housing).toMatchObject({ revision: -1, rental: null });
    });

    it('as of 31 August: the old address, and no permit yet (applied for and issued later)', async () => {
      const { body } = await json('/v1/workers/w-1/summary?asOf=2026-08-31', 'residence-office');
      expect(body.asOf).toBe('2026-08-31');
      expect(body.residencePermit).toMatchObject({
        revision: 3,
        eventsApplied: 1,
        status: 'none',
        address: { districtCode: '510402' },
      });
    });

    it('as of 1 October the move is in effect, but the ledger did not know it before it was recorded', async () => {
      const inWorld = await json('/v1/workers/w-1/summary?asOf=2026-10-01', 'residence-office');
      expect(inWorld.body.residencePermit.address.districtCode).toBe('510411');
      const known = await json(
        `/v1/workers/w-1/summary?asOf=2026-10-01&knownAt=${encodeURIComponent(beforeMove)}`,
        'residence-office',
      );
      expect(known.body.residencePermit).toMatchObject({ revision: 2, address: { districtCode: '510402' } });
      const knownNow = await json(
        `/v1/workers/w-1/summary?knownAt=${encodeURIComponent(beforeMove)}`,
        'residence-office',
      );
      expect(knownNow.body.residencePermit).toMatchObject({
        revision: 2,
        status: 'active',
        address: { districtCode: '510402' },
      });
      expect(knownNow.headers.get('etag')).not.toBe(inWorld.headers.get('etag'));
    });

    it('masks the 身份证号 for a department that does not own it, and hides what it may not read', async () => {
      const { body } = await json('/v1/workers/w-1/summary', 'hrss');
      expect(body.worker.idNumber).toBe('5104**********1234');
      expect(body.residencePermit.address.line).toBe('***');
      expect(body.insurance.contributionMonths).toEqual({ 'employee-pension': 33 });
      expect(body.housing).toEqual({ stream: 'housing-w-1', visible: false });
    });

    it('answers 400 to a malformed date and 404 to a worker the ledger does not hold', async () => {
      expect((await get('/v1/workers/w-1/summary?asOf=31-08-2026')).status).toBe(400);
      expect((await get('/v1/workers/w-1/summary?knownAt=yesterday')).status).toBe(400);
      expect((await get('/v1/workers/w-nobody/summary')).status).toBe(404);
    });
  });

  describe('the integration feed', () => {
    it('pages the global order with no gap and no repeat, the next cursor in the body and the Link header', async () => {
      const all = await store.readAll({ after: 0, maxCount: 1000 });
      const seen: number[] = [];
      let after = 0;
      for (let i = 0; i < 50; i++) {
        const { body, headers } = await json(`/v1/feed?after=${after}&limit=3`);
        expect(headers.get('link')).toBe(`</v1/feed?after=${body.next}&limit=3>; rel="next"`);
        if (body.events.length === 0) break;
        seen.push(...body.events.map((e: EventView) => e.globalPosition));
        after = body.next;
      }
      expect(seen).toEqual(all.map((e) => e.globalPosition));
    });

    it('shows a department only the categories it may read, personal fields masked', async () => {
      const { body } = await json('/v1/feed?limit=1000', 'health');
      const categories = new Set(body.events.map((e: EventView) => e.streamName.replace(/-w-.*$/, '')));
      expect([...categories].sort()).toEqual(['worker']);
      expect(body.events[0].data.idNumber).toBe('5104**********1234');
    });

    it('holds a caught-up long-poll until an event is appended, then answers at once', async () => {
      const head = await store.headPosition();
      const started = Date.now();
      const pending = json(`/v1/feed?after=${head}&wait=20`);
      await sleep(300);
      await run('ChangeContactDetails', 'w-1', { phone: '13900000001' });
      const { body } = await pending;
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(body.events.map((e: EventView) => e.type)).toEqual(['ContactDetailsChanged']);
      expect(body.next).toBe(body.events[0].globalPosition);
    });

    it('answers an empty page with the same cursor when the wait runs out', async () => {
      const head = await store.headPosition();
      const started = Date.now();
      const { body } = await json(`/v1/feed?after=${head}&wait=1`);
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
      expect(body).toEqual({ events: [], next: head });
    });

    it('streams server-sent events with the position as id, and resumes after Last-Event-ID', async () => {
      const all = await store.readAll({ after: 0, maxCount: 1000 });
      const first = await readSse(`${base}/v1/feed/stream`, {}, 3);
      expect(first.contentType).toContain('text/event-stream');
      expect(first.events.map((e) => e.id)).toEqual(all.slice(0, 3).map((e) => String(e.globalPosition)));
      const resumed = await readSse(`${base}/v1/feed/stream`, { 'last-event-id': first.events[2]!.id }, 2);
      expect(resumed.events.map((e) => e.id)).toEqual(all.slice(3, 5).map((e) => String(e.globalPosition)));
      expect(resumed.events[0]!.event).toBe(all[3]!.type);
      expect(JSON.parse(resumed.events[0]!.data)).toMatchObject({ globalPosition: all[3]!.globalPosition });
    });
  });
});

/** Reads `count` events from an SSE endpoint as the audit department, then hangs up. */
async function readSse(url: string, headers: Record<string, string>, count: number) {
  const controller = new AbortController();
  const res = await fetch(url, { headers: { 'x-test-department': 'audit', ...headers }, signal: controller.signal });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const events: { id: string; event: string; data: string }[] = [];
  let buffer = '';
  while (events.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const fields = Object.fromEntries(
        frame
          .split('\n')
          .filter((line) => line && !line.startsWith(':'))
          .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trimStart()]),
      );
      if (fields.id) events.push({ id: fields.id, event: fields.event ?? '', data: fields.data ?? '' });
    }
  }
  controller.abort();
  await reader.cancel().catch(() => undefined);
  return { contentType: res.headers.get('content-type') ?? '', events: events.slice(0, count) };
}
