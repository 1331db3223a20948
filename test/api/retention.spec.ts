import { randomUUID } from 'node:crypto';
import { RetentionService, retentionFromEnv } from '../../apps/api/src/security/retention';
import { startApiHarness, type ApiHarness } from '../support/api-harness';

/**
 * Issue 16: api.idempotency_keys and api.access_log grew forever. The ledger applies documented,
 * configurable periods itself (docs/faults.md); ages are set here relative to the database's
 * clock, so nothing depends on the date the test runs.
 */
describe('retention of idempotency keys and the access log (issue 16)', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApiHarness('retention');
  });
  afterAll(async () => {
    await api?.close();
  });

  async function keyAged(days: number, state: 'completed' | 'pending'): Promise<string> {
    const key = `age-${days}-${randomUUID()}`;
    await api.store.pool.query(
      `INSERT INTO api.idempotency_keys (credential_id, key, fingerprint, state, claim_token, claimed_at, completed_at, status, headers, body)
       VALUES ($1, $2, 'f', $3, $4, now() - make_interval(days => $5), CASE WHEN $3 = 'completed' THEN now() - make_interval(days => $5) END,
               CASE WHEN $3 = 'completed' THEN 201 END, '{}', '{}')`,
      [randomUUID(), key, state, randomUUID(), days],
    );
    return key;
  }

  async function accessRowAged(days: number): Promise<string> {
    const resource = `/aged/${days}/${randomUUID()}`;
    await api.store.pool.query(
      `INSERT INTO api.access_log (at, method, route, resource, decision, allowed, status)
       VALUES (now() - make_interval(days => $1), 'GET', '/aged', $2, 'allowed', true, 200)`,
      [days, resource],
    );
    return resource;
  }

  it('removes answers older than 30 days and access-log rows older than 365 days, keeping the rest', async () => {
    const oldKey = await keyAged(31, 'completed');
    const orphan = await keyAged(31, 'pending');
    const recentKey = await keyAged(29, 'completed');
    const oldRow = await accessRowAged(366);
    const keptRow = await accessRowAged(200);
    const retention = api.app.get(RetentionService);
    expect(retention.options).toMatchObject({ idempotencyDays: 30, accessLogDays: 365 });

    const removed = await retention.runOnce();
    expect(removed).toEqual({ idempotencyKeys: 2, accessLog: 1 });
    const keys = await api.store.pool.query<{ key: string }>('SELECT key FROM api.idempotency_keys WHERE key = ANY($1)', [
      [oldKey, orphan, recentKey],
    ]);
    expect(keys.rows.map((r) => r.key)).toEqual([recentKey]);
    const rows = await api.store.pool.query<{ resource: string }>('SELECT resource FROM api.access_log WHERE resource = ANY($1)', [
      [oldRow, keptRow],
    ]);
    expect(rows.rows.map((r) => r.resource)).toEqual([keptRow]);
  });

  it('takes its periods from the environment and refuses an access-log period under six months', () => {
    expect(retentionFromEnv({ LEDGER_IDEMPOTENCY_RETENTION_DAYS: '2', LEDGER_ACCESS_LOG_RETENTION_DAYS: '180' })).toMatchObject({
      idempotencyDays: 2,
      accessLogDays: 180,
    });
    expect(() => retentionFromEnv({ LEDGER_ACCESS_LOG_RETENTION_DAYS: '30' })).toThrow(
      'LEDGER_ACCESS_LOG_RETENTION_DAYS must be at least 180',
    );
    expect(() => retentionFromEnv({ LEDGER_IDEMPOTENCY_RETENTION_DAYS: 'forever' })).toThrow(RangeError);
  });

  it('applies the periods by itself at start-up', async () => {
    const retention = new RetentionService(api.store.pool, { idempotencyDays: 30, accessLogDays: 365, everyMs: 60_000 });
    const oldKey = await keyAged(40, 'completed');
    retention.start();
    await retention.stop();
    const { rowCount } = await api.store.pool.query('SELECT 1 FROM api.idempotency_keys WHERE key = $1', [oldKey]);
    expect(rowCount).toBe(0);
  });
});
