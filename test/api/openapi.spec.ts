import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatePrivacyKeys } from '@ledger/privacy';
import { startApiHarness, toOpenApiPath, type ApiHarness, type ServedRoute } from '../support/api-harness';

// The OpenAPI document as served; the expectations below say its shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * @seriousme/openapi-schema-validator is ES modules only, which Jest's CommonJS runtime cannot
 * load; it runs in a plain Node process, the document on stdin, the result on stdout.
 */
function validateOpenApi(doc: Doc): { valid: boolean; errors?: unknown } {
  const script = `
    import { Validator } from '@seriousme/openapi-schema-validator';
    let input = '';
    for await (const chunk of process.stdin) input += chunk;
    const result = await new Validator().validate(JSON.parse(input));
    process.stdout.write(JSON.stringify({ valid: result.valid, errors: result.errors }));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: join(__dirname, '../..'),
    input: JSON.stringify(doc),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out) as { valid: boolean; errors?: unknown };
}

/** The routes the API itself serves: /v1, /health (and its probes), /metrics, the problem pages (not the Swagger UI's own). */
function apiRoutes(routes: ServedRoute[]): ServedRoute[] {
  return routes.filter(
    (r) => r.path.startsWith('/v1/') || r.path === '/health' || r.path.startsWith('/health/') || r.path === '/metrics' || r.path.startsWith('/problems'),
  );
}

function resolve(doc: Doc, item: Doc): Doc {
  if (item && typeof item.$ref === 'string') {
    const parts = (item.$ref as string).replace(/^#\//, '').split('/');
    return parts.reduce((node: Doc, part) => node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  }
  return item;
}

const EMPTY_REF = '#/components/schemas/';

function emptyRefs(node: Doc, at = ''): string[] {
  if (node === null || typeof node !== 'object') return [];
  if (node.$ref === EMPTY_REF) return [at];
  return Object.entries(node).flatMap(([k, v]) => emptyRefs(v, `${at}/${k}`));
}

function operationsWithoutErrorResponse(doc: Doc): string[] {
  const without: string[] = [];
  for (const [path, item] of Object.entries(doc.paths as Record<string, Doc>))
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const codes = Object.keys(op.responses ?? {});
      if (!codes.some((code) => code === 'default' || /^[45]/.test(code))) without.push(`${method.toUpperCase()} ${path}`);
    }
  return without;
}

/**
 * The 2xx answers that are not JSON, each named: the feed as server-sent events, the signed
 * checkpoint (a C2SP note), Prometheus' text exposition, and the problem pages people read.
 * Each is a string schema in its own media type; every other 2xx answer is JSON with a typed schema.
 */
const NOT_JSON: Record<string, string> = {
  StreamFeed: 'text/event-stream',
  GetAuditCheckpoint: 'text/plain',
  GetMetrics: 'text/plain',
  ListProblemTypes: 'text/html',
  GetProblemType: 'text/html',
};

/**
 * Why a schema does not type its answer, or undefined when it does: it must say what it is (a
 * `type`, a `$ref` to a typed component, or a combination of them), and an object must name its
 * properties or type its values. An example alone is not a type.
 */
function untyped(doc: Doc, schema: Doc, seen = new Set<string>()): string | undefined {
  if (!schema || typeof schema !== 'object' || Object.keys(schema).length === 0) return 'no schema';
  if (typeof schema.$ref === 'string') {
    if (seen.has(schema.$ref)) return undefined;
    seen.add(schema.$ref);
    return resolve(doc, schema) ? untyped(doc, resolve(doc, schema), seen) : `unresolved ${schema.$ref}`;
  }
  for (const key of ['allOf', 'oneOf', 'anyOf'])
    if (Array.isArray(schema[key])) return schema[key].map((s: Doc) => untyped(doc, s, seen)).find(Boolean);
  if (schema.type === undefined && schema.enum === undefined) return 'no type (an example alone)';
  if (schema.type === 'object' && !schema.properties && (schema.additionalProperties === undefined || schema.additionalProperties === true))
    return 'an object without properties';
  if (schema.type === 'array') return schema.items ? untyped(doc, schema.items, seen) : 'an array without items';
  return undefined;
}

interface Operation {
  method: string;
  path: string;
  op: Doc;
}

function operations(doc: Doc): Operation[] {
  return Object.entries(doc.paths as Record<string, Doc>).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({ method, path, op: item[method] })),
  );
}

describe('the OpenAPI document at /openapi.json', () => {
  let h: ApiHarness;
  let doc: Doc;

  beforeAll(async () => {
    // With personal fields encrypted, as npm start runs it: the restriction route is served then.
    h = await startApiHarness('openapi', { privacy: generatePrivacyKeys() });
    const res = await h.get('/openapi.json');
    expect(res.status).toBe(200);
    doc = res.body;
  });
  afterAll(async () => {
    await h?.close();
  });

  it('validates against the OpenAPI 3 schema as served', () => {
    expect(doc.openapi).toMatch(/^3\./);
    const result = validateOpenApi(doc);
    if (!result.valid) console.error(JSON.stringify(result.errors, null, 2));
    expect(result).toMatchObject({ valid: true });
  });

  it('is read off the same routes Express serves (no route served outside a Nest controller)', () => {
    const key = (r: ServedRoute) => `${r.method} ${r.path}`;
    const served = apiRoutes(h.servedRoutes()).map(key).sort();
    const declared = apiRoutes(h.declaredRoutes()).map(key).sort();
    expect(served).toEqual(declared);
    expect(served.length).toBeGreaterThan(80);
  });

  it('lists every route the app serves, and no route it does not', () => {
    const served = apiRoutes(h.servedRoutes());
    const missing = served
      .filter((r) => !doc.paths?.[toOpenApiPath(r.path)]?.[r.method.toLowerCase()])
      .map((r) => `${r.method} ${toOpenApiPath(r.path)}`);
    expect(missing).toEqual([]);

    const servedKeys = new Set(served.map((r) => `${r.method.toLowerCase()} ${toOpenApiPath(r.path)}`));
    const documentedOnly: string[] = [];
    for (const [path, item] of Object.entries(doc.paths as Record<string, Doc>))
      for (const method of METHODS)
        if (item[method] && !servedKeys.has(`${method} ${path}`)) documentedOnly.push(`${method.toUpperCase()} ${path}`);
    expect(documentedOnly).toEqual([]);
  });

  it('documents at least one error response on every operation', () => {
    expect(operationsWithoutErrorResponse(doc)).toEqual([]);
  });

  // A nested DTO whose lazy type @nestjs/swagger did not recognise becomes an empty $ref.
  it('gives every nested DTO a $ref that resolves', () => {
    expect(emptyRefs(doc)).toEqual([]);
  });

  it('documents the errors of a guarded route as problem+json', () => {
    const withoutProblem: string[] = [];
    for (const [path, item] of Object.entries(doc.paths as Record<string, Doc>))
      for (const method of METHODS) {
        const op = item[method];
        if (!op || !path.startsWith('/v1/')) continue;
        for (const [code, response] of Object.entries(op.responses ?? {})) {
          if (!/^[45]/.test(code)) continue;
          const content = resolve(doc, response)?.content ?? {};
          if (!content['application/problem+json']) withoutProblem.push(`${method.toUpperCase()} ${path} ${code}`);
        }
      }
    expect(withoutProblem).toEqual([]);
  });

  it('documents Idempotency-Key on every POST', () => {
    // Restricting a worker's personal data is idempotent in itself (a second restriction leaves the
    // worker as the first did), so it takes no key; every command POST does.
    const posts = Object.entries(doc.paths as Record<string, Doc>).filter(([, item]) => item.post && item.post.operationId !== 'RestrictPersonalData');
    expect(posts.length).toBeGreaterThan(50);
    const without = posts
      .filter(([, item]) => {
        const params = [...(item.parameters ?? []), ...(item.post.parameters ?? [])].map((p: Doc) => resolve(doc, p));
        return !params.some((p: Doc) => p?.in === 'header' && String(p.name).toLowerCase() === 'idempotency-key' && p.required);
      })
      .map(([path]) => `POST ${path}`);
    expect(without).toEqual([]);
  });

  it('names every operation by a stable PascalCase id, none a framework default (Controller_method)', () => {
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThan(100);
    const ids = ops.map(({ op }) => op.operationId as string);
    const bad = ops.filter(({ op }) => !/^[A-Z][A-Za-z0-9]+$/.test(op.operationId ?? '')).map(({ method, path, op }) => `${method.toUpperCase()} ${path}: ${op.operationId}`);
    expect(bad).toEqual([]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(ids).toEqual(expect.arrayContaining(['GetWorkerSummary', 'RegisterWorker', 'GetSession', 'ExplainDecision', 'RestrictPersonalData', 'GetHealth']));
  });

  it('gives every 2xx answer a typed schema: JSON typed from the handler, the named non-JSON answers a string', () => {
    const problems: string[] = [];
    const notJsonSeen: string[] = [];
    for (const { method, path, op } of operations(doc))
      for (const [code, response] of Object.entries(op.responses ?? {})) {
        if (!/^2/.test(code)) continue;
        const where = `${method.toUpperCase()} ${path} ${code} (${op.operationId})`;
        const content = resolve(doc, response)?.content;
        if (code === '204') {
          if (content) problems.push(`${where}: a 204 has no body`);
          continue;
        }
        const types = Object.keys(content ?? {});
        const expected = NOT_JSON[op.operationId] ?? 'application/json';
        if (!types.includes(expected)) {
          problems.push(`${where}: no ${expected} content (${types.join(', ') || 'none'})`);
          continue;
        }
        if (NOT_JSON[op.operationId]) {
          notJsonSeen.push(op.operationId);
          if (content[expected].schema?.type !== 'string') problems.push(`${where}: ${expected} is not a string schema`);
          continue;
        }
        const why = untyped(doc, content[expected].schema);
        if (why) problems.push(`${where}: ${why}`);
      }
    expect(problems).toEqual([]);
    expect([...new Set(notJsonSeen)].sort()).toEqual(Object.keys(NOT_JSON).sort());
  });

  it('documents a command’s 201 with Location and ETag and its replay as the 200 docs/api-commands.md says', async () => {
    const commands = operations(doc).filter(({ method, path }) => method === 'post' && path.startsWith('/v1/') && !path.includes('/personal-data/'));
    expect(commands.length).toBeGreaterThan(50);
    const missing: string[] = [];
    for (const { path, op } of commands) {
      const created = resolve(doc, op.responses?.['201']);
      const replayed = resolve(doc, op.responses?.['200']);
      if (!created?.headers?.Location || !created?.headers?.ETag) missing.push(`${path}: 201 without Location and ETag`);
      if (!replayed?.headers?.['Idempotent-Replayed']) missing.push(`${path}: no 200 replay with Idempotent-Replayed`);
      if (!/answers 200 with the first answer/.test(op.description ?? '')) missing.push(`${path}: the description does not say a replay answers 200`);
    }
    expect(missing).toEqual([]);
    const docs = readFileSync(join(__dirname, '../../docs/api-commands.md'), 'utf8');
    expect(docs).toContain('- `200 OK`: the same Idempotency-Key again: the first answer, nothing appended');
    expect(docs).toContain('`Location: /v1/streams/{streamName}/events?fromRevision=<first revision appended>`');

    // And the API does what both say: 201 with Location, then 200 with the same body on a replay.
    const body = {
      name: '张伟',
      idNumber: '11010519491231002X',
      phone: '13800000001',
      birthDate: '1949-12-31',
      hukouPlace: { areaCode: '513401', address: '西昌市某村' },
      arrivalOn: '2025-01-05',
    };
    const send = () =>
      h.post('/v1/workers/w-contract/registrations', body, { token: h.token('residence-office'), key: 'contract-1' });
    const first = await send();
    expect(first.status).toBe(201);
    expect(first.headers.get('location')).toBe('/v1/streams/worker-w-contract/events?fromRevision=0');
    const again = await send();
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
  });

  it('describes the bearer tokens as what they are: opaque, the shape `ledger credentials issue` gives', () => {
    const schemes = doc.components?.securitySchemes ?? {};
    const bearer = Object.values(schemes as Record<string, Doc>).filter((s) => s.scheme === 'bearer');
    expect(bearer).toHaveLength(1);
    expect(bearer[0]).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'opaque' });
    expect(bearer[0].description).toContain('`ledger_` and 43 base64url characters');
    // A token the ledger issued has that shape, and is not a JWT (three dot-separated parts).
    const token = h.token('education');
    expect(token).toMatch(/^ledger_[A-Za-z0-9_-]{43}$/);
    expect(token.split('.')).toHaveLength(1);
  });
});
