import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { CLAIM_OWNER_LOCK_CLASS } from '../../apps/api/src/conventions/claim-owner';
import { requestFingerprint } from '../../apps/api/src/conventions/idempotency.interceptor';
import { IdempotencyStore } from '../../apps/api/src/conventions/idempotency.store';
import { CredentialService } from '../../apps/api/src/security/credential.service';
import { committedHead } from '../support/committed-head';
import { startApiHarness, type ApiHarness } from '../support/api-harness';

/**
 * Issue 16: retries after a crash got 409 "still running" for up to 60 s, for claims nothing
 * ran. A claim names its owner process, which holds a PostgreSQL advisory lock while it lives; a
 * claim whose owner's lock is gone is taken over by the next retry at once.
 */
describe('Idempotency-Key claims orphaned by a killed process (issue 16)', () => {
  let api: ApiHarness;
  let other: Pool;
  let credentialId: string;
  let token: string;

  beforeAll(async () => {
    api = await startApiHarness('idemorphan', {
      env: { LEDGER_RATE_LIMIT_PER_SECOND: '100000', LEDGER_RATE_LIMIT_BURST: '100000' },
    });
    const issued = await api.app.get(CredentialService).issue({ department: 'residence-office', principal: 'counter' });
    credentialId = issued.credential.id;
    token = issued.token;
    // Another API process: a pool of its own on the same database.
    other = new Pool({ connectionString: api.db.url, max: 2 });
  });
  afterAll(async () => {
    await other?.end();
    await api?.close();
  });

  const registration = (workerId: string) => ({
    path: `/v1/workers/${workerId}/residence-permit/registrations`,
    body: { address: { line: '攀枝花市东区炳草岗大街1号' }, arrivalOn: '2026-01-05' },
  });
  const fingerprintOf = (path: string, body: unknown) =>
    requestFingerprint({ method: 'POST', originalUrl: path, body, headers: {} });

  /** kill -9 of the other process, as PostgreSQL sees it: its sessions end. */
  async function killOwner(owner: number): Promise<void> {
    const { rowCount } = await api.store.pool.query(
      `SELECT pg_terminate_backend(pid) FROM pg_locks
       WHERE locktype = 'advisory' AND classid = $1::integer::oid AND objid = $2::integer::oid AND objsubid = 2
         AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      [CLAIM_OWNER_LOCK_CLASS, owner],
    );
    expect(rowCount).toBe(1);
  }

  async function ownerOf(key: string): Promise<number> {
    const { rows } = await api.store.pool.query('SELECT owner FROM api.idempotency_keys WHERE key = $1', [key]);
    return rows[0].owner as number;
  }

  it('leaves a live process its claim: another process waiting on it gets in-flight', async () => {
    const owner = new IdempotencyStore(other);
    const waiting = new IdempotencyStore(api.store.pool, { waitMs: 200, pollMs: 20 });
    try {
      const key = randomUUID();
      expect((await owner.claim(credentialId, key, 'f')).kind).toBe('claimed');
      expect((await waiting.claim(credentialId, key, 'f')).kind).toBe('in-flight');
      await killOwner(await ownerOf(key));
      expect((await waiting.claim(credentialId, key, 'f')).kind).toBe('claimed');
    } finally {
      await owner.close();
      await waiting.close();
    }
  });

  it('answers 201 to the retry of a command whose process died before appending, and appends it once', async () => {
    const workerId = `w-${randomUUID()}`;
    const { path, body } = registration(workerId);
    const key = randomUUID();
    const dead = new IdempotencyStore(other);
    try {
      expect((await dead.claim(credentialId, key, fingerprintOf(path, body))).kind).toBe('claimed');
      await killOwner(await ownerOf(key));
    } finally {
      await dead.close();
    }
    const retry = await api.post(path, body, { token, key });
    expect(retry.status).toBe(201);
    expect(await api.store.readStream(`residence-permit-${workerId}`)).toHaveLength(1);
  });

  it('answers the retry of a command whose process died after appending with the first events, appending nothing', async () => {
    const workerId = `w-${randomUUID()}`;
    const { path, body } = registration(workerId);
    const key = randomUUID();
    const first = await api.post(path, body, { token, key });
    expect(first.status).toBe(201);
    // The process appended and died before recording its answer: the claim is pending again,
    // owned by a process that is gone.
    const dead = new IdempotencyStore(other);
    let owner: number;
    try {
      await dead.claim(credentialId, randomUUID(), 'f');
      owner = (await other.query<{ owner: number }>('SELECT max(owner) AS owner FROM api.idempotency_keys')).rows[0]!.owner;
      await api.store.pool.query(
        `UPDATE api.idempotency_keys SET state = 'pending', status = NULL, body = NULL, headers = NULL,
           completed_at = NULL, claim_token = $2, owner = $3 WHERE key = $1`,
        [key, randomUUID(), owner],
      );
      await killOwner(owner);
    } finally {
      await dead.close();
    }
    const before = await committedHead(api.store.pool);
    const retry = await api.post(path, body, { token, key });
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expect(await committedHead(api.store.pool)).toBe(before);
    expect(await api.store.readStream(`residence-permit-${workerId}`)).toHaveLength(1);
  });
});
