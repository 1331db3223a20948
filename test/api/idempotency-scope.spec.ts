import { randomUUID } from 'node:crypto';
import { CredentialService } from '../../apps/api/src/security/credential.service';
import { committedHead } from '../support/committed-head';
import { startApiHarness, type ApiHarness } from '../support/api-harness';

/**
 * Issue 16: two credentials that sent the same Idempotency-Key to one stream with different
 * bodies got 201 and then 200 with the first one's event, and the second change was nowhere.
 * A key now belongs to the credential that sends it (event ids derive from both), and each
 * command's digest is stored with its events and its key.
 */
describe('Idempotency-Key scope (issue 16)', () => {
  let api: ApiHarness;
  let deskA: string;
  let deskB: string;

  beforeAll(async () => {
    api = await startApiHarness('idemscope', {
      env: { LEDGER_RATE_LIMIT_PER_SECOND: '100000', LEDGER_RATE_LIMIT_BURST: '100000' },
    });
    const credentials = api.app.get(CredentialService);
    deskA = (await credentials.issue({ department: 'residence-office', principal: 'desk A' })).token;
    deskB = (await credentials.issue({ department: 'residence-office', principal: 'desk B' })).token;
  });
  afterAll(async () => {
    await api?.close();
  });

  const workerPath = (workerId: string) => `/v1/workers/${workerId}/residence-permit/registrations`;

  async function registeredWorker(): Promise<string> {
    const workerId = `w-${randomUUID()}`;
    const answer = await api.post(
      workerPath(workerId),
      { address: { line: '攀枝花市东区炳草岗大街1号' }, arrivalOn: '2026-01-05' },
      { token: deskA },
    );
    expect(answer.status).toBe(201);
    return workerId;
  }

  it('gives two credentials with the same key on one stream two commands, both applied', async () => {
    const workerId = await registeredWorker();
    const key = `shared-${randomUUID()}`;
    const first = await api.post(workerPath(workerId).replace('registrations', 'applications'), { ground: 'stable-job' }, {
      token: deskA,
      key,
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ revision: 1, events: [{ type: 'PermitApplied' }] });
    // Desk B happens to pick the same key for its own, different command on the same stream.
    const second = await api.post(
      workerPath(workerId).replace('registrations', 'address-changes'),
      { address: { line: '攀枝花市西区1号' }, movedOn: '2026-02-01' },
      { token: deskB, key },
    );
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBeNull();
    expect(second.body).toMatchObject({ revision: 2, events: [{ type: 'AddressChanged' }] });
    const events = await api.store.readStream(`residence-permit-${workerId}`);
    expect(events.map((e) => e.type)).toEqual(['ResidenceRegistered', 'PermitApplied', 'AddressChanged']);
  });

  it('answers 422 idempotency-key-reused to the same credential reusing its key for another command, appending nothing', async () => {
    const workerId = await registeredWorker();
    const key = `mine-${randomUUID()}`;
    const first = await api.post(workerPath(workerId).replace('registrations', 'applications'), { ground: 'stable-job' }, {
      token: deskB,
      key,
    });
    expect(first.status).toBe(201);
    const before = await committedHead(api.store.pool);
    const reused = await api.post(
      workerPath(workerId).replace('registrations', 'address-changes'),
      { address: { line: '攀枝花市西区1号' }, movedOn: '2026-02-01' },
      { token: deskB, key },
    );
    expect(reused.status).toBe(422);
    expect(reused.headers.get('content-type')).toContain('application/problem+json');
    expect(reused.body).toMatchObject({ type: expect.stringMatching(/\/problems\/idempotency-key-reused$/), status: 422 });
    expect(await committedHead(api.store.pool)).toBe(before);
  });

  it('answers 422 when the stored answer is gone (retention) and the key comes back with another body: the digest is stored with the events', async () => {
    const workerId = `w-${randomUUID()}`;
    const key = `kept-${randomUUID()}`;
    const first = await api.post(
      workerPath(workerId),
      { address: { line: '攀枝花市东区1号' }, arrivalOn: '2026-01-05' },
      { token: deskA, key },
    );
    expect(first.status).toBe(201);
    // Retention purged the stored answer: only the events remember the key.
    await api.store.pool.query('DELETE FROM api.idempotency_keys WHERE key = $1', [key]);
    const before = await committedHead(api.store.pool);
    const other = await api.post(
      workerPath(workerId),
      { address: { line: '攀枝花市东区2号' }, arrivalOn: '2026-01-05' },
      { token: deskA, key },
    );
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ type: expect.stringMatching(/\/problems\/idempotency-key-reused$/) });
    // The true retry is still answered with the first answer, and appends nothing.
    const retry = await api.post(
      workerPath(workerId),
      { address: { line: '攀枝花市东区1号' }, arrivalOn: '2026-01-05' },
      { token: deskA, key },
    );
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expect(await committedHead(api.store.pool)).toBe(before);
  });
});
