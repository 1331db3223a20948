import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import { PostgresEventStore } from '@ledger/event-store';
import { loadPack, PolicyView } from '@ledger/policy';
import { AppModule } from '../../apps/api/src/app.module';
import { AccessLogService, ApiSecurityModule, CredentialService } from '../../apps/api/src/security';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/** ApiSecurityModule wired beside AppModule, as the lead wires it: the operational routes stay open. */
describe('ApiSecurityModule beside AppModule', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    db = await createTestDatabase('security_wiring');
    store = await PostgresEventStore.connect(db.url);
    const deps = {
      store,
      readPool: store.pool,
      execute: { store, policy: new PolicyView(loadPack('panzhihua')), today: () => '2026-11-24' },
      runtime: { adapter: 'postgres' as const, embeddedDatabase: true, jurisdiction: 'panzhihua' },
    };
    @Module({ imports: [AppModule.register(deps), ApiSecurityModule.register({ pool: deps.readPool })] })
    class Wired {}
    app = await NestFactory.create(Wired, { logger: false });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    await db.drop();
  });

  it('keeps /health and /metrics public', async () => {
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect((await fetch(`${base}/metrics`)).status).toBe(200);
  });

  it('guards the access log: 401 problem+json without a token, 200 for an auditor', async () => {
    const anonymous = await fetch(`${base}/v1/audit/access-log`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toContain('application/problem+json');
    const { token } = await app.get(CredentialService).issue({ department: 'audit', principal: '审计局' });
    // The entry is queued when the response finishes, which may be after the client has it.
    let body: { items: { decision: string; status: number }[] } = { items: [] };
    for (let i = 0; i < 40 && !body.items.some((e) => e.decision === 'unauthenticated'); i++) {
      await app.get(AccessLogService).flush();
      const res = await fetch(`${base}/v1/audit/access-log`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      body = (await res.json()) as typeof body;
      if (!body.items.length) await new Promise((r) => setTimeout(r, 50));
    }
    expect(body).toMatchObject({
      items: expect.arrayContaining([expect.objectContaining({ decision: 'unauthenticated', status: 401 })]),
    });
  });
});
