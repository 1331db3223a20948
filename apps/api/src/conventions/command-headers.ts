import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiHeader, ApiPreconditionFailedResponse, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { LedgerRequest } from '../security/request-context';
import { problem, ProblemError } from '../problem/problem';
import { parseIfMatch } from './etag';

export const SKIP_IDEMPOTENCY = 'ledger:skip-idempotency';

/** A POST that is not a command (a search with a body): no Idempotency-Key required. */
export const SkipIdempotency = () => SetMetadata(SKIP_IDEMPOTENCY, true);

/** The command's Idempotency-Key, validated by IdempotencyInterceptor. */
export const IdempotencyKey = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): string | undefined =>
    ctx.switchToHttp().getRequest<LedgerRequest>().idempotencyKey,
);

/** The If-Match revision as a number, undefined without the header; a malformed one is a 400. */
export const IfMatch = createParamDecorator((_: unknown, ctx: ExecutionContext): number | undefined =>
  parseIfMatch(ctx.switchToHttp().getRequest<LedgerRequest>().headers['if-match']),
);

/** OpenAPI for a command route: its Idempotency-Key and If-Match headers and their errors. */
export function ApiCommandHeaders() {
  const problem = { content: { 'application/problem+json': {} } };
  return applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: true,
      description:
        'A fresh random value per command (a UUID), the same on each retry: a retry replays the first answer. ' +
        'A key belongs to the credential that sends it; reused for another command it is a 422',
      example: '7b0e5f8c-1c1d-4c1e-9f6e-2f1a3c4d5e6f',
    }),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description:
        'The stream revision the client read (its ETag, "3"); the command is refused with 412 if the stream has moved',
      example: '"3"',
    }),
    ApiPreconditionFailedResponse({
      ...problem,
      description: 'If-Match names a revision the stream has moved past (problem type precondition-failed)',
    }),
    ApiUnprocessableEntityResponse({
      ...problem,
      description:
        'A policy refusal, or the Idempotency-Key was used with another request (problem type idempotency-key-reused)',
    }),
  );
}

// Visible ASCII (UUIDs, ULIDs, opaque tokens).
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** The one rule for an Idempotency-Key header: required on commands, 1–255 visible ASCII. */
export function parseIdempotencyKey(value: string | string[] | undefined): string {
  const key = Array.isArray(value) ? undefined : value;
  if (key === undefined || key === '' || !IDEMPOTENCY_KEY.test(key)) {
    throw new ProblemError(
      problem(
        'bad-request',
        key === undefined || key === ''
          ? 'Commands need an Idempotency-Key header: a fresh random value per command, the same on its retries'
          : 'The Idempotency-Key must be 1–255 visible ASCII characters',
        { header: 'Idempotency-Key' },
      ),
    );
  }
  return key;
}
