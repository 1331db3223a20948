import { createHash } from 'node:crypto';
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import canonicalize from 'canonicalize';
import type { Response } from 'express';
import { catchError, from, mergeMap, of, type Observable } from 'rxjs';
import { problem, ProblemError, type ProblemDetails } from '../problem/problem';
import { toProblem } from '../problem/problem-details.filter';
import type { LedgerRequest } from '../security/request-context';
import { parseIdempotencyKey } from './command-headers';
import { IdempotencyStore, type StoredResponse } from './idempotency.store';
import { SKIP_IDEMPOTENCY } from './command-headers';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';
/** Response headers a replay repeats. */
const KEPT_HEADERS = ['etag', 'location', 'content-location'];

/** SHA-256 over what makes two requests the same: method, path and query, If-Match, canonical JSON body. */
export function requestFingerprint(req: Pick<LedgerRequest, 'method' | 'originalUrl' | 'body' | 'headers'>): string {
  const ifMatch = req.headers['if-match'] ?? '';
  return createHash('sha256')
    .update(`${req.method}\n${req.originalUrl}\n${String(ifMatch)}\n${canonicalize(req.body ?? null) ?? ''}`)
    .digest('hex');
}

/**
 * The first answers a retry gets again: successes and policy refusals, which are decisions.
 * Any other failure (bad input, a conflict, a stale If-Match, a 5xx) appended nothing, so the
 * claim is released and a retry, perhaps with a corrected body, runs and decides afresh.
 */
function kept(answer: ProblemDetails): boolean {
  return answer.status < 400 || answer.type === problem('policy-refusal', '').type;
}

/**
 * Every POST command needs an Idempotency-Key (docs/architecture.md §3). Same credential, key and request:
 * the first answer again, with `Idempotent-Replayed: true`; same key, another request: 422
 * idempotency-key-reused. Handlers read the key from `req.idempotencyKey` (or @IdempotencyKey())
 * and pass it to the executor, whose event ids derive from it.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly store: IdempotencyStore,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<LedgerRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    const credential = req.credential;
    const skip = this.reflector.getAllAndOverride<boolean>(SKIP_IDEMPOTENCY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (req.method !== 'POST' || skip || !credential) return next.handle();

    const key = parseIdempotencyKey(req.headers['idempotency-key']);
    req.idempotencyKey = key;
    const fingerprint = requestFingerprint(req);

    return from(this.store.claim(credential.id, key, fingerprint)).pipe(
      mergeMap((claim) => {
        switch (claim.kind) {
          case 'reused':
            throw new ProblemError(
              problem(
                'idempotency-key-reused',
                'This Idempotency-Key was first used with another request; use a new key for a new command',
                {
                  header: IDEMPOTENCY_KEY_HEADER,
                },
              ),
            );
          case 'in-flight':
            res.setHeader('Retry-After', '1');
            throw new ProblemError(
              problem('conflict', 'A request with this Idempotency-Key is still running; retry it shortly', {
                header: IDEMPOTENCY_KEY_HEADER,
              }),
            );
          case 'replay':
            return this.replay(res, claim.response);
          case 'claimed':
            return next.handle().pipe(
              mergeMap(async (body: unknown) => {
                await this.store.complete(credential.id, key, claim.claimToken, {
                  status: res.statusCode,
                  headers: keptHeaders(res),
                  body,
                });
                return body;
              }),
              catchError(async (error: unknown) => {
                const { instance: _instance, ...answer } = toProblem(error);
                // The caller gets this error's answer even if recording it fails (the database
                // went away): the claim then stays pending, and the store lets the next retry
                // take it over (IdempotencyStore.claim).
                try {
                  if (kept(answer))
                    await this.store.complete(credential.id, key, claim.claimToken, {
                      status: answer.status,
                      headers: {},
                      body: answer,
                    });
                  else await this.store.release(credential.id, key, claim.claimToken);
                } catch {
                  this.store.abandon(claim.claimToken);
                }
                throw error;
              }),
            );
          default: {
            const never: never = claim;
            throw new Error(`unknown claim ${JSON.stringify(never)}`);
          }
        }
      }),
    );
  }

  private replay(res: Response, stored: StoredResponse): Observable<unknown> {
    res.setHeader(REPLAYED_HEADER, 'true');
    for (const [name, value] of Object.entries(stored.headers)) res.setHeader(name, value);
    if (stored.status >= 400) throw new ProblemError(stored.body as ProblemDetails);
    // A replay created nothing: 200 with the first answer, as the executor answers a retry that
    // reaches it (docs/api-commands.md), never the first 201 again.
    res.status(stored.status === 201 ? 200 : stored.status);
    return of(stored.body);
  }
}

function keptHeaders(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = res.getHeader(name);
    if (value !== undefined) out[name] = String(value);
  }
  return out;
}
