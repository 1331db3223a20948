import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
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

describe('the OpenAPI document at /openapi.json', () => {
  let h: ApiHarness;
  let doc: Doc;

  beforeAll(async () => {
    h = await startApiHarness('openapi');
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
    const posts = Object.entries(doc.paths as Record<string, Doc>).filter(([, item]) => item.post);
    expect(posts.length).toBeGreaterThan(50);
    const without = posts
      .filter(([, item]) => {
        const params = [...(item.parameters ?? []), ...(item.post.parameters ?? [])].map((p: Doc) => resolve(doc, p));
        return !params.some((p: Doc) => p?.in === 'header' && String(p.name).toLowerCase() === 'idempotency-key' && p.required);
      })
      .map(([path]) => `POST ${path}`);
    expect(without).toEqual([]);
  });
});
