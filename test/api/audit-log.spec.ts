import { mkdtempSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AuditLogWriter,
  leafHash,
  loadSigner,
  openNote,
  parseCheckpoint,
  parseVerifierKey,
  PostgresAuditLog,
  verifyConsistency,
  verifyInclusion,
} from '@ledger/audit';
import { anEvent } from '../../libs/event-store/contract/fixtures';
import { startApiHarness, type ApiHarness } from '../support/api-harness';

// The key is configured before the app is built, as LEDGER_AUDIT_KEY_FILE is in production.
const keyFile = join(mkdtempSync(join(tmpdir(), 'audit-key-')), 'key.pem');
writeFileSync(keyFile, generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }));

describe('the verifiable log over HTTP (docs/audit.md)', () => {
  let h: ApiHarness;
  let log: PostgresAuditLog;
  let firstSize: number;

  beforeAll(async () => {
    h = await startApiHarness('auditlog', { env: { LEDGER_AUDIT_KEY_FILE: keyFile, LEDGER_AUDIT_ORIGIN: 'ledger.example.gov.cn/api-test' } });
    log = await PostgresAuditLog.open(h.store.pool);
    const signer = loadSigner(process.env, { jurisdiction: 'panzhihua', generate: false })!;
    const writer = new AuditLogWriter(h.store, log, { signer, checkpointEvery: 1, checkpointSeconds: 3600 });
    for (let i = 0; i < 5; i++) await h.store.appendToStream('worker-w-a', [anEvent('Noted', { i })], { expectedRevision: 'any' });
    await writer.catchUp();
    firstSize = (await log.state()).size;
    for (let i = 0; i < 6; i++) await h.store.appendToStream('worker-w-b', [anEvent('Noted', { i })], { expectedRevision: 'any' });
    await writer.catchUp();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('publishes the signing key as a note verifier key whose id matches (200)', async () => {
    const res = await h.get('/v1/audit/public-key', { token: h.token('audit') });
    expect(res.status).toBe(200);
    expect(res.body.name).toBe('ledger.example.gov.cn/api-test');
    expect(res.body.algorithm).toBe('Ed25519');
    expect(parseVerifierKey(res.body.verifierKey).keyId.toString('hex')).toBe(res.body.keyId);
  });

  it('serves the latest checkpoint as a signed note that verifies with that key', async () => {
    const key = parseVerifierKey((await h.get('/v1/audit/public-key', { token: h.token('audit') })).body.verifierKey);
    const res = await h.get('/v1/audit/checkpoint', { token: h.token('audit') });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const checkpoint = parseCheckpoint(openNote(res.text, key));
    expect(checkpoint.size).toBe((await log.state()).size);
  });

  it('proves an event’s inclusion in the latest checkpoint, and consistency between two checkpoints', async () => {
    const key = parseVerifierKey((await h.get('/v1/audit/public-key', { token: h.token('audit') })).body.verifierKey);
    const checkpoint = parseCheckpoint(openNote((await h.get('/v1/audit/checkpoint', { token: h.token('audit') })).text, key));
    const [event] = await h.store.readStream('worker-w-a');
    const res = await h.get(`/v1/audit/events/${event!.eventId}/inclusion`, { token: h.token('audit') });
    expect(res.status).toBe(200);
    expect(res.body.treeSize).toBe(checkpoint.size);
    const path = res.body.hashes.map((x: string) => Buffer.from(x, 'hex'));
    expect(verifyInclusion(res.body.leafIndex, checkpoint.size, leafHash(Buffer.from(event!.hash, 'hex')), path, checkpoint.root)).toBe(true);

    const first = (await log.checkpoints()).find((c) => c.treeSize === firstSize)!;
    const c = await h.get(`/v1/audit/consistency?from=${firstSize}&to=${checkpoint.size}`, { token: h.token('audit') });
    expect(c.status).toBe(200);
    const proof = c.body.hashes.map((x: string) => Buffer.from(x, 'hex'));
    expect(verifyConsistency(firstSize, checkpoint.size, first.root, checkpoint.root, proof)).toBe(true);
  });

  it('answers bad sizes and ids with 400 problem+json, unknown events and sizes beyond the log with 404', async () => {
    const token = h.token('audit');
    const bad = await h.get('/v1/audit/consistency?from=9&to=2', { token });
    expect([bad.status, bad.headers.get('content-type'), bad.body.errors[0].parameter]).toEqual([400, 'application/problem+json; charset=utf-8', 'from']);
    expect((await h.get('/v1/audit/consistency?from=-1&to=2', { token })).status).toBe(400);
    expect((await h.get('/v1/audit/consistency?from=1', { token })).status).toBe(400);
    expect((await h.get('/v1/audit/consistency?from=1&to=99999', { token })).status).toBe(404);
    expect((await h.get('/v1/audit/events/not-a-uuid/inclusion', { token })).status).toBe(400);
    expect((await h.get('/v1/audit/events/00000000-0000-4000-8000-000000000000/inclusion', { token })).status).toBe(404);
  });

  it('explains a decision: pack, rule with clause and quote, inputs, the state it folded, the worker stream its facts came from, today’s pack', async () => {
    const office = h.token('residence-office');
    const created = await h.post(
      '/v1/workers/w-ex/registrations',
      { name: '张伟', idNumber: '11010519491231002X', phone: '13800000001', birthDate: '1949-12-31', hukouPlace: { areaCode: '513401', address: '西昌市某村' }, arrivalOn: '2025-01-05' },
      { token: office },
    );
    expect(created.status).toBe(201);
    const residence = await h.post(
      '/v1/workers/w-ex/residence-permit/registrations',
      { address: { line: '攀枝花市东区炳草岗大街1号', districtCode: '510402' }, arrivalOn: '2025-01-05' },
      { token: office },
    );
    expect(residence.status).toBe(201);
    const applied = await h.post('/v1/workers/w-ex/residence-permit/applications', { ground: 'stable-job' }, { token: office });
    expect(applied.status).toBe(201);
    await new AuditLogWriter(h.store, log).catchUp();

    const eventId = applied.body.events[0].eventId;
    const res = await h.get(`/v1/decisions/${eventId}/explanation`, { token: h.token('audit') });
    expect(res.status).toBe(200);
    expect(res.body.event).toMatchObject({ eventId, streamName: 'residence-permit-w-ex', streamRevision: 1, type: applied.body.events[0].type });
    expect(res.body.packId).toBe('panzhihua');
    expect(res.body.decidedOn).toBe('2026-11-24');
    expect(res.body.rules.map((r: { ruleId: string; source: string; quote: string }) => r.ruleId)).toContain('permit.apply.conditions');
    for (const rule of res.body.rules) expect(rule.source.length * rule.quote.length).toBeGreaterThan(0);
    expect(Object.keys(res.body.inputs).length).toBeGreaterThan(0);
    expect(res.body.state.map((e: { type: string }) => e.type)).toEqual([residence.body.events[0].type]);
    expect(res.body.factSources).toEqual([{ streamName: 'worker-w-ex', revision: 0 }]);
    expect(res.body.todaysPack.rules.every((r: { change: string }) => r.change === 'same')).toBe(true);

    const notDecision = await h.get(`/v1/decisions/${created.body.events[0].eventId}/explanation`, { token: h.token('audit') });
    expect([notDecision.status, notDecision.body.detail]).toEqual([404, `Event ${created.body.events[0].eventId} records no decision`]);
    expect((await h.get('/v1/decisions/nope/explanation', { token: h.token('audit') })).status).toBe(400);
  });

  it('re-decides a decision under its own pack version and today’s (200), and answers 404, 422, 400, 401 and 403 as documented', async () => {
    const office = h.token('residence-office');
    const registered = await h.post(
      '/v1/workers/w-rd/registrations',
      { name: '王强', idNumber: '11010519491231002X', phone: '13800000003', birthDate: '1949-12-31', hukouPlace: { areaCode: '513401', address: '盐源县某村' }, arrivalOn: '2025-02-01' },
      { token: office },
    );
    expect(registered.status).toBe(201);
    const residence = { address: { line: '攀枝花市东区某巷4号', districtCode: '510402' }, arrivalOn: '2025-02-01' };
    expect((await h.post('/v1/workers/w-rd/residence-permit/registrations', residence, { token: office })).status).toBe(201);
    const applied = await h.post('/v1/workers/w-rd/residence-permit/applications', { ground: 'stable-home' }, { token: office });
    expect(applied.status).toBe(201);
    await new AuditLogWriter(h.store, log).catchUp();

    const eventId = applied.body.events[0].eventId;
    const res = await h.get(`/v1/decisions/${eventId}/redecision`, { token: h.token('audit') });
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'application/json; charset=utf-8']);
    expect(res.body).toMatchObject({
      event: { eventId, streamName: 'residence-permit-w-rd', streamRevision: 1, type: 'PermitApplied' },
      decision: { packId: 'panzhihua', decidedOn: '2026-11-24' },
      command: { type: 'ApplyForPermit', today: '2026-11-24', read: { 'residence-permit-w-rd': 0 }, batch: { index: 0, size: 1 } },
      verdict: 'reproduced',
      ownPack: { packId: 'panzhihua', outcome: 'same', differences: [], refusal: null, error: null, reason: null },
      todaysPack: { packId: 'panzhihua', rulesOn: '2026-11-24', outcome: 'same', differences: [] },
    });
    expect(res.body.todaysPack.rules.map((r: { ruleId: string; change: string }) => [r.ruleId, r.change])).toEqual(
      res.body.decision.rules.map((r: { ruleId: string }) => [r.ruleId, 'same']),
    );

    const unknown = await h.get('/v1/decisions/00000000-0000-4000-8000-000000000000/redecision', { token: h.token('audit') });
    expect([unknown.status, unknown.body.type]).toEqual([404, '/problems/not-found']);
    const fact = await h.get(`/v1/decisions/${registered.body.events[0].eventId}/redecision`, { token: h.token('audit') });
    expect([fact.status, fact.body.type, fact.body.detail]).toEqual([422, '/problems/not-a-decision', `Event ${registered.body.events[0].eventId} records no decision`]);
    expect((await h.get('/v1/decisions/nope/redecision', { token: h.token('audit') })).status).toBe(400);
    expect((await h.get(`/v1/decisions/${eventId}/redecision`)).status).toBe(401);
    expect((await h.get(`/v1/decisions/${eventId}/redecision`, { token: h.token('education') })).status).toBe(403);

    const doc = (await h.get('/openapi.json')).body;
    const operation = doc.paths['/v1/decisions/{eventId}/redecision'].get;
    expect(operation.operationId).toBe('GetDecisionRedecision');
    expect(operation.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Redecision' });
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '400', '404', '422']));
  });

  it('keeps a policy refusal in the audit log with rule, clause, inputs and the refused command, once per Idempotency-Key; the stream and a 400 record nothing', async () => {
    const office = h.token('residence-office');
    const worker = { name: '李娜', idNumber: '11010519491231002X', phone: '13800000002', birthDate: '1949-12-31', hukouPlace: { areaCode: '513401', address: '西昌市某村' }, arrivalOn: '2026-06-01' };
    expect((await h.post('/v1/workers/w-ref/registrations', worker, { token: office })).status).toBe(201);
    const residence = { address: { line: '攀枝花市东区炳草岗大街1号', districtCode: '510402' }, arrivalOn: '2026-06-01' };
    expect((await h.post('/v1/workers/w-ref/residence-permit/registrations', residence, { token: office })).status).toBe(201);
    const before = await h.store.readStream('residence-permit-w-ref');

    const refused = await h.post('/v1/workers/w-ref/residence-permit/applications', { ground: 'stable-job' }, { token: office, key: 'apply-w-ref' });
    expect([refused.status, refused.body.ruleId]).toEqual([422, 'permit.apply.conditions']);
    const again = await h.post('/v1/workers/w-ref/residence-permit/applications', { ground: 'stable-job' }, { token: office, key: 'apply-w-ref' });
    expect(again.status).toBe(422);
    const bad = await h.post('/v1/workers/w-ref/residence-permit/applications', { ground: 'no-such-ground' }, { token: office });
    expect(bad.status).toBe(400);
    expect(await h.store.readStream('residence-permit-w-ref')).toEqual(before);

    const res = await h.get('/v1/audit/refusals?subjectId=w-ref', { token: h.token('audit') });
    expect(res.status).toBe(200);
    expect(res.body.refusals).toHaveLength(1);
    const [r] = res.body.refusals;
    expect(r).toMatchObject({
      subjectId: 'w-ref',
      streamName: 'residence-permit-w-ref',
      commandType: 'ApplyForPermit',
      command: { ground: 'stable-job' },
      actor: { department: 'residence-office', principal: 'residence-office-harness' },
      ruleId: 'permit.apply.conditions',
      source: 'national-663 第二条',
      quote: '居住半年以上',
      packId: 'panzhihua',
      detail: refused.body.detail,
    });
    expect(r.refusal.computed).toEqual(refused.body.computed);
    expect(r.refusal.eligibleFrom).toBe('2026-12-01');
    expect(r.notice.split('\n')[0]).toBe('不予受理通知书');
    expect(r.notice).toContain(`决定：${refused.body.detail}`);
    expect((await h.get('/v1/audit/refusals', { token: h.token('audit') })).status).toBe(400);
  });

  it('needs audit:read: the education department gets 403', async () => {
    expect((await h.get('/v1/audit/checkpoint', { token: h.token('education') })).status).toBe(403);
  });
});
