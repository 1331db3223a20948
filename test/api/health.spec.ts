import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { PostgresEventStore } from '@ledger/event-store';
import { loadPack, PolicyView } from '@ledger/policy';
import { createApp } from '../../apps/api/src/create-app';
import { createTestDatabase, TestDatabase } from '../support/test-database';

function appDeps(store: PostgresEventStore) {
  return {
    store,
    readPool: store.pool,
    execute: { store, policy: new PolicyView(loadPack('panzhihua')), today: () => '2026-11-24' },
    runtime: { adapter: 'postgres' as const, embeddedDatabase: true, jurisdiction: 'panzhihua' },
  };
}

describe('the API’s operational endpoints', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    db = await createTestDatabase('api');
    store = await PostgresEventStore.connect(db.url);
    app = await createApp(appDeps(store), { logger: false });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    await db.drop();
  });

  it('answers /health 200 with the store reachable', async () => {
    const res = await fetch(`${base}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', store: { adapter: 'postgres', reachable: true } });
  });

  it('answers /health 503 when the store does not answer', async () => {
    const broken = { headPosition: () => Promise.reject(new Error('connection refused')) };
    const down = await createApp({ ...appDeps(store), store: broken as never }, { logger: false });
    await down.listen(0, '127.0.0.1');
    const port = (down.getHttpServer().address() as AddressInfo).port;
    const res = await fetch(`http://127.0.0.1:${port}/health`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'unavailable', store: { reachable: false } });
    await down.close();
  });

  it('serves an OpenAPI 3 document at /openapi.json and the browsable docs at /docs', async () => {
    const doc = (await (await fetch(`${base}/openapi.json`)).json()) as { openapi: string; info: { title: string }; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toBe('Entitlement Ledger API');
    expect(doc.paths['/health']).toBeDefined();
    const html = await (await fetch(`${base}/docs`)).text();
    expect(html).toContain('swagger-ui');
  });

  it('serves Prometheus metrics with the store head and every projection’s lag', async () => {
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/^ledger_event_store_head_position \d+/m);
    expect(text).toContain('# TYPE ledger_projection_lag_events gauge');
  });

  it('answers an unknown route with a 404 problem+json', async () => {
    const res = await fetch(`${base}/v1/nothing-here`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ type: expect.stringContaining('/problems/not-found'), status: 404 });
  });

  it('answers malformed JSON with a 400 problem+json, never a 5xx', async () => {
    const res = await fetch(`${base}/health`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"broken' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('a method a known path does not serve', () => {
  it('answers 405 problem+json with Allow, not 404', async () => {
    const db = await createTestDatabase('m405');
    const store = await PostgresEventStore.connect(db.url);
    const app = await createApp(appDeps(store), { logger: false });
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const res = await fetch(`${base}/health`, { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ type: expect.stringContaining('/problems/method-not-allowed'), status: 405 });
    const command = await fetch(`${base}/v1/workers/w-1/residence-permit/registrations`, { method: 'GET' });
    expect(command.status).toBe(405);
    expect(command.headers.get('allow')).toBe('POST');
    await app.close();
    await store.close();
    await db.drop();
  });
});
