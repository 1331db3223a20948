import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { PostgresEventStore } from '@ledger/event-store';
import { loadPack, PolicyView } from '@ledger/policy';
import { createApp } from '../../apps/api/src/create-app';
import { CredentialService } from '../../apps/api/src/security';
import { tcpRelay as relay } from '../support/tcp-relay';
import { createTestDatabase, TestDatabase } from '../support/test-database';

// Issue 14 items 4 and 5: request and command metrics, process metrics under their standard
// names, /health/live and /health/ready apart, and an outage of PostgreSQL (the API reaches it
// through a TCP relay the test cuts) answered 503 by readiness and 200 by /metrics, with no
// address in any body.

describe('metrics and probes', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let app: INestApplication;
  let base: string;
  let link: Awaited<ReturnType<typeof relay>>;

  beforeAll(async () => {
    db = await createTestDatabase('metrics');
    link = await relay(new URL(db.url));
    store = await PostgresEventStore.connect(link.url, { poolSize: 4 });
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
  });
  afterAll(async () => {
    link.cut();
    await app.close();
    await store.close().catch(() => undefined);
    await db.drop();
  });

  it('counts requests by route and status and commands by type, outcome and rule id; process metrics keep their standard names', async () => {
    const token = (await app.get(CredentialService).issue({ department: 'residence-office', principal: 'counter-01' }))
      .token;
    const post = (path: string, body: unknown) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': path },
        body: JSON.stringify(body),
      });
    await post('/v1/workers/w-m/registrations', {
      name: '李娜',
      idNumber: '110105198803150029',
      phone: '13800000002',
      birthDate: '1988-03-15',
      hukouPlace: { areaCode: '513401', address: '西昌市某村' },
      arrivalOn: '2026-06-01',
    });
    await post('/v1/workers/w-m/residence-permit/registrations', {
      address: { line: '攀枝花市东区炳草岗大街2号', districtCode: '510402' },
      arrivalOn: '2026-06-01',
    });
    expect((await post('/v1/workers/w-m/residence-permit/applications', { ground: 'stable-job' })).status).toBe(422);
    expect((await fetch(`${base}/health/live`)).status).toBe(200);

    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('ledger_http_requests_total{method="GET",route="/health/live",status="200"} 1');
    expect(text).toContain(
      'ledger_http_requests_total{method="POST",route="/v1/workers/:workerId/residence-permit/applications",status="422"} 1',
    );
    expect(text).toMatch(
      /ledger_http_request_duration_seconds_count\{method="POST",route="\/v1\/workers\/:workerId\/registrations",status="201"\} 1/,
    );
    expect(text).toContain('ledger_commands_total{type="RegisterWorker",outcome="accepted",rule_id=""} 1');
    expect(text).toContain(
      'ledger_commands_total{type="ApplyForPermit",outcome="refused",rule_id="permit.apply.conditions"} 1',
    );
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes \d/m);
    expect(text).not.toContain('ledger_process_');
    expect(text).toContain('ledger_event_store_up 1');
  });

  it('answers /health/ready 200 while PostgreSQL answers', async () => {
    const res = await fetch(`${base}/health/ready`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'ok',
      info: { store: { status: 'up' }, readModels: { status: 'up' } },
      error: {},
      details: { store: { status: 'up' }, readModels: { status: 'up' } },
    });
  });

  it('with PostgreSQL cut off: readiness and /health 503 without an address, liveness 200, /metrics 200 with ledger_event_store_up 0', async () => {
    link.cut();
    const port = new URL(link.url).port;

    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(503);
    const readyBody = await ready.text();
    expect(JSON.parse(readyBody)).toEqual({
      status: 'error',
      info: {},
      error: {
        store: { status: 'down', reason: 'does not answer' },
        readModels: { status: 'down', reason: 'does not answer' },
      },
      details: {
        store: { status: 'down', reason: 'does not answer' },
        readModels: { status: 'down', reason: 'does not answer' },
      },
    });

    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(503);
    const healthBody = await health.text();
    expect(JSON.parse(healthBody)).toEqual({
      status: 'unavailable',
      store: { adapter: 'postgres', reachable: false, error: 'the event store does not answer' },
    });

    expect((await fetch(`${base}/health/live`)).status).toBe(200);

    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    expect(text).toContain('ledger_event_store_up 0');
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);

    for (const body of [readyBody, healthBody]) expect(body).not.toContain(port);
    for (const body of [readyBody, healthBody, text]) {
      expect(body).not.toContain('127.0.0.1');
      expect(body).not.toContain('ECONNREFUSED');
    }
  });
});
