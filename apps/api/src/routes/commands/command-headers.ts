import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { parseIfMatch } from '../../conventions/etag';
import { problem, ProblemError } from '../../problem/problem';

/** The client's retry and concurrency controls on a command (DESIGN.md §3). */
export interface CommandPreconditions {
  idempotencyKey: string;
  /** The stream revision the client read; absent when the client does not pin one. */
  ifMatch?: number;
}

// Visible ASCII (UUIDs, ULIDs, opaque tokens), as the IdempotencyInterceptor accepts.
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

function header(request: { headers: Record<string, string | string[] | undefined> }, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

export function parseIdempotencyKey(value: string | undefined): string {
  if (value === undefined || value === '') {
    throw new ProblemError(
      problem('bad-request', 'Every command needs an Idempotency-Key header (a UUID, say)', {
        header: 'Idempotency-Key',
      }),
    );
  }
  if (!IDEMPOTENCY_KEY.test(value)) {
    throw new ProblemError(
      problem('bad-request', 'Idempotency-Key must be 1–255 visible ASCII characters', { header: 'Idempotency-Key' }),
    );
  }
  return value;
}

export function preconditionsOf(request: {
  headers: Record<string, string | string[] | undefined>;
}): CommandPreconditions {
  const idempotencyKey = parseIdempotencyKey(header(request, 'idempotency-key'));
  // `"3"` or `W/"3"` → 3; a list, `*` or a bare number is a 400 (conventions/etag.ts).
  const ifMatch = parseIfMatch(request.headers['if-match']);
  return ifMatch === undefined ? { idempotencyKey } : { idempotencyKey, ifMatch };
}

/** `@Preconditions() p: CommandPreconditions`: Idempotency-Key (required) and If-Match (optional). */
export const Preconditions = createParamDecorator((_: unknown, context: ExecutionContext): CommandPreconditions =>
  preconditionsOf(context.switchToHttp().getRequest()),
);
