import type { INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { EventStore, PostgresEventStore } from '@ledger/event-store';
import { PrivacyKeys, PrivateEventStore } from '@ledger/privacy';
import { loadPack, PolicyView } from '@ledger/policy';
import { ensureProjectorSchema, ProjectionRunner } from '@ledger/projections';
import { DEPARTMENT_PROJECTIONS } from '@ledger/read-models';
import { createApp } from '../../apps/api/src/create-app';
import { CredentialService, DEPARTMENT_NAMES, PUBLIC_ROUTE, REQUIRED_SCOPES, type ApiDepartment } from '../../apps/api/src/security';
import { createTestDatabase, type TestDatabase } from './test-database';
import { committedHead } from './committed-head';

/**
 * Runs every department projection until its checkpoint reaches the store's head: the read
 * models' tables exist (as `npm start`'s projector makes them) and hold what the store holds.
 */
export async function projectAll(store: PostgresEventStore, events: EventStore = store): Promise<void> {
  await ensureProjectorSchema(store.pool);
  const head = await committedHead(store.pool);
  for (const projection of DEPARTMENT_PROJECTIONS) {
    const runner = new ProjectionRunner(events, store.pool, projection, { batchSize: 200, poison: 'stop' });
    const done = runner.start();
    const started = Date.now();
    for (;;) {
      const { rows } = await store.pool.query('SELECT position FROM projector.checkpoints WHERE name = $1', [
        projection.name,
      ]);
      if (rows.length > 0 && Number(rows[0].position) >= head) break;
      if (runner.state === 'failed') await done;
      if (Date.now() - started > 30_000) throw new Error(`${projection.name} did not catch up`);
      await new Promise((r) => setTimeout(r, 20));
    }
    await runner.stop();
  }
}

/** The business date the harness's app decides on. */
export const HARNESS_TODAY = '2026-11-24';

/** One route the app serves, as Express and Nest know it. */
export interface ServedRoute {
  method: string;
  /** Express style: `/v1/workers/:workerId/summary`. */
  path: string;
}

/** One route a Nest controller declares, with the scopes its guard requires. */
export interface DeclaredRoute extends ServedRoute {
  /** Scopes @RequireScope names (all needed); [] for a public route. */
  scopes: string[];
  public: boolean;
}

export interface RequestOptions {
  /** Bearer token; null for none. Defaults to none. */
  token?: string | null;
  /** Idempotency-Key; null to omit. Defaults to a fresh UUID on POST. */
  key?: string | null;
  ifMatch?: string;
  headers?: Record<string, string>;
  /** A raw body, sent as-is (with `contentType`), instead of JSON. */
  raw?: string | Uint8Array;
  contentType?: string | null;
  method?: string;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body when it is JSON, else undefined. */
  // A response body is whatever the route answered; the specs say its shape.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export interface ApiHarness {
  app: INestApplication;
  store: PostgresEventStore;
  /** With `privacy` keys: the store the app writes and reads through (docs/privacy.md). */
  privateStore?: PrivateEventStore;
  db: TestDatabase;
  base: string;
  /** One token per department (the department's lawful scopes). */
  tokens: Map<ApiDepartment, string>;
  token(department: ApiDepartment): string;
  request(path: string, options?: RequestOptions & { body?: unknown }): Promise<ApiResponse>;
  post(path: string, body: unknown, options?: RequestOptions): Promise<ApiResponse>;
  get(path: string, options?: RequestOptions): Promise<ApiResponse>;
  /** Routes the Express router serves (Nest's controllers, not the Swagger UI's). */
  servedRoutes(): ServedRoute[];
  /** Routes the Nest controllers declare, with their required scopes. */
  declaredRoutes(): DeclaredRoute[];
  close(): Promise<void>;
}

function joinPath(...parts: string[]): string {
  const joined = parts
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter((p) => p.length > 0)
    .join('/');
  return `/${joined}`;
}

const HTTP_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'ALL', 'OPTIONS', 'HEAD', 'SEARCH'];

/**
 * Boots the API on a fresh database of the run's PostgreSQL, listening on a loopback port of
 * its own, with one credential per department. `env` is applied before the app is built (the
 * rate limit is read then).
 */
export async function startApiHarness(
  prefix: string,
  options: {
    env?: Record<string, string>;
    poolSize?: number;
    logger?: boolean;
    /** The deployment's pack (default panzhihua). */
    pack?: string;
    /** The business date each command is decided on, asked per command (default HARNESS_TODAY). */
    today?: () => string;
    /** Personal fields encrypted under these keys, as `npm start` does (docs/privacy.md). */
    privacy?: PrivacyKeys;
  } = {},
): Promise<ApiHarness> {
  for (const [name, value] of Object.entries(options.env ?? {})) process.env[name] = value;
  const db = await createTestDatabase(prefix);
  const store = await PostgresEventStore.connect(db.url, { poolSize: options.poolSize ?? 10 });
  const privateStore = options.privacy ? await PrivateEventStore.open(store, options.privacy) : undefined;
  const appStore: EventStore = privateStore ?? store;
  await projectAll(store, appStore);
  const jurisdiction = options.pack ?? 'panzhihua';
  const policy = new PolicyView(loadPack(jurisdiction));
  const app = await createApp(
    {
      store: appStore,
      readPool: store.pool,
      execute: { store: appStore, policy, today: options.today ?? (() => HARNESS_TODAY) },
      runtime: { adapter: 'postgres', embeddedDatabase: true, jurisdiction },
    },
    { logger: options.logger ?? false },
  );
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const tokens = new Map<ApiDepartment, string>();
  const credentials = app.get(CredentialService);
  for (const department of DEPARTMENT_NAMES) {
    tokens.set(department, (await credentials.issue({ department, principal: `${department}-harness` })).token);
  }

  const request = async (path: string, opts: RequestOptions & { body?: unknown } = {}): Promise<ApiResponse> => {
    const method = opts.method ?? 'GET';
    const headers: Record<string, string> = {};
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (method === 'POST' && opts.key !== null) headers['idempotency-key'] = opts.key ?? randomUUID();
    if (opts.ifMatch !== undefined) headers['if-match'] = opts.ifMatch;
    let body: string | Uint8Array | undefined;
    if (opts.raw !== undefined) {
      body = opts.raw;
      if (opts.contentType !== null) headers['content-type'] = opts.contentType ?? 'application/json';
    } else if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      if (opts.contentType !== null) headers['content-type'] = opts.contentType ?? 'application/json';
    }
    Object.assign(headers, opts.headers ?? {});
    const abort = new AbortController();
    const res = await fetch(`${base}${path}`, { method, headers, body, signal: abort.signal });
    // An event stream (GET /v1/feed/stream) never ends: its status and headers are the answer.
    if ((res.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
      abort.abort();
      await res.body?.cancel().catch(() => undefined);
      return { status: res.status, headers: res.headers, text: '', body: undefined };
    }
    const text = await res.text();
    let parsed: unknown;
    if (/json/.test(res.headers.get('content-type') ?? '')) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
    }
    return { status: res.status, headers: res.headers, text, body: parsed };
  };

  const harness: ApiHarness = {
    app,
    store,
    ...(privateStore ? { privateStore } : {}),
    db,
    base,
    tokens,
    token(department) {
      const token = tokens.get(department);
      if (!token) throw new Error(`no token for ${department}`);
      return token;
    },
    request,
    post: (path, body, opts = {}) => request(path, { ...opts, method: 'POST', body }),
    get: (path, opts = {}) => request(path, { ...opts, method: 'GET' }),
    servedRoutes() {
      const express = app.getHttpAdapter().getInstance() as {
        router?: { stack: unknown[] };
        _router?: { stack: unknown[] };
      };
      const stack = (express.router ?? express._router)?.stack ?? [];
      const routes: ServedRoute[] = [];
      for (const layer of stack as { route?: { path: string | string[]; methods: Record<string, boolean> } }[]) {
        if (!layer.route) continue;
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const path of paths)
          for (const [method, on] of Object.entries(layer.route.methods))
            if (on && method !== '_all') routes.push({ method: method.toUpperCase(), path });
      }
      return routes;
    },
    declaredRoutes() {
      const routes: DeclaredRoute[] = [];
      const seen = new Set<unknown>();
      for (const module of app.get(ModulesContainer).values()) {
        for (const wrapper of module.controllers.values()) {
          const type = wrapper.metatype as (new (...args: never[]) => object) | null;
          if (!type || seen.has(type)) continue;
          seen.add(type);
          const prefixes = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, type) ?? '/');
          const classScopes = Reflect.getMetadata(REQUIRED_SCOPES, type) as string[] | undefined;
          const classPublic = Reflect.getMetadata(PUBLIC_ROUTE, type) === true;
          for (const name of Object.getOwnPropertyNames(type.prototype)) {
            if (name === 'constructor') continue;
            const handler = (type.prototype as Record<string, unknown>)[name];
            if (typeof handler !== 'function') continue;
            const subPaths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
            const methodIndex = Reflect.getMetadata(METHOD_METADATA, handler) as number | undefined;
            if (subPaths === undefined || methodIndex === undefined) continue;
            // RequestMethod is a numeric enum in HTTP_METHODS' order.
            const method = HTTP_METHODS[methodIndex] ?? String(methodIndex);
            const scopes = (Reflect.getMetadata(REQUIRED_SCOPES, handler) as string[] | undefined) ?? classScopes ?? [];
            const isPublic = Reflect.getMetadata(PUBLIC_ROUTE, handler) === true || classPublic;
            for (const prefix of prefixes)
              for (const sub of ([] as string[]).concat(subPaths))
                routes.push({ method, path: joinPath(prefix, sub), scopes, public: isPublic });
          }
        }
      }
      return routes;
    },
    async close() {
      await app.close();
      await store.close();
      await db.drop();
    },
  };
  return harness;
}

/** `:param` → `{param}`, as OpenAPI writes a path. */
export function toOpenApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/** Fills a route's path parameters with sample values (`{workerId}` or `:workerId`). */
export function fillPath(path: string, values: Record<string, string> = {}): string {
  return path.replace(/[:{]([A-Za-z0-9_]+)\}?/g, (_, name: string) => {
    if (values[name] !== undefined) return encodeURIComponent(values[name]);
    if (name === 'childId') return 'c-1';
    if (name === 'employerId') return 'e-1';
    if (name === 'streamName') return 'worker-w-1';
    return 'w-1';
  });
}
