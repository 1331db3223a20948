import {
  Body,
  Controller,
  Get,
  HttpCode,
  Module,
  Param,
  Post,
  Res,
  ValidationPipe,
  type INestApplication,
} from '@nestjs/common';
import { APP_FILTER, NestFactory } from '@nestjs/core';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { Response } from 'express';
import type { AddressInfo } from 'node:net';
import type { Pool } from 'pg';
import { createPool } from '@ledger/database';
import { problem, ProblemError } from '../../apps/api/src/problem/problem';
import { ProblemDetailsFilter } from '../../apps/api/src/problem/problem-details.filter';
import { ApiCommandHeaders, IdempotencyKey, IfMatch, setETag, SkipIdempotency } from '../../apps/api/src/conventions';
import {
  AccessLogService,
  AccessResource,
  actorOf,
  ApiSecurityModule,
  CredentialRequestInvalid,
  CredentialService,
  CurrentCredential,
  ensureApiSchema,
  IsFen,
  IsIsoDate,
  Public,
  RequireScope,
  type ApiSecurityOptions,
  type AuthenticatedCredential,
} from '../../apps/api/src/security';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const ID = '310101199001011234';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class EndorseDto {
  @IsIsoDate() endorsedOn!: string;
  @IsOptional() @IsFen() feeFen?: number;
  @IsOptional() @IsIn(['ok', 'refuse', 'crash']) mode?: 'ok' | 'refuse' | 'crash';
  @IsOptional() @IsInt() @Min(0) @Max(2000) delayMs?: number;
}

/** Executions per worker id, so a test sees whether a handler ran. */
const executions = new Map<string, number>();

@Controller('v1/test')
class TestController {
  @Get('workers/:id')
  @RequireScope('worker:read')
  @AccessResource((req) => `worker-${req.params.id}`)
  read(@Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    setETag(res, 3);
    return {
      workerId: id,
      idNumber: ID,
      children: [{ name: '小明', idNumber: '11010520150101003X', guardianIdNumber: ID }],
    };
  }

  @Post('workers/:id/residence-permit/endorsements')
  @HttpCode(201)
  @RequireScope('residence-permit:write:EndorsePermit')
  @ApiCommandHeaders()
  async endorse(
    @Param('id') id: string,
    @Body() body: EndorseDto,
    @IdempotencyKey() key: string | undefined,
    @IfMatch() ifMatch: number | undefined,
    @CurrentCredential() credential: AuthenticatedCredential,
    @Res({ passthrough: true }) res: Response,
  ) {
    const n = (executions.get(id) ?? 0) + 1;
    executions.set(id, n);
    if (body.delayMs) await sleep(body.delayMs);
    if (body.mode === 'refuse')
      throw new ProblemError(
        problem('policy-refusal', 'the endorsement window has not opened', {
          rule: 'permit.endorse.yearly',
          clause: 'national-663 第十条',
        }),
      );
    if (body.mode === 'crash') throw new Error('the store went away');
    setETag(res, 4);
    return {
      streamName: `residence-permit-${id}`,
      execution: n,
      key,
      ifMatch: ifMatch ?? null,
      actor: actorOf(credential),
      idNumber: ID,
    };
  }

  @Post('workers/:id/notes')
  @HttpCode(201)
  @RequireScope('worker:read')
  note(@Param('id') id: string) {
    return { workerId: id, idNumber: ID };
  }

  @Post('search')
  @HttpCode(200)
  @SkipIdempotency()
  @RequireScope('worker:read')
  search() {
    return { items: [] };
  }

  @Get('undeclared')
  undeclared() {
    return { reached: true };
  }

  @Get('open')
  @Public()
  open() {
    return { open: true, idNumber: ID };
  }
}

async function boot(
  pool: Pool,
  options: Partial<ApiSecurityOptions> = {},
): Promise<{ app: INestApplication; base: string }> {
  @Module({
    imports: [ApiSecurityModule.register({ pool, credentialCacheMs: 0, ...options })],
    controllers: [TestController],
    providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
  })
  class TestModule {}
  const app = await NestFactory.create(TestModule, { logger: false });
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  await app.listen(0, '127.0.0.1');
  return { app, base: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}` };
}

describe('API security: credentials, scopes, access log, masking, rate limit, Idempotency-Key, If-Match', () => {
  let db: TestDatabase;
  let pool: Pool;
  let app: INestApplication;
  let base: string;
  let credentials: CredentialService;
  let accessLog: AccessLogService;
  const tokens: Record<string, { id: string; token: string }> = {};

  const call = (
    path: string,
    init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) =>
    fetch(`${base}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  const endorse = (department: string, body: unknown, headers: Record<string, string> = {}, worker = 'w-1') =>
    call(`/v1/test/workers/${worker}/residence-permit/endorsements`, {
      method: 'POST',
      token: tokens[department]!.token,
      body,
      headers,
    });

  beforeAll(async () => {
    db = await createTestDatabase('security');
    pool = createPool(db.url, { max: 10 });
    ({ app, base } = await boot(pool));
    credentials = app.get(CredentialService);
    accessLog = app.get(AccessLogService);
    for (const department of ['residence-office', 'public-security', 'education', 'audit']) {
      const { credential, token } = await credentials.issue({ department, principal: `${department} test desk` });
      tokens[department] = { id: credential.id, token };
    }
  });
  afterAll(async () => {
    await app.close();
    await pool.end();
    await db.drop();
  });

  describe('credentials', () => {
    it('stores only the token’s hash and lists credentials without it', async () => {
      const { rows } = await pool.query<{ token_hash: Buffer }>(
        'SELECT token_hash FROM api.credentials WHERE id = $1',
        [tokens.education!.id],
      );
      expect(rows[0]!.token_hash).toHaveLength(32);
      expect(rows[0]!.token_hash.toString('utf8')).not.toContain(tokens.education!.token);
      const listed = await credentials.list();
      expect(listed.map((c) => c.id)).toEqual(expect.arrayContaining(Object.values(tokens).map((t) => t.id)));
      expect(JSON.stringify(listed)).not.toContain(tokens.education!.token);
    });

    it('defaults to the department’s lawful scopes and refuses to widen them', async () => {
      const education = (await credentials.list()).find((c) => c.id === tokens.education!.id)!;
      expect(education.scopes).toContain('residence-permit:read');
      await expect(
        credentials.issue({ department: 'education', principal: 'x', scopes: ['residence-permit:write'] }),
      ).rejects.toThrow(CredentialRequestInvalid);
      await expect(
        credentials.issue({ department: 'audit', principal: 'x', scopes: ['worker:write'] }),
      ).rejects.toThrow(/outside what the law/);
      await expect(credentials.issue({ department: 'police', principal: 'x' })).rejects.toThrow(/unknown department/);
      await expect(
        credentials.issue({ department: 'health', principal: 'x', scopes: ['schooling:readall'] }),
      ).rejects.toThrow(/malformed scope/);
    });

    it('creates its tables idempotently, even twice at once', async () => {
      await Promise.all([ensureApiSchema(pool), ensureApiSchema(pool), ensureApiSchema(pool)]);
    });
  });

  describe('a request without a valid bearer token', () => {
    it('gets 401 problem+json with WWW-Authenticate', async () => {
      const res = await call('/v1/test/workers/w-1');
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="ledger"');
      expect(await res.json()).toMatchObject({ type: expect.stringContaining('/problems/unauthorized'), status: 401 });
    });

    it('gets 401 with an unknown token, a malformed header or a revoked token', async () => {
      expect((await call('/v1/test/workers/w-1', { token: 'ledger_notarealtoken' })).status).toBe(401);
      expect(
        (await call('/v1/test/workers/w-1', { headers: { authorization: `Basic ${tokens.audit!.token}` } })).status,
      ).toBe(401);
      const { credential, token } = await credentials.issue({ department: 'housing', principal: 'leaving desk' });
      expect((await call('/v1/test/workers/w-1', { token })).status).toBe(200);
      expect(await credentials.revoke(credential.id)).toBe(true);
      expect(await credentials.revoke(credential.id)).toBe(false);
      const res = await call('/v1/test/workers/w-1', { token });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('invalid_token');
    });

    it('reaches a @Public() route', async () => {
      const res = await call('/v1/test/open');
      expect(res.status).toBe(200);
    });
  });

  describe('scopes', () => {
    it('answers 200 inside the credential’s scopes', async () => {
      const res = await call('/v1/test/workers/w-1', { token: tokens.education!.token });
      expect(res.status).toBe(200);
    });

    it('answers 403 problem+json when education tries to endorse a permit', async () => {
      const res = await endorse('education', { endorsedOn: '2024-05-01' }, { 'idempotency-key': 'edu-1' });
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(await res.json()).toMatchObject({
        type: expect.stringContaining('/problems/forbidden'),
        department: 'education',
        requiredScopes: ['residence-permit:write:EndorsePermit'],
      });
    });

    it('lets the residence office endorse, as the catalog names it a writer', async () => {
      const res = await endorse(
        'residence-office',
        { endorsedOn: '2024-05-01' },
        { 'idempotency-key': 'ro-ok-1' },
        'w-scope',
      );
      expect(res.status).toBe(201);
      expect(await res.json()).toMatchObject({
        actor: { department: 'residence-office', principal: 'residence-office test desk' },
      });
    });

    it('holds a narrowed credential to its narrower scopes', async () => {
      const { token } = await credentials.issue({
        department: 'residence-office',
        principal: 'read-only desk',
        scopes: ['worker:read'],
      });
      expect((await call('/v1/test/workers/w-1', { token })).status).toBe(200);
      const res = await call('/v1/test/workers/w-1/residence-permit/endorsements', {
        method: 'POST',
        token,
        body: { endorsedOn: '2024-05-01' },
        headers: { 'idempotency-key': 'n-1' },
      });
      expect(res.status).toBe(403);
    });

    it('refuses every credential on a route that declares no scope', async () => {
      for (const department of Object.keys(tokens)) {
        const res = await call('/v1/test/undeclared', { token: tokens[department]!.token });
        expect(res.status).toBe(403);
      }
    });
  });

  describe('the access log', () => {
    it('records allowed and denied attempts with who, what, when and the status', async () => {
      const before = new Date(Date.now() - 1000);
      await call('/v1/test/workers/w-log', { token: tokens.education!.token });
      await endorse('education', { endorsedOn: '2024-05-01' }, { 'idempotency-key': 'edu-log' }, 'w-log');
      await call('/v1/test/workers/w-log');
      await accessLog.flush();
      const rows = await accessLog.list({ department: 'education', from: before });
      const read = rows.find((r) => r.resource === 'worker-w-log');
      expect(read).toMatchObject({
        credentialId: tokens.education!.id,
        principal: 'education test desk',
        method: 'GET',
        route: '/v1/test/workers/:id',
        scope: 'worker:read',
        decision: 'allowed',
        allowed: true,
        status: 200,
      });
      expect(read!.at.getTime()).toBeGreaterThanOrEqual(before.getTime());
      expect(rows.find((r) => r.method === 'POST' && r.resource.includes('w-log'))).toMatchObject({
        route: '/v1/test/workers/:id/residence-permit/endorsements',
        scope: 'residence-permit:write:EndorsePermit',
        decision: 'forbidden',
        allowed: false,
        status: 403,
      });
      const anonymous = await accessLog.list({ decision: 'unauthenticated', from: before });
      expect(anonymous.find((r) => r.resource === 'worker-w-log')).toMatchObject({
        credentialId: null,
        department: null,
        allowed: false,
        status: 401,
      });
    });

    it('is read by auditors over HTTP, and by no one else', async () => {
      await accessLog.flush();
      const res = await call(`/v1/audit/access-log?department=education&allowed=false&limit=5`, {
        token: tokens.audit!.token,
      });
      expect(res.status).toBe(200);
      const page = (await res.json()) as { items: { department: string; allowed: boolean }[]; next: number };
      expect(page.items.length).toBeGreaterThan(0);
      expect(page.items.every((r) => r.department === 'education' && r.allowed === false)).toBe(true);
      expect((await call('/v1/audit/access-log', { token: tokens.education!.token })).status).toBe(403);
      expect((await call('/v1/audit/access-log?limit=ten', { token: tokens.audit!.token })).status).toBe(400);
    });
  });

  describe('ID numbers', () => {
    it('are masked for education and auditors, at any depth', async () => {
      for (const department of ['education', 'audit']) {
        const body = await (await call('/v1/test/workers/w-1', { token: tokens[department]!.token })).json();
        expect(body).toEqual({
          workerId: 'w-1',
          idNumber: '3101**********1234',
          children: [{ name: '小明', idNumber: '1101**********003X', guardianIdNumber: '3101**********1234' }],
        });
      }
    });

    it('are in clear for the residence office and public security', async () => {
      for (const department of ['residence-office', 'public-security']) {
        const body = (await (await call('/v1/test/workers/w-1', { token: tokens[department]!.token })).json()) as {
          idNumber: string;
        };
        expect(body.idNumber).toBe(ID);
      }
    });

    it('are masked on public routes, where no department is known', async () => {
      expect(await (await call('/v1/test/open')).json()).toEqual({ open: true, idNumber: '3101**********1234' });
    });
  });

  describe('ETag and If-Match', () => {
    it('sends ETag "<revision>" on a read', async () => {
      const res = await call('/v1/test/workers/w-1', { token: tokens.education!.token });
      expect(res.headers.get('etag')).toBe('"3"');
    });

    it('passes "3" and W/"3" to the handler as revision 3, and no header as none', async () => {
      const strong = await endorse(
        'residence-office',
        { endorsedOn: '2024-05-01' },
        { 'idempotency-key': 'im-1', 'if-match': '"3"' },
        'w-im',
      );
      expect(await strong.json()).toMatchObject({ ifMatch: 3 });
      const weak = await endorse(
        'residence-office',
        { endorsedOn: '2024-05-01' },
        { 'idempotency-key': 'im-2', 'if-match': 'W/"3"' },
        'w-im',
      );
      expect(await weak.json()).toMatchObject({ ifMatch: 3 });
      const none = await endorse(
        'residence-office',
        { endorsedOn: '2024-05-01' },
        { 'idempotency-key': 'im-3' },
        'w-im',
      );
      expect(await none.json()).toMatchObject({ ifMatch: null });
    });

    it('answers a malformed If-Match with 400 problem+json, and runs nothing', async () => {
      const ran = executions.get('w-im-bad') ?? 0;
      for (const ifMatch of ['3', '"abc"', '"-1"', '*', '"3", "4"']) {
        const res = await endorse(
          'residence-office',
          { endorsedOn: '2024-05-01' },
          { 'idempotency-key': `imb-${ifMatch}`, 'if-match': ifMatch },
          'w-im-bad',
        );
        expect([ifMatch, res.status]).toEqual([ifMatch, 400]);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
      }
      expect(executions.get('w-im-bad') ?? 0).toBe(ran);
    });
  });

  describe('Idempotency-Key', () => {
    it('is required on a POST command: 400 without it', async () => {
      const res = await endorse('residence-office', { endorsedOn: '2024-05-01' });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({
        type: expect.stringContaining('/problems/bad-request'),
        header: 'Idempotency-Key',
      });
      expect(
        (await endorse('residence-office', { endorsedOn: '2024-05-01' }, { 'idempotency-key': 'x'.repeat(256) }))
          .status,
      ).toBe(400);
    });

    it('replays the first answer for the same key and request, without running the handler again', async () => {
      const first = await endorse(
        'residence-office',
        { endorsedOn: '2024-05-01', feeFen: 0 },
        { 'idempotency-key': 'k-replay' },
        'w-replay',
      );
      const firstBody = await first.json();
      // Same JSON, keys in another order: the same request.
      const second = await fetch(`${base}/v1/test/workers/w-replay/residence-permit/endorsements`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${tokens['residence-office']!.token}`,
          'idempotency-key': 'k-replay',
          'content-type': 'application/json',
        },
        body: '{"feeFen":0,"endorsedOn":"2024-05-01"}',
      });
      expect(first.status).toBe(201);
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      // A replay created nothing: 200 with the first answer (docs/api-commands.md).
      expect(second.status).toBe(200);
      expect(second.headers.get('idempotent-replayed')).toBe('true');
      expect(second.headers.get('etag')).toBe('"4"');
      expect(await second.text()).toBe(JSON.stringify(firstBody));
      expect(executions.get('w-replay')).toBe(1);
    });

    it('answers 422 idempotency-key-reused for the same key with another body or path', async () => {
      await endorse('residence-office', { endorsedOn: '2024-05-01' }, { 'idempotency-key': 'k-reuse' }, 'w-reuse');
      const otherBody = await endorse(
        'residence-office',
        { endorsedOn: '2024-05-02' },
        { 'idempotency-key': 'k-reuse' },
        'w-reuse',
      );
      expect(otherBody.status).toBe(422);
      expect(await otherBody.json()).toMatchObject({
        type: expect.stringContaining('/problems/idempotency-key-reused'),
      });
      const otherPath = await endorse(
        'residence-office',
        { endorsedOn: '2024-05-01' },
        { 'idempotency-key': 'k-reuse' },
        'w-reuse-2',
      );
      expect(otherPath.status).toBe(422);
      expect(executions.get('w-reuse')).toBe(1);
      expect(executions.get('w-reuse-2')).toBeUndefined();
    });

    it('scopes keys to the credential: another credential’s same key is its own command', async () => {
      await endorse('residence-office', { endorsedOn: '2024-05-01' }, { 'idempotency-key': 'k-shared' }, 'w-shared');
      const res = await endorse(
        'public-security',
        { endorsedOn: '2024-05-01' },
        { 'idempotency-key': 'k-shared' },
        'w-shared',
      );
      expect(res.status).toBe(201);
      expect(res.headers.get('idempotent-replayed')).toBeNull();
      expect(executions.get('w-shared')).toBe(2);
    });

    it('runs concurrent duplicates once and gives each the same answer', async () => {
      const answers = await Promise.all(
        Array.from({ length: 8 }, () =>
          endorse(
            'residence-office',
            { endorsedOn: '2024-05-01', delayMs: 300 },
            { 'idempotency-key': 'k-race' },
            'w-race',
          ),
        ),
      );
      const bodies = await Promise.all(answers.map((r) => r.json()));
      // One created the events (201); the seven replays answer its body with 200.
      expect(answers.map((r) => r.status).sort()).toEqual([...Array(7).fill(200), 201]);
      expect(executions.get('w-race')).toBe(1);
      expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
      expect(answers.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(7);
    });

    it('replays a policy refusal as the first answer, with its rule and clause', async () => {
      const first = await endorse(
        'residence-office',
        { endorsedOn: '2024-05-01', mode: 'refuse' },
        { 'idempotency-key': 'k-refuse' },
        'w-refuse',
      );
      const second = await endorse(
        'residence-office',
        { endorsedOn: '2024-05-01', mode: 'refuse' },
        { 'idempotency-key': 'k-refuse' },
        'w-refuse',
      );
      expect([first.status, second.status]).toEqual([422, 422]);
      expect(second.headers.get('idempotent-replayed')).toBe('true');
      expect(second.headers.get('content-type')).toContain('application/problem+json');
      expect(await second.json()).toMatchObject({
        type: expect.stringContaining('/problems/policy-refusal'),
        rule: 'permit.endorse.yearly',
      });
      expect(executions.get('w-refuse')).toBe(1);
    });

    it('lets a retry run again after a 5xx or a 400, which decided nothing', async () => {
      const crashed = await endorse(
        'residence-office',
        { endorsedOn: '2024-05-01', mode: 'crash' },
        { 'idempotency-key': 'k-crash' },
        'w-crash',
      );
      expect(crashed.status).toBe(500);
      const retried = await endorse(
        'residence-office',
        { endorsedOn: '2024-05-01', mode: 'crash' },
        { 'idempotency-key': 'k-crash' },
        'w-crash',
      );
      expect(retried.status).toBe(500);
      expect(executions.get('w-crash')).toBe(2);

      const bad = await endorse(
        'residence-office',
        { endorsedOn: '2023-02-29' },
        { 'idempotency-key': 'k-fix' },
        'w-fix',
      );
      expect(bad.status).toBe(400);
      const fixed = await endorse(
        'residence-office',
        { endorsedOn: '2023-02-28' },
        { 'idempotency-key': 'k-fix' },
        'w-fix',
      );
      expect(fixed.status).toBe(201);
      expect(executions.get('w-fix')).toBe(1);
    });

    it('stores the answer as the caller saw it: ID numbers masked for a non-owner', async () => {
      const res = await call('/v1/test/workers/w-note/notes', {
        method: 'POST',
        token: tokens.education!.token,
        body: {},
        headers: { 'idempotency-key': 'k-note' },
      });
      expect(res.status).toBe(201);
      const { rows } = await pool.query<{ body: { idNumber: string } }>(
        `SELECT body FROM api.idempotency_keys WHERE credential_id = $1 AND key = 'k-note'`,
        [tokens.education!.id],
      );
      expect(rows[0]!.body.idNumber).toBe('3101**********1234');
    });

    it('is not asked of a POST marked @SkipIdempotency()', async () => {
      expect((await call('/v1/test/search', { method: 'POST', token: tokens.education!.token, body: {} })).status).toBe(
        200,
      );
    });
  });

  describe('bad input', () => {
    it('is a 400 problem+json: an impossible date, money as a string, an unknown field', async () => {
      for (const [i, body] of [
        { endorsedOn: '2024-13-01' },
        { endorsedOn: '2024-05-01', feeFen: '100' },
        { endorsedOn: '2024-05-01', feeFen: 1.5 },
        { endorsedOn: '2024-05-01', extra: 1 },
      ].entries()) {
        const res = await endorse('residence-office', body, { 'idempotency-key': `bad-${i}` }, 'w-bad');
        expect([body, res.status]).toEqual([body, 400]);
      }
      expect(executions.get('w-bad')).toBeUndefined();
    });
  });

  describe('the rate limit', () => {
    let limited: { app: INestApplication; base: string };
    beforeAll(async () => {
      limited = await boot(pool, { rateLimit: { ratePerSecond: 1, burst: 2 }, ensureSchema: false });
    });
    afterAll(async () => {
      await limited.app.close();
    });

    it('answers 429 problem+json with Retry-After once a credential spends its burst, and only that credential', async () => {
      const get = (department: string) =>
        fetch(`${limited.base}/v1/test/workers/w-1`, {
          headers: { authorization: `Bearer ${tokens[department]!.token}` },
        });
      expect((await get('education')).status).toBe(200);
      expect((await get('education')).status).toBe(200);
      const res = await get('education');
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('1');
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(await res.json()).toMatchObject({
        type: expect.stringContaining('/problems/rate-limited'),
        retryAfter: 1,
      });
      expect((await get('audit')).status).toBe(200);
      await sleep(1100);
      expect((await get('education')).status).toBe(200);
      await limited.app.get(AccessLogService).flush();
      const rows = await accessLog.list({ decision: 'rate-limited', credentialId: tokens.education!.id });
      expect(rows[0]).toMatchObject({ allowed: false, status: 429 });
    });
  });
});
