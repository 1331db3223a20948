import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Pool } from 'pg';
import { CredentialService } from '../../apps/api/src/security';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { freePort } from '../support/postgres-process';

// Issue 14 item 3: with tracing on (an in-memory exporter in place of OTLP), one command's trace
// runs from the HTTP request through the append to the projections and the process manager that
// apply its event (the append stores `traceparent` in the event's metadata), and the request's
// id is on its HTTP span as on its log line.
const SERVER = join(__dirname, '..', 'support', 'traced-server.js');

interface SpanView {
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  attributes: Record<string, unknown>;
}

describe('traces: HTTP → append → projection and process manager', () => {
  let db: TestDatabase;
  let server: ChildProcess;
  let pool: Pool;
  let base: string;
  const out = { text: '' };

  const spans = () =>
    new Promise<SpanView[]>((resolve) => {
      server.once('message', (m: { spans: SpanView[] }) => resolve(m.spans));
      server.send('spans');
    });

  beforeAll(async () => {
    db = await createTestDatabase('tracing');
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, [SERVER], {
      env: { ...process.env, DATABASE_URL: db.url, PORT: String(port), LEDGER_TODAY: '2026-11-24', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    server.stdout!.on('data', (c: Buffer) => (out.text += c.toString()));
    server.stderr!.on('data', (c: Buffer) => (out.text += c.toString()));
    await new Promise<void>((resolve, reject) => {
      server.on('message', (m: { ready?: boolean }) => m.ready && resolve());
      server.once('exit', (code) => reject(new Error(`server exited ${code}:\n${out.text}`)));
    });
    pool = new Pool({ connectionString: db.url, max: 1 });
  }, 60_000);

  afterAll(async () => {
    await pool?.end();
    if (server?.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    await db?.drop();
  });

  it('puts the command, its append and each projection and process manager applying its event in one trace, with the request id', async () => {
    const credentials = new CredentialService(pool);
    const office = (await credentials.issue({ department: 'residence-office', principal: 'counter-01' })).token;
    const police = (await credentials.issue({ department: 'public-security', principal: 'permit-desk' })).token;
    const post = async (token: string, path: string, body: unknown, requestId?: string) => {
      const response = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': path,
          ...(requestId ? { 'x-request-id': requestId } : {}),
        },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(201);
      return response;
    };
    await post(office, '/v1/workers/w-tr/registrations', {
      name: '张伟',
      idNumber: '11010519491231002X',
      phone: '13800000001',
      birthDate: '1949-12-31',
      hukouPlace: { areaCode: '513401', address: '西昌市某村' },
      arrivalOn: '2025-01-05',
    });
    await post(office, '/v1/workers/w-tr/residence-permit/registrations', {
      address: { line: '攀枝花市东区炳草岗大街1号', districtCode: '510402' },
      arrivalOn: '2025-01-05',
    });
    await post(office, '/v1/workers/w-tr/residence-permit/applications', { ground: 'stable-job' });
    const issued = await post(
      police,
      '/v1/workers/w-tr/residence-permit/issuances',
      { permitNumber: '510402202600000001', issuingOfficeCode: '510402' },
      'trace-issue-1',
    );
    expect(issued.headers.get('x-request-id')).toBe('trace-issue-1');

    // The HTTP span of the issuance carries its request id; its trace holds everything else.
    let all: SpanView[] = [];
    const inTrace = (traceId: string) => all.filter((s) => s.traceId === traceId);
    let http: SpanView | undefined;
    for (let tries = 0; tries < 100; tries++) {
      all = await spans();
      http = all.find((s) => s.attributes['ledger.request_id'] === 'trace-issue-1');
      const done = (name: string) => http && inTrace(http.traceId).some((s) => s.name === name);
      if (done('process-manager pm_permit_lapse') && done('projection public_security')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(http).toMatchObject({ kind: 1 /* SERVER */ });
    expect(http!.parentSpanId).toBeUndefined(); // the trace starts at the request
    expect(http).toMatchObject({
      name: 'POST /v1/workers/:workerId/residence-permit/issuances', // the route, from the Express instrumentation
      attributes: expect.objectContaining({
        'http.route': '/v1/workers/:workerId/residence-permit/issuances',
        'http.response.status_code': 201,
      }),
    });
    const trace = inTrace(http!.traceId);
    const byId = new Map(trace.map((s) => [s.spanId, s]));
    const ancestors = (span: SpanView) => {
      const chain: string[] = [];
      for (let p = span.parentSpanId && byId.get(span.parentSpanId); p; p = p.parentSpanId && byId.get(p.parentSpanId))
        chain.push(p.name);
      return chain;
    };

    const append = trace.find((s) => s.name === 'event-store append')!;
    expect(append.attributes).toMatchObject({
      'ledger.stream': 'residence-permit-w-tr',
      'ledger.command': 'IssuePermit',
    });
    expect(ancestors(append).at(-1)).toBe(http!.name); // the append within the request
    // The event stores the append span's context; the projection and process manager spans are its children.
    const { rows } = await pool.query(
      `SELECT metadata->>'traceparent' AS traceparent FROM event_store.events WHERE stream_name = 'residence-permit-w-tr' AND type = 'PermitIssued'`,
    );
    expect(rows).toEqual([{ traceparent: `00-${http!.traceId}-${append.spanId}-01` }]);
    for (const name of ['projection public_security', 'process-manager pm_permit_lapse']) {
      const applied = trace.find((s) => s.name === name);
      expect(applied).toMatchObject({
        kind: 4 /* CONSUMER */,
        parentSpanId: append.spanId,
        attributes: expect.objectContaining({
          'ledger.event.type': 'PermitIssued',
          'ledger.stream': 'residence-permit-w-tr',
        }),
      });
    }
    // pg's spans of the append and of the projection are in the same trace.
    expect(trace.filter((s) => s.name.startsWith('pg.query')).length).toBeGreaterThan(0);

    // The same request id on the request's log line.
    const line = out.text
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { requestId?: string; msg?: string; res?: { status: number } })
      .find((l) => l.requestId === 'trace-issue-1' && l.res);
    expect(line).toMatchObject({ msg: 'POST /v1/workers/w-tr/residence-permit/issuances 201', res: { status: 201 } });
  }, 60_000);
});
