import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { problem } from '../problem/problem';
import { jsonPointer } from '../problem/localize';
import { invalidInput } from '../problem/validation-errors';

/**
 * The bounds a hostile or broken client meets (issue 16), documented in docs/faults.md. Every
 * one of them ends in a 4xx problem+json where an HTTP answer is still possible; the header
 * limits are Node's own and answer before any route exists (431, 408 without a body).
 */
export const REQUEST_LIMITS = {
  /** A JSON body over this is a 413 (body-parser's limit, create-app.ts). */
  bodyBytes: '1mb',
  /** A body must arrive whole within this after its headers: else 408 and the connection is closed. */
  bodyTimeoutMs: 10_000,
  /** Headers must arrive within this (Node checks every 30 s, so a slow client is cut within 40 s). */
  headersTimeoutMs: 10_000,
  /** The whole request, a backstop for what the body timer does not see. */
  requestTimeoutMs: 30_000,
  /** Idle keep-alive connections are closed after this. */
  keepAliveTimeoutMs: 5_000,
} as const;

/** Milliseconds from the environment, or the default; a value that is not a positive number fails the start. */
function fromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!(value > 0) || !Number.isFinite(value)) throw new RangeError(`${name} must be a positive number of ms, not ${JSON.stringify(raw)}`);
  return value;
}

/**
 * Server timeouts, and a timer per request body: a slow body (slowloris on the body, a client
 * that sends Content-Length and stops) held its socket for Node's 300 s, even without a token.
 * Installed before the body parser.
 */
export function installRequestLimits(app: INestApplication): void {
  const server = app.getHttpServer() as Server;
  server.headersTimeout = fromEnv('LEDGER_HEADERS_TIMEOUT_MS', REQUEST_LIMITS.headersTimeoutMs);
  server.requestTimeout = fromEnv('LEDGER_REQUEST_TIMEOUT_MS', REQUEST_LIMITS.requestTimeoutMs);
  server.keepAliveTimeout = REQUEST_LIMITS.keepAliveTimeoutMs;
  const bodyTimeoutMs = fromEnv('LEDGER_BODY_TIMEOUT_MS', REQUEST_LIMITS.bodyTimeoutMs);
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.complete) return next();
    const timer = setTimeout(() => {
      if (req.complete || res.headersSent) return;
      const body = {
        ...problem('request-timeout', `The request body did not arrive within ${bodyTimeoutMs / 1000} s`),
        instance: req.originalUrl,
      };
      res.setHeader('Connection', 'close');
      res.status(408).type('application/problem+json').send(JSON.stringify(body));
      res.once('finish', () => req.socket.destroy());
    }, bodyTimeoutMs);
    timer.unref();
    const clear = () => clearTimeout(timer);
    req.once('end', clear);
    res.once('finish', clear);
    res.once('close', clear);
    next();
  });
}

/** Keys that name an object's prototype: JSON.parse keeps them, class-transformer silently drops them. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function prototypeKey(value: unknown): string[] | undefined {
  const stack: [unknown, string[]][] = [[value, []]];
  while (stack.length) {
    const [node, path] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    for (const key of Object.keys(node)) {
      if (PROTOTYPE_KEYS.has(key)) return [...path, key];
      stack.push([(node as Record<string, unknown>)[key], [...path, key]]);
    }
  }
  return undefined;
}

/**
 * `__proto__` and `constructor` in a body were silently dropped while every other unknown key is
 * a 400 (issue 16): now they are a 400 too, in the words of the validation pipe. Installed after
 * the body parser (and after the depth check, so the walk is bounded).
 */
export function rejectPrototypeKeys(req: Request, _res: Response, next: NextFunction): void {
  const path = prototypeKey(req.body);
  if (path === undefined) return next();
  const key = path[path.length - 1]!;
  next(invalidInput({ pointer: jsonPointer(path) }, { zh: `不接受字段 ${key}`, en: `property ${key} should not exist` }));
}
