import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { ensureDatabase } from '@ledger/database';
import { PostgresEventStore } from '@ledger/event-store';
import { loadPack, PolicyView } from '@ledger/policy';
import { ProjectionRunner } from '@ledger/projections';
import { publicSecurityProjection } from '@ledger/read-models';
import type { Pool } from 'pg';
import { createApp } from '../../apps/api/src/create-app';
import { committedHead } from '../support/committed-head';
import { AccessLogService } from '../../apps/api/src/security/access-log.service';
import { CredentialService } from '../../apps/api/src/security/credential.service';
import { freePort, startPostgresProcess, type PostgresProcess } from '../support/postgres-process';

/**
 * Issue 16: while PostgreSQL was down every command answered 500, and every access attempt in
 * that time was missing from the access log. Here the API runs on a PostgreSQL of its own, which
 * is stopped and started again under it: 503 problem+json with Retry-After while it is away, the
 * API answering again by itself afterwards, each attempt of the outage in the access log, and
 * each command retried with its key applied once.
 */
describe('PostgreSQL stopped and started again under the API (issue 16)', () => {
  let parent: string;
  let port: number;
  let server: PostgresProcess | undefined;
  let store: PostgresEventStore;
  let app: INestApplication;
  let base: string;
  let token: string;

  const startDatabase = () => startPostgresProcess(join(parent, 'pg'), port);

  beforeAll(async () => {
    parent = mkdtempSync(join(tmpdir(), 'ledger-outage-'));
    chmodSync(parent, 0o755);
    port = await freePort();
    server = await startDatabase();
    await ensureDatabase(server.url('postgres'), 'ledger');
    store = await PostgresEventStore.connect(server.url('ledger'), { poolSize: 5 });
    // One credential sends a few hundred commands in seconds: the per-credential rate limit is
    // not what this spec is about (a quiet machine would otherwise see 429s).
    process.env.LEDGER_RATE_LIMIT_PER_SECOND = '100000';
    process.env.LEDGER_RATE_LIMIT_BURST = '100000';
    app = await createApp(
      {
        store,
        readPool: store.pool,
        execute: { store, policy: new PolicyView(loadPack('panzhihua')), today: () => '2026-11-24' },
        runtime: { adapter: 'postgres', embeddedDatabase: true, jurisdiction: 'panzhihua' },
      },
      { logger: false },
    );
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    token = (await app.get(CredentialService).issue({ department: 'residence-office', principal: 'outage desk' })).token;
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await store?.close();
    await server?.stop();
    if (parent) rmSync(parent, { recursive: true, force: true });
  });

  async function register(workerId: string, key: string, bearer = token) {
    const res = await fetch(`${base}/v1/workers/${workerId}/residence-permit/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}`, 'idempotency-key': key },
      body: JSON.stringify({ address: { line: '攀枝花市东区炳草岗大街1号' }, arrivalOn: '2026-01-05' }),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  }

  /** Waits until the checkpoint `name` reaches the store's head. */
  async function caughtUp(pool: Pool, name: string): Promise<void> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const head = await committedHead(pool);
      const { rows } = await pool.query('SELECT position FROM projector.checkpoints WHERE name = $1', [name]);
      if (rows.length > 0 && Number(rows[0].position) >= head) return;
      if (Date.now() > deadline) throw new Error(`${name} did not catch up`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Every table of a schema, its rows in a stable order. */
  async function tablesOf(pool: Pool, schema: string): Promise<Record<string, unknown[]>> {
    const { rows: tables } = await pool.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
      [schema],
    );
    const out: Record<string, unknown[]> = {};
    for (const { table_name } of tables) {
      const { rows } = await pool.query(`SELECT to_jsonb(t) AS row FROM "${schema}"."${table_name}" t`);
      out[table_name] = rows.map((r) => JSON.stringify(r.row)).sort();
    }
    return out;
  }

  it('answers 503 with Retry-After while the database is down, recovers by itself, loses no access-log row or retried command, and its read model equals a rebuild', async () => {
    // A read model projected live through the outage, compared with a rebuild at the end.
    const live = new ProjectionRunner(store, store.pool, publicSecurityProjection, { batchSize: 50 });
    const liveDone = live.start().catch(() => undefined);
    const before = await register(`w-${randomUUID()}`, randomUUID());
    expect(before.status).toBe(201);

    await server!.stop();
    server = undefined;
    const during: { workerId: string; key: string }[] = [];
    for (let i = 0; i < 5; i++) {
      const attempt = { workerId: `w-${randomUUID()}`, key: randomUUID() };
      during.push(attempt);
      const answer = await register(attempt.workerId, attempt.key);
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('2');
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(answer.body).toMatchObject({ type: expect.stringMatching(/\/problems\/unavailable$/), status: 503 });
    }
    // A read and a well-formed unknown token: 503 too, never a 500 (and not a 401: the token
    // could not be checked).
    const read = await fetch(`${base}/v1/workers/w-1/summary`, { headers: { authorization: `Bearer ${token}` } });
    expect(read.status).toBe(503);
    expect(read.headers.get('retry-after')).toBe('2');
    const unknown = `${token.slice(0, -6)}zzzzzz`;
    expect((await register(`w-${randomUUID()}`, randomUUID(), unknown)).status).toBe(503);

    server = await startDatabase();
    // The API is not restarted: the next commands are answered, each retried command applied once.
    for (const attempt of during) {
      expect((await register(attempt.workerId, attempt.key)).status).toBe(201);
      const again = await register(attempt.workerId, attempt.key);
      // A replay created nothing: 200 with the first answer (docs/api-commands.md).
      expect(again.status).toBe(200);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(await store.readStream(`residence-permit-${attempt.workerId}`)).toHaveLength(1);
    }

    // Every attempt of the outage is in the access log once the database is back (7 attempts).
    const accessLog = app.get(AccessLogService);
    const deadline = Date.now() + 10_000;
    let unavailable = 0;
    while (Date.now() < deadline) {
      await accessLog.flush();
      const rows = await accessLog.list({ limit: 1000 });
      unavailable = rows.filter((r) => r.status === 503).length;
      if (unavailable >= 7 && accessLog.pending === 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(unavailable).toBe(7);
    expect(accessLog.dropped).toBe(0);

    // The read model that lived through the outage equals one rebuilt from the events.
    await caughtUp(store.pool, publicSecurityProjection.name);
    await live.stop();
    await liveDone;
    const rebuilt = new ProjectionRunner(store, store.pool, publicSecurityProjection, {
      target: { checkpoint: 'public_security_rebuilt', schema: 'public_security_rebuilt' },
    });
    const rebuiltDone = rebuilt.start();
    await caughtUp(store.pool, 'public_security_rebuilt');
    await rebuilt.stop();
    await rebuiltDone;
    const liveRows = await tablesOf(store.pool, publicSecurityProjection.name);
    expect(Object.keys(liveRows).length).toBeGreaterThan(0);
    expect(Object.values(liveRows).flat().length).toBeGreaterThan(0);
    expect(await tablesOf(store.pool, 'public_security_rebuilt')).toEqual(liveRows);
  }, 90_000);

  it('answers nothing but 201 or 503 when PostgreSQL is killed (-9) under 100 concurrent commands, and applies each retried command once', async () => {
    const commands = Array.from({ length: 100 }, () => ({ workerId: `w-${randomUUID()}`, key: randomUUID() }));
    let acked = 0;
    let killing: Promise<void> | undefined;
    const sending = commands.map((c) =>
      register(c.workerId, c.key).then((a) => {
        // Killed once 20 are acknowledged, with the other 80 in flight or queued.
        if (a.status === 201 && ++acked === 20) killing = server!.kill();
        return a.status;
      }),
    );
    const statuses = await Promise.all(sending);
    await killing;
    server = undefined;
    expect(statuses.filter((s) => s !== 201 && s !== 503)).toEqual([]);
    const acknowledged = commands.filter((_, i) => statuses[i] === 201);

    server = await startDatabase();
    for (const c of acknowledged) expect(await store.readStream(`residence-permit-${c.workerId}`)).toHaveLength(1);
    let answered = 0;
    for (const c of commands) {
      const before = (await store.readStream(`residence-permit-${c.workerId}`)).length;
      const retry = await register(c.workerId, c.key);
      // 201 where nothing was appended (applied now); 200 where it was: replayed from the
      // recorded answer, or from the events when the append outran the answer's record.
      const replayed = retry.headers.get('idempotent-replayed') === 'true';
      if (replayed) expect(before).toBe(1);
      expect(retry.status).toBe(before === 1 ? 200 : 201);
      expect(await store.readStream(`residence-permit-${c.workerId}`)).toHaveLength(1);
      answered++;
    }
    expect(answered).toBe(100);
    console.log(
      `PostgreSQL kill -9 under load: ${acknowledged.length} acknowledged, ${statuses.filter((s) => s === 503).length} answered 503, 0 lost`,
    );
  }, 90_000);
});
