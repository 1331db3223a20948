import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { BUILT_IN_PACKS_DIR } from '@ledger/policy';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { freePort } from '../support/postgres-process';

/**
 * Issue 14 item 8: the image's entry commands, run as the Dockerfile and the Kubernetes
 * manifests run them, with nothing else: the Dockerfile's ENV (NODE_ENV=production), each
 * container's env from its manifest, the Secrets and the ConfigMap as files where the manifests
 * mount them. In order: the migration Job, the projector, the API; then the first credential
 * issued as infra/README.md says, and a command served with it. The image's WORKDIR holds
 * package.json, node_modules, dist/ and the console's build, as the repository root does after
 * `npm test`'s build; no container engine runs here, so the processes run on this machine.
 */
const ROOT = join(__dirname, '..', '..');
const run = promisify(execFile);

type Env = { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } } };
type Container = { name: string; command: string[]; env: Env[]; ports?: { name: string; containerPort: number }[] };

function containersOf(file: string): Map<string, Container> {
  const found = new Map<string, Container>();
  for (const doc of parseAllDocuments(readFileSync(join(ROOT, 'infra', 'kubernetes', file), 'utf8'))) {
    const value = doc.toJS() as { kind: string; metadata: { name: string }; spec: { template?: { spec: { containers: Container[] } } } };
    if (value?.spec?.template) found.set(value.metadata.name, value.spec.template.spec.containers[0]!);
  }
  return found;
}

/** The Dockerfile's last stage: its ENV and its CMD. */
function imageRuntime(): { env: Record<string, string>; cmd: string[] } {
  const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  const last = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
  const env: Record<string, string> = {};
  for (const line of last.split('\n').filter((l) => l.startsWith('ENV '))) {
    for (const pair of line.slice(4).trim().split(/\s+/)) {
      const [name, value] = pair.split('=');
      env[name!] = value!;
    }
  }
  const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(last)![1]!) as string[];
  return { env, cmd };
}

describe('the image’s entry commands, as the Dockerfile and the manifests run them', () => {
  let db: TestDatabase;
  let root: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('image');
    root = mkdtempSync(join(tmpdir(), 'image-'));
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
    await db.drop();
  });

  it('migrates, starts the projector and the API under NODE_ENV=production with the city’s pack, and serves the first credential’s command', async () => {
    const image = imageRuntime();
    const api = containersOf('api.yaml').get('ledger-api')!;
    const projector = containersOf('projector.yaml').get('ledger-projector')!;
    const migrate = (() => {
      const doc = parseAllDocuments(readFileSync(join(ROOT, 'infra', 'kubernetes', 'migrate.yaml'), 'utf8'))[0]!.toJS();
      return doc.spec.template.spec.containers[0] as Container;
    })();
    expect(image.cmd).toEqual(api.command);
    expect(image.env.NODE_ENV).toBe('production');

    // The mounted files: /etc/ledger/… of the manifests lives under this test's folder.
    const mounted = (path: string) => (path.startsWith('/etc/ledger/') ? join(root, path) : path);
    // The Secret ledger-keys, made the documented way (infra/README.md): `ledger keys generate`.
    const cli = join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js');
    const keysOut = await run(process.execPath, [cli, 'keys', 'generate', '--out', join(root, 'etc', 'ledger', 'keys')], { cwd: ROOT, env: { PATH: process.env.PATH } });
    expect(keysOut.stdout).toContain('audit verifier key (publish it to auditors): ledger.example.gov.cn/panzhihua+');
    // Again: keys are never overwritten.
    const again = await run(process.execPath, [cli, 'keys', 'generate', '--out', join(root, 'etc', 'ledger', 'keys')], { cwd: ROOT, env: { PATH: process.env.PATH } }).catch((e: { code: number }) => e);
    expect((again as { code: number }).code).toBe(2);
    // The ConfigMap ledger-policy: the city's pack, one key per file (kubectl create configmap
    // --from-file), with the numbers the shipped pack marks illustrative replaced by the city's own.
    const policy = join(root, 'etc', 'ledger', 'policy', 'panzhihua');
    mkdirSync(policy, { recursive: true });
    cpSync(join(BUILT_IN_PACKS_DIR, 'panzhihua'), policy, { recursive: true });
    for (const file of readdirSync(policy)) {
      const text = readFileSync(join(policy, file), 'utf8');
      writeFileSync(
        join(policy, file),
        text.replaceAll('status: illustrative', 'status: in-force').replaceAll("paramsSource: none (illustrative, replace with the city's own pack)", 'paramsSource: 攀枝花市人社局 2026 年实施细则'),
      );
    }

    const ports = { api: await freePort(), probes: await freePort() };
    const envOf = (container: Container): NodeJS.ProcessEnv => {
      const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: root, ...image.env };
      for (const e of container.env) {
        if (e.value !== undefined) env[e.name] = mounted(e.value);
        else if (e.valueFrom?.secretKeyRef?.name === 'ledger-db') env[e.name] = db.url;
        else if (!e.valueFrom?.secretKeyRef?.optional) throw new Error(`no value for ${e.name}`);
      }
      if (env.PORT) env.PORT = String(ports.api);
      if (env.LEDGER_PROJECTOR_HEALTH_PORT) env.LEDGER_PROJECTOR_HEALTH_PORT = String(ports.probes);
      return env;
    };
    const start = (container: Container) => {
      const child = spawn(container.command[0] === 'node' ? process.execPath : container.command[0]!, container.command.slice(1), {
        cwd: ROOT,
        env: envOf(container),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      const out = { text: '' };
      child.stdout!.on('data', (c: Buffer) => (out.text += c.toString()));
      child.stderr!.on('data', (c: Buffer) => (out.text += c.toString()));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      return { child, out, exited };
    };
    const ready = async (url: string, out: { text: string }) => {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const answer = await fetch(url).catch(() => undefined);
        if (answer?.status === 200) return;
        if (Date.now() > deadline) throw new Error(`${url} not ready within 30 s:\n${out.text}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    };

    // 1. The migration Job: every schema, then exit 0.
    const job = start(migrate);
    expect(await job.exited).toBe(0);
    expect(job.out.text).toContain('migrated: event store (PostgreSQL) migrations');
    expect(job.out.text).toContain('migrated: audit_log (verifiable log, refusals, pack archive)');

    // 2. The projector, then 3. the API, each ready on its probe.
    const proj = start(projector);
    await ready(`http://127.0.0.1:${ports.probes}/health/ready`, proj.out);
    const server = start(api);
    await ready(`http://127.0.0.1:${ports.api}/health/ready`, server.out);

    // 4. The first credential, as infra/README.md issues it inside the cluster.
    const readme = readFileSync(join(ROOT, 'infra', 'README.md'), 'utf8');
    const issue = /kubectl exec deploy\/ledger-api -- (node dist\/apps\/cli\/src\/main\.js credentials issue \\\n\s+[^\n]+)/.exec(readme)![1]!.replace(/\\\n\s+/, '');
    const argv = issue.split(/\s+/);
    const issued = await run(process.execPath, argv.slice(1), { cwd: ROOT, env: envOf(api) });
    const token = /^token (ledger_\S+)$/m.exec(issued.stdout)![1]!;

    // 5. A command through the API with it: the worker registered, its personal fields encrypted
    // and its 身份证号 blind-indexed under the Secret's keys.
    const answer = await fetch(`http://127.0.0.1:${ports.api}/v1/workers/w-img-1/registrations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': 'image-entry-1' },
      body: JSON.stringify({
        name: '张伟',
        idNumber: '11010519491231002X',
        phone: '13800000001',
        birthDate: '1949-12-31',
        hukouPlace: { areaCode: '513401', address: '西昌市某村' },
        arrivalOn: '2025-01-05',
      }),
    });
    expect([answer.status, await answer.text(), server.out.text.includes('FATAL')]).toEqual([201, expect.stringContaining('"WorkerRegistered"'), false]);

    // 6. Kubernetes stops pods with SIGTERM: both drain and exit 0.
    server.child.kill('SIGTERM');
    proj.child.kill('SIGTERM');
    expect([await server.exited, await proj.exited]).toEqual([0, 0]);
  }, 120_000);
});
