import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startApiHarness, type ApiHarness } from '../support/api-harness';

// Issue 15, item 3: an integrator generates a TypeScript client from /openapi.json
// (openapi-typescript) and every read answer is typed, never `unknown`.
const ROOT = join(__dirname, '..', '..');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const run = promisify(execFile);

/** openapi-typescript is ES modules only: it runs in a plain Node process, the document on stdin. */
function generateClientTypes(doc: unknown): string {
  const script = `
    import openapiTS, { astToString } from 'openapi-typescript';
    let input = '';
    for await (const chunk of process.stdin) input += chunk;
    process.stdout.write(astToString(await openapiTS(JSON.parse(input))));`;
  return execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: ROOT,
    input: JSON.stringify(doc),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** The integrator's program: register a worker, then read the summary another department sees. */
function program(readPaths: string[]): string {
  return `
import type { paths } from './schema';

declare const process: { argv: string[] };

type Register = paths['/v1/workers/{workerId}/registrations']['post'];
type RegisterBody = Register['requestBody'] extends { content: { 'application/json': infer B } } ? B : never;
type CommandAnswer = Register['responses'][201]['content']['application/json'];
type Summary = paths['/v1/workers/{workerId}/summary']['get']['responses'][200]['content']['application/json'];
type OkOf<P extends keyof paths> = paths[P] extends { get: { responses: { 200: { content: { 'application/json': infer B } } } } } ? B : never;
type ReadPath = ${readPaths.map((p) => JSON.stringify(p)).join(' | ')};
type IsUnknown<T> = unknown extends T ? true : false;

// Compile-time: none of these is \`unknown\` (a union with one unknown member would be unknown).
export const commandAnswerTyped: IsUnknown<CommandAnswer> = false;
export const summaryTyped: IsUnknown<Summary> = false;
export const everyReadTyped: IsUnknown<{ [P in ReadPath]: OkOf<P> }[ReadPath]> = false;

async function main([base, officeToken, educationToken]: string[]): Promise<void> {
  const body: RegisterBody = {
    name: '张伟',
    idNumber: '11010519491231002X',
    phone: '13800000001',
    birthDate: '1949-12-31',
    hukouPlace: { areaCode: '513401', address: '西昌市某村' },
    arrivalOn: '2025-01-05',
  };
  const created = await fetch(base + '/v1/workers/w-client/registrations', {
    method: 'POST',
    headers: { authorization: 'Bearer ' + officeToken, 'idempotency-key': 'client-1', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await created.json()) as CommandAnswer;
  const revision: number = answer.revision;
  const firstEvent: string = answer.events[0]!.type;
  const read = await fetch(base + '/v1/workers/w-client/summary', { headers: { authorization: 'Bearer ' + educationToken } });
  const summary = (await read.json()) as Summary;
  const worker = summary.worker;
  const idNumber: string | null = 'registered' in worker ? worker.idNumber : null;
  const permitStatus: string | null = 'status' in summary.residencePermit ? summary.residencePermit.status : null;
  console.log(JSON.stringify({ status: created.status, location: created.headers.get('location'), revision, firstEvent, idNumber, permitStatus }));
}

void main(process.argv.slice(2));
`;
}

describe('a TypeScript client generated from /openapi.json (openapi-typescript)', () => {
  let h: ApiHarness;
  let doc: { paths: Record<string, { get?: { operationId?: string } }> };
  let dir: string;

  beforeAll(async () => {
    h = await startApiHarness('openapi_client');
    doc = (await h.get('/openapi.json')).body as typeof doc;
    dir = mkdtempSync(join(tmpdir(), 'ledger-client-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await h?.close();
  });

  it('types every read answer and the command answer, and the program runs against the API', async () => {
    const { READ_OPERATIONS } = await import('../../apps/api/src/routes/reads/read-openapi');
    const readPaths = Object.entries(doc.paths)
      .filter(([, item]) => READ_OPERATIONS.includes(item.get?.operationId ?? ''))
      .map(([path]) => path);
    expect(readPaths).toHaveLength(READ_OPERATIONS.length);
    writeFileSync(join(dir, 'schema.ts'), generateClientTypes(doc));
    writeFileSync(join(dir, 'client.ts'), program(readPaths));
    const options = ['--strict', '--target', 'es2022', '--module', 'commonjs', '--lib', 'es2022,dom'];
    // The type check (tsc exits non-zero, with the errors on stdout, if anything is unknown or mistyped).
    const typeErrors = await run(
      process.execPath,
      [TSC, ...options, '--outDir', join(dir, 'out'), join(dir, 'client.ts')],
      {
        cwd: dir,
      },
    ).then(
      () => '',
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
    expect(typeErrors).toBe('');
    const { stdout } = await run(process.execPath, [
      join(dir, 'out', 'client.js'),
      h.base,
      h.token('residence-office'),
      h.token('education'),
    ]);
    expect(JSON.parse(stdout)).toEqual({
      status: 201,
      location: '/v1/streams/worker-w-client/events?fromRevision=0',
      revision: 0,
      firstEvent: 'WorkerRegistered',
      idNumber: '1101**********002X',
      permitStatus: 'none',
    });
    // openapi-typescript and a strict tsc over the whole generated schema: tens of seconds of CPU,
    // more beside other suites on two cores.
  }, 240_000);

  it('serves the read schemas generated from the handlers’ types as they are now (npm run openapi:read-schemas)', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { generate, OUT } = require('../../scripts/read-schemas.js') as { generate(): string; OUT: string };
    expect(generate()).toBe(readFileSync(OUT, 'utf8'));
  });
});
