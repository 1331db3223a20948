import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { COMMAND_SPECS, executeCommand, type CommandEnvelope } from '@ledger/application';
import { PostgresEventStore } from '@ledger/event-store';
import { loadPack, PolicyView } from '@ledger/policy';
import { ensureProjectorSchema, ProjectionRunner } from '@ledger/projections';
import { DEPARTMENT_PROJECTIONS } from '@ledger/read-models';
import { buildHistory } from '@ledger/read-models/testing/history';
import { createApp } from '../../apps/api/src/create-app';
import type { EventView } from '../../apps/api/src/routes/reads/event-view';
import { CredentialService, DEPARTMENT_NAMES } from '../../apps/api/src/security';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { committedHead } from '../support/committed-head';

const TODAY = '2026-11-24';
const policy = new PolicyView(loadPack('panzhihua'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The wiring docs/api-reads.md asks of AppModule: make it global exporting EVENT_STORE and
 * READ_POOL, and import ReadRoutesModule (here beside the security module, as main will).
 */
/** Runs every department projection until its checkpoint reaches the store's head. */
async function projectAll(store: PostgresEventStore): Promise<void> {
  await ensureProjectorSchema(store.pool);
  const head = await committedHead(store.pool);
  for (const projection of DEPARTMENT_PROJECTIONS) {
    const runner = new ProjectionRunner(store, store.pool, projection, { batchSize: 50, poison: 'stop' });
    const done = runner.start();
    const started = Date.now();
    for (;;) {
      const { rows } = await store.pool.query('SELECT position FROM projector.checkpoints WHERE name = $1', [
        projection.name,
      ]);
      if (rows.length > 0 && Number(rows[0].position) >= head) break;
      if (runner.state === 'failed') await done;
      if (Date.now() - started > 30_000) throw new Error(`${projection.name} did not catch up`);
      await sleep(25);
    }
    await runner.stop();
  }
}

describe('the read routes', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let app: INestApplication;
  let base: string;
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
  const tokens = new Map<string, string>();
  const get = (path: string, department: string | null = 'audit', headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, {
      headers: { ...(department ? { authorization: `Bearer ${tokens.get(department)}` } : {}), ...headers },
    });
  const json = async (path: string, department: string | null = 'audit') => {
    const res = await get(path, department);
    // A response body is whatever the route answered; the expectations below say its shape.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: res.status, headers: res.headers, body: (await res.json()) as any };
  };

  beforeAll(async () => {
    db = await createTestDatabase('reads');
    store = await PostgresEventStore.connect(db.url, { poolSize: 10 });
    await projectAll(store);
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
    for (const department of DEPARTMENT_NAMES) {
      tokens.set(
        department,
        (await app.get(CredentialService).issue({ department, principal: `${department}-tester` })).token,
      );
    }

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
    await run('IssuePermit', 'w-1', { permitNumber: '510402000000000009', issuingOfficeCode: '510402' });
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
      // recordedAt is the store's clock, so the test asserts order, never a calendar date.
      expect(move).toMatchObject({ effectiveOn: '2026-09-01', recordedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/) });
      expect(Date.parse(move.recordedAt)).toBeGreaterThan(Date.parse(beforeMove));
      expect(Date.parse(move.recordedAt)).toBeGreaterThan(Date.parse(first.recordedAt));
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
      // Histories are for auditors (audit:read, docs/access.md); the counter reads the summary.
      expect((await get('/v1/streams/worker-w-1/events', 'residence-office')).status).toBe(403);
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
      // An owner who switched the append-only trigger off for the session (issue 16).
      await store.pool.query(
        `BEGIN; SET LOCAL session_replication_role = replica;
         UPDATE event_store.events SET data = jsonb_set(data, '{phone}', '"13999999999"') WHERE stream_name = 'worker-w-tampered' AND stream_revision = 1;
         COMMIT;`,
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
      const head = await committedHead(store.pool);
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
      const head = await committedHead(store.pool);
      const started = Date.now();
      const { body } = await json(`/v1/feed?after=${head}&wait=1`);
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
      expect(body).toEqual({ events: [], next: head });
    });

    it('streams server-sent events with the position as id, and resumes after Last-Event-ID', async () => {
      const all = await store.readAll({ after: 0, maxCount: 1000 });
      const first = await readSse(`${base}/v1/feed/stream`, { authorization: `Bearer ${tokens.get('audit')}` }, 3);
      expect(first.contentType).toContain('text/event-stream');
      expect(first.events.map((e) => e.id)).toEqual(all.slice(0, 3).map((e) => String(e.globalPosition)));
      const resumed = await readSse(
        `${base}/v1/feed/stream`,
        { authorization: `Bearer ${tokens.get('audit')}`, 'last-event-id': first.events[2]!.id },
        2,
      );
      expect(resumed.events.map((e) => e.id)).toEqual(all.slice(3, 5).map((e) => String(e.globalPosition)));
      expect(resumed.events[0]!.event).toBe(all[3]!.type);
      expect(JSON.parse(resumed.events[0]!.data)).toMatchObject({ globalPosition: all[3]!.globalPosition });
    });
  });

  it('documents every read route in /openapi.json with its tag and an example', async () => {
    const doc = (await (await fetch(`${base}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { tags?: string[]; responses: Record<string, unknown> }>>;
    };
    const paths = [
      '/v1/streams/{streamName}/events',
      '/v1/streams/{streamName}/verification',
      '/v1/workers/{workerId}/summary',
      '/v1/feed',
      '/v1/feed/stream',
      '/v1/public-security/permits/{workerId}',
      '/v1/public-security/permits',
      '/v1/public-security/statistics',
      '/v1/hrss/transfers',
      '/v1/hrss/statistics',
      '/v1/housing/waitlist',
      '/v1/education/enrollments',
      '/v1/health/vaccinations/{childId}',
      '/v1/points/ranking',
      '/v1/audit/decisions',
      '/v1/audit/statistics',
    ];
    for (const path of paths) {
      const get = doc.paths[path]?.get;
      expect({
        path,
        tagged: (get?.tags?.length ?? 0) > 0,
        ok: JSON.stringify(get?.responses?.['200'] ?? '').includes('example'),
      }).toEqual({
        path,
        tagged: true,
        ok: true,
      });
    }
  });

  describe('the department read models', () => {
    beforeAll(async () => {
      await buildHistory(store);
      await projectAll(store);
    });

    it('public-security: a worker’s permit with its ETag, permits by status, and counts by status', async () => {
      const permit = await json('/v1/public-security/permits/w-zhang', 'public-security');
      expect(permit.status).toBe(200);
      expect(permit.body).toMatchObject({ workerId: 'w-zhang', status: 'active', permitNumber: '510402000000000002' });
      expect(permit.body.endorsements).toEqual([
        expect.objectContaining({ endorsedOn: '2023-07-01', late: false }),
        expect.objectContaining({ endorsedOn: '2024-07-01', late: false }),
      ]);
      expect(permit.headers.get('etag')).toBe(`"${permit.body.streamRevision}"`);
      const list = await json('/v1/public-security/permits?status=applied', 'public-security');
      expect(list.body.rows.map((r: { workerId: string }) => r.workerId)).toEqual(['w-wang']);
      const stats = await json('/v1/public-security/statistics?on=2026-11-24', 'public-security');
      expect(stats.body.byStatus).toEqual(
        expect.arrayContaining([expect.objectContaining({ key: 'applied', count: 1 })]),
      );
      expect((await get('/v1/public-security/permits/w-nobody', 'public-security')).status).toBe(404);
      expect((await get('/v1/public-security/permits', 'health')).status).toBe(403);
    });

    it('pages with a keyset cursor and a Link header, and answers 400 to a forged cursor', async () => {
      const first = await json('/v1/public-security/permits?limit=1', 'public-security');
      expect(first.body.rows).toHaveLength(1);
      expect(first.headers.get('link')).toContain(`after=${first.body.next}`);
      const second = await json(`/v1/public-security/permits?limit=1&after=${first.body.next}`, 'public-security');
      expect(second.body.rows[0].workerId > first.body.rows[0].workerId).toBe(true);
      expect((await get('/v1/public-security/permits?after=bm90LWEtY3Vyc29y', 'public-security')).status).toBe(400);
    });

    it('hrss: the transfer still waiting for its 联系函, and transfers in flight counted', async () => {
      const { body } = await json('/v1/hrss/transfers?inFlight=true', 'hrss');
      expect(body.rows).toEqual([expect.objectContaining({ workerId: 'w-li', transferId: 't-2' })]);
      const stats = await json('/v1/hrss/statistics?on=2026-11-24', 'hrss');
      expect(stats.body.transfers).toEqual({ inFlight: 1, overdue: 1 });
      expect((await get('/v1/hrss/transfers?inFlight=false', 'hrss')).status).toBe(400);
    });

    it('housing: the waitlist in order', async () => {
      const { body } = await json('/v1/housing/waitlist', 'housing');
      expect(body.rows).toEqual([expect.objectContaining({ workerId: 'w-zhang' })]);
      expect((await json('/v1/housing/statistics', 'housing')).body.waitlist).toBe(1);
    });

    it('education: applications per district and school year, and enrolment by district', async () => {
      const { body } = await json('/v1/education/enrollments?district=510411&schoolYear=2024', 'education');
      expect(body.rows).toEqual([expect.objectContaining({ childId: 'c-1', status: 'enrolled' })]);
      const stats = await json('/v1/education/statistics?schoolYear=2024', 'education');
      expect(stats.body.enrolmentsByDistrict).toEqual([{ key: '510411', count: 1 }]);
    });

    it('health: a child’s vaccination check with its gaps', async () => {
      const { status, body } = await json('/v1/health/vaccinations/c-2', 'health');
      expect(status).toBe(200);
      expect(body).toMatchObject({ childId: 'c-2' });
      expect(body.checks).toEqual([expect.objectContaining({ certificate: 'gaps', missingVaccines: ['MMR-2'] })]);
    });

    it('points: the 2025-H1 ranking, the tie broken by the earlier permit', async () => {
      const { body } = await json('/v1/points/ranking?round=2025-H1', 'migrant-services');
      expect(body.rows.map((r: { workerId: string }) => r.workerId)).toEqual(['w-li', 'w-zhang']);
      expect((await get('/v1/points/ranking', 'migrant-services')).status).toBe(400);
    });

    it('audit: the decisions that applied a rule, with their citations', async () => {
      const all = await json('/v1/audit/decisions?limit=500', 'audit');
      const ruleId = all.body.rows[0].rules[0].ruleId as string;
      const { body } = await json(`/v1/audit/decisions?ruleId=${encodeURIComponent(ruleId)}`, 'audit');
      expect(body.rows.length).toBeGreaterThan(0);
      for (const row of body.rows) expect(row.rules.map((r: { ruleId: string }) => r.ruleId)).toContain(ruleId);
      expect((await get('/v1/audit/decisions', 'hrss')).status).toBe(403);
    });

    it('the summary finds a worker’s children through the education read model and folds them from the store', async () => {
      const { body } = await json('/v1/workers/w-zhang/summary', 'residence-office');
      expect(body.children).toEqual([
        expect.objectContaining({
          stream: 'schooling-c-1',
          childId: 'c-1',
          enrolment: expect.objectContaining({ schoolId: 's-renhe-1' }),
        }),
      ]);
      expect(body.points).toMatchObject({ status: 'assessed', round: { roundId: '2025-H1' } });
    });
  });
});

/** Reads `count` events from an SSE endpoint, then hangs up. */
async function readSse(url: string, headers: Record<string, string>, count: number) {
  const controller = new AbortController();
  const res = await fetch(url, { headers, signal: controller.signal });
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
