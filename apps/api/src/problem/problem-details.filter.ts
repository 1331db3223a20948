import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DuplicateEventId, InvalidAppend, WrongExpectedVersion } from '@ledger/event-store';
import { DomainError, type DomainErrorKind } from '@ledger/kernel';
import { isDatabaseUnavailable, UNAVAILABLE_RETRY_AFTER_SECONDS } from './database-unavailable';
import { languageOf, localizeProblem } from './localize';
import { problem, ProblemDetails, ProblemError, ProblemType } from './problem';

const STATUS_TO_TYPE: Record<number, ProblemType> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  408: 'request-timeout',
  409: 'conflict',
  412: 'precondition-failed',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'validation-failed',
  429: 'rate-limited',
  503: 'unavailable',
};

/** The one map from a domain error's kind to its problem (docs/style.md, habits). */
const DOMAIN_PROBLEMS: Record<DomainErrorKind, { type: ProblemType; title?: string }> = {
  invalid: { type: 'validation-failed' },
  rejected: { type: 'conflict', title: 'The command does not fit the stream' },
  refused: { type: 'policy-refusal' },
  stale: { type: 'precondition-failed' },
  reused: { type: 'idempotency-key-reused' },
};

export function domainProblem(error: DomainError): ProblemDetails {
  const { type, title } = DOMAIN_PROBLEMS[error.kind];
  const body = problem(type, error.message, error.problemExtensions());
  return title ? { ...body, title } : body;
}

/** Maps every error kind to one RFC 9457 body; never a stack trace. */
export function toProblem(error: unknown): ProblemDetails {
  if (error instanceof ProblemError) return error.body;
  if (error instanceof DomainError) return domainProblem(error);
  if (error instanceof WrongExpectedVersion) {
    // Other writers kept moving the stream through every re-decision: nothing was appended,
    // and the same request (same Idempotency-Key) may simply be sent again.
    return problem('conflict', `${error.message}; other writers kept changing the stream: retry the same request`, {
      stream: error.streamName,
      expected: error.expected,
      actual: error.actual,
      retryAfter: 1,
    });
  }
  if (error instanceof DuplicateEventId) return problem('duplicate-event', error.message);
  if (error instanceof InvalidAppend) return problem('validation-failed', error.message, { field: error.field });
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const message =
      typeof response === 'object' && response !== null && 'message' in response
        ? (response as { message: unknown }).message
        : error.message;
    const detail = Array.isArray(message) ? message.join('; ') : String(message);
    const type =
      status === 400 && Array.isArray(message)
        ? 'validation-failed'
        : (STATUS_TO_TYPE[status] ?? (status >= 500 ? 'internal-error' : 'bad-request'));
    return { ...problem(type, detail, Array.isArray(message) ? { errors: message } : {}), status };
  }
  // A PostgreSQL data exception (class 22: an impossible date, a number out of range, a byte
  // text cannot hold) comes from a value the client sent: bad input, never a 5xx.
  const pgCode = (error as { code?: unknown })?.code;
  if (typeof pgCode === 'string' && /^22[0-9A-Z]{3}$/.test(pgCode)) {
    return problem('validation-failed', 'A value in the request is not valid for its field');
  }
  if (isDatabaseUnavailable(error)) {
    return problem('unavailable', 'The ledger cannot reach its database. Retry shortly with the same Idempotency-Key: a command applied before the outage is answered with its first answer, one that was not is applied once', {
      retryAfter: UNAVAILABLE_RETRY_AFTER_SECONDS,
    });
  }
  // Body-parser errors reach us with a status and a type of their own.
  const parserError = error as { status?: number; type?: string; message?: string };
  if (parserError?.type === 'entity.parse.failed') return problem('bad-request', 'The body is not valid JSON');
  if (parserError?.type === 'entity.too.large') return problem('payload-too-large', 'The body is over the size limit');
  if (parserError?.type === 'charset.unsupported' || parserError?.type === 'encoding.unsupported') {
    return problem('unsupported-media-type', parserError.message ?? 'Unsupported encoding');
  }
  // Any other client error from the body parser (http-errors, `expose`: a body that is not
  // gzip under Content-Encoding: gzip, an aborted upload) was a 500 (issue 16): its own 4xx.
  const httpError = error as { status?: unknown; expose?: unknown; code?: unknown; message?: unknown };
  if (typeof httpError?.status === 'number' && httpError.status >= 400 && httpError.status < 500 && httpError.expose === true) {
    const status = httpError.status;
    const detail =
      typeof httpError.code === 'string' && httpError.code.startsWith('Z_')
        ? 'The body cannot be decoded with its Content-Encoding'
        : String(httpError.message ?? 'The request is malformed');
    return { ...problem(STATUS_TO_TYPE[status] ?? 'bad-request', detail), status };
  }
  return problem('internal-error', 'An internal error occurred; it has been logged');
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('problem');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    const body: ProblemDetails = { ...localizeProblem(toProblem(error), languageOf(request)), instance: request.originalUrl };
    if (body.status >= 500) this.logger.error(error instanceof Error ? error.stack : String(error));
    if (response.headersSent) return;
    if ((body.status === 503 || body.status === 409) && typeof body.retryAfter === 'number')
      response.setHeader('Retry-After', String(body.retryAfter));
    response.status(body.status).type('application/problem+json').send(JSON.stringify(body));
  }
}
