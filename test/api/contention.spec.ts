import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { WrongExpectedVersion } from '@ledger/event-store';
import { ProblemDetailsFilter } from '../../apps/api/src/problem/problem-details.filter';
import { startApiHarness, type ApiHarness } from '../support/api-harness';

/**
 * Issue 16: 32 concurrent writers on one stream without If-Match got 409 two times in three,
 * after five re-decisions, with no Retry-After. Commands on one stream now queue in the process
 * (libs/application/execute-command.ts), and a conflict that outlasts the re-decisions (writers
 * in other processes) is a 409 problem+json with Retry-After that says to retry.
 */
describe('concurrent writers on one stream (issue 16)', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApiHarness('contention', {
      env: { LEDGER_RATE_LIMIT_PER_SECOND: '100000', LEDGER_RATE_LIMIT_BURST: '100000' },
      poolSize: 40,
    });
  });
  afterAll(async () => {
    await api?.close();
  });

  it.each([8, 32])('%i writers at once on one stream all succeed, each change stored once', async (writers) => {
    const workerId = `w-${randomUUID()}`;
    const token = api.token('residence-office');
    const registered = await api.post(
      `/v1/workers/${workerId}/residence-permit/registrations`,
      { address: { line: '攀枝花市东区炳草岗大街1号' }, arrivalOn: '2026-01-05' },
      { token },
    );
    expect(registered.status).toBe(201);
    const answers = await Promise.all(
      Array.from({ length: writers }, (_, i) =>
        api.post(
          `/v1/workers/${workerId}/residence-permit/address-changes`,
          { address: { line: `攀枝花市西区${i + 1}号` }, movedOn: '2026-02-01' },
          { token },
        ),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: writers }, () => 201));
    const events = await api.store.readStream(`residence-permit-${workerId}`);
    expect(events).toHaveLength(1 + writers);
    expect(new Set(events.slice(1).map((e) => (e.data as { address: { line: string } }).address.line)).size).toBe(writers);
  });

  it('answers a conflict that outlasts the re-decisions 409 problem+json with Retry-After: 1, saying to retry', async () => {
    const app = express();
    app.post('/conflict', () => {
      throw new WrongExpectedVersion('residence-permit-w-1', 3, 4);
    });
    const filter = new ProblemDetailsFilter();
    app.use((error: unknown, req: express.Request, res: express.Response, _next: express.NextFunction) =>
      filter.catch(error, { switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }) } as never),
    );
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/conflict`, { method: 'POST' });
      expect(res.status).toBe(409);
      expect(res.headers.get('retry-after')).toBe('1');
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const body = (await res.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ type: expect.stringMatching(/\/problems\/conflict$/), retryAfter: 1, actual: 4 });
      expect(body.detail).toMatch(/retry the same request/);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
