import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { parseIdempotencyKey } from '../../conventions/command-headers';
import { parseIfMatch } from '../../conventions/etag';

/** The client's retry and concurrency controls on a command (docs/architecture.md §3). */
export interface CommandPreconditions {
  idempotencyKey: string;
  /** The credential that owns the key: event ids derive from both (issue 16). */
  idempotencyScope?: string;
  /** The stream revision the client read; absent when the client does not pin one. */
  ifMatch?: number;
}

export function preconditionsOf(request: {
  headers: Record<string, string | string[] | undefined>;
  credential?: { id: string };
}): CommandPreconditions {
  const idempotencyKey = parseIdempotencyKey(request.headers['idempotency-key']);
  // `"3"` or `W/"3"` → 3; a list, `*` or a bare number is a 400 (conventions/etag.ts).
  const ifMatch = parseIfMatch(request.headers['if-match']);
  const scope = request.credential?.id;
  return {
    idempotencyKey,
    ...(scope !== undefined ? { idempotencyScope: scope } : {}),
    ...(ifMatch !== undefined ? { ifMatch } : {}),
  };
}

/** `@Preconditions() p: CommandPreconditions`: Idempotency-Key (required) and If-Match (optional). */
export const Preconditions = createParamDecorator((_: unknown, context: ExecutionContext): CommandPreconditions =>
  preconditionsOf(context.switchToHttp().getRequest()),
);
