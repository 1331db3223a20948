import { BadRequestException, INestApplication, MethodNotAllowedException, NotFoundException } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import type { Logger } from 'pino';
import { PackArchive } from '@ledger/audit';
import { AppDependencies, AppModule } from './app.module';
import { installRequestLimits, rejectPrototypeKeys, REQUEST_LIMITS } from './conventions/request-limits';
import { serveConsole } from './console/serve-console';
import { createLedgerLogger, httpLogger } from './observability/logging';
import { httpMetrics, LedgerMetrics } from './observability/ledger-metrics';
import { ProblemDetailsFilter } from './problem/problem-details.filter';
import { LedgerValidationPipe } from './problem/validation-errors';
import { addReadSchemas } from './routes/reads/read-openapi';
import { problem, ProblemError } from './problem/problem';

export const API_TITLE = 'Entitlement Ledger API';

interface RouteLayer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
}

/** No command or query body nests deeper than a handful of levels; 32 leaves room and stops abuse. */
const MAX_JSON_DEPTH = 32;

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** `application/json`, with no parameter but an optional UTF-8 charset (RFC 8259 §8.1). */
export function isJsonMediaType(header: string): boolean {
  const [essence, ...params] = header.split(';').map((p) => p.trim().toLowerCase());
  if (essence !== 'application/json') return false;
  return params.every((p) => p === '' || p === 'charset=utf-8' || p === 'charset="utf-8"');
}

/** Depth of a parsed JSON value, iteratively (a recursive walk would overflow on the abuse it checks). */
function jsonDepth(value: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > max) max = depth;
    if (max > MAX_JSON_DEPTH) return max;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return max;
}

/** Builds the Nest application with the conventions of docs/architecture.md §3. */
export interface CreateAppOptions {
  /** false: no log lines (most tests); a pino logger: that one (main, log tests); default: a new one on stdout. */
  logger?: boolean | Logger;
  /** The registry /metrics serves; a new one by default. */
  metrics?: LedgerMetrics;
}

export async function createApp(deps: AppDependencies, options: CreateAppOptions = {}): Promise<INestApplication> {
  const logger =
    options.logger === false ? createLedgerLogger({ level: 'silent' }) : options.logger === true || options.logger === undefined ? createLedgerLogger() : options.logger;
  const metrics = options.metrics ?? new LedgerMetrics();
  // The API decides under this pack: archived, or checked against the archive, before anything
  // is served, so every decision it records stays re-decidable (docs/audit.md, "Pack archive").
  // Here rather than in a provider: a refusal must reach the caller, not Nest's process.exit.
  await (await PackArchive.open(deps.readPool)).keep(deps.execute.policy);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(deps, { logger, metrics }), {
    logger: options.logger === false ? false : undefined,
    bufferLogs: options.logger !== false,
    bodyParser: false,
  });
  if (options.logger !== false) app.useLogger(app.get(NestPinoLogger));
  // First of all: the request id (X-Request-Id, kept or made, echoed), one log line per answered
  // request, and the HTTP metrics, so even a 408, 405, 415 or 404 below is logged and counted.
  app.use(httpLogger(logger));
  app.use(httpMetrics(metrics));
  installRequestLimits(app);
  app.useBodyParser('json', { limit: REQUEST_LIMITS.bodyBytes, type: ['application/json'] });
  // The counter console's static files (docs/console.md), before the API's middleware.
  serveConsole(app);
  // A known path with a method it does not serve is a 405 with Allow (RFC 9110 §15.5.6), not
  // a 404. The route table exists only after init(), so this middleware (placed before the
  // routes) reads it lazily.
  const routes: { pattern: RegExp; methods: Set<string> }[] = [];
  app.use((req: Request, res: Response, next: NextFunction) => {
    const path = req.path;
    const matching = routes.filter((r) => r.pattern.test(path));
    if (matching.length === 0 || matching.some((r) => r.methods.has(req.method) || (req.method === 'HEAD' && r.methods.has('GET')))) {
      return next();
    }
    const allow = [...new Set(matching.flatMap((r) => [...r.methods]))].sort().join(', ');
    res.setHeader('Allow', allow);
    next(new MethodNotAllowedException(`${req.method} is not served at ${path}; allowed: ${allow}`));
  });
  // Found by issue 9: a command sent as text/plain or a form was executed with an empty body
  // (the JSON parser skips what is not JSON) and appended an event. A route that takes a body
  // takes JSON only: anything else, or no Content-Type at all, is a 415 before any handler.
  app.use((req: Request, _res: Response, next: NextFunction) => {
    if (!BODY_METHODS.has(req.method) || !routes.some((r) => r.pattern.test(req.path))) return next();
    const type = req.headers['content-type'];
    if (type !== undefined && isJsonMediaType(type)) return next();
    next(
      new ProblemError(
        problem(
          'unsupported-media-type',
          type === undefined
            ? `${req.method} ${req.path} takes a JSON body: send Content-Type: application/json`
            : `${req.method} ${req.path} takes application/json, not ${type.slice(0, 100)}`,
        ),
      ),
    );
  });
  // Found by the fuzz test: a NUL in a path id or filter reached PostgreSQL (which refuses it in
  // text), and a body nested thousands deep overflowed class-transformer's recursion. Both are
  // refused here, before any handler: 400 problem+json.
  app.use((req: Request, _res: Response, next: NextFunction) => {
    if (/%00|\u0000/i.test(req.originalUrl)) return next(new BadRequestException('The URL contains a NUL character'));
    if (jsonDepth(req.body) > MAX_JSON_DEPTH) {
      return next(new BadRequestException(`The body is nested more than ${MAX_JSON_DEPTH} levels deep`));
    }
    next();
  });
  app.use(rejectPrototypeKeys);
  // docs/architecture.md §3: bodies validated with class-validator DTOs; unknown fields are rejected.
  // Each error names its field (a JSON Pointer into the body), in Chinese or English (problem/localize.ts).
  app.useGlobalPipes(new LedgerValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(API_TITLE)
      .setDescription(
        'The public services a city owes its migrant workers, as an append-only event ledger. ' +
          'Every error is RFC 9457 application/problem+json.',
      )
      .setVersion('1')
      // The tokens are opaque (a prefix and 32 random bytes, stored hashed), not JWTs.
      .addBearerAuth({
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'opaque',
        description: 'An opaque department credential, `ledger_` and 43 base64url characters, issued by `ledger credentials issue` (shown once, stored hashed)',
      })
      .build(),
  );
  // Each read route's answer: the schema generated from the type its query handler returns.
  addReadSchemas(document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json', raw: ['json'] });
  // Unknown paths and body-parser failures become problem+json too.
  const filter = new ProblemDetailsFilter();
  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (!error) return next();
    filter.catch(error, { switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }) } as never);
  });
  await app.init();
  const express = app.getHttpAdapter().getInstance() as import('express').Express;
  const router = (express as unknown as { router?: { stack: RouteLayer[] }; _router?: { stack: RouteLayer[] } });
  for (const layer of (router.router ?? router._router)?.stack ?? []) {
    if (!layer.route) continue;
    for (const routePath of ([] as string[]).concat(layer.route.path)) {
      const source = routePath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\?:[A-Za-z_][A-Za-z0-9_]*/g, '[^/]+');
      const methods = Object.entries(layer.route.methods).filter(([m, on]) => on && m !== '_all').map(([m]) => m.toUpperCase());
      routes.push({ pattern: new RegExp(`^${source}/?$`), methods: new Set(methods) });
    }
  }
  express.use((req: Request, res: Response) => {
    filter.catch(new NotFoundException(`No route ${req.method} ${req.path}`), {
      switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
    } as never);
  });
  return app;
}
