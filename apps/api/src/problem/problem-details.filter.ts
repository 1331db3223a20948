import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DuplicateEventId, InvalidAppend, WrongExpectedVersion } from '@ledger/event-store';
import { DomainError, type DomainErrorKind } from '@ledger/kernel';
import { languageOf, localizeProblem } from './localize';
import { problem, ProblemDetails, ProblemError, ProblemType } from './problem';

const STATUS_TO_TYPE: Record<number, ProblemType> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
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
    return problem('conflict', error.message, {
      stream: error.streamName,
      expected: error.expected,
      actual: error.actual,
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
  // Body-parser errors reach us with a status and a type of their own.
  const parserError = error as { status?: number; type?: string; message?: string };
  if (parserError?.type === 'entity.parse.failed') return problem('bad-request', 'The body is not valid JSON');
  if (parserError?.type === 'entity.too.large') return problem('payload-too-large', 'The body is over the size limit');
  if (parserError?.type === 'charset.unsupported' || parserError?.type === 'encoding.unsupported') {
    return problem('unsupported-media-type', parserError.message ?? 'Unsupported encoding');
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
    const body = { ...localizeProblem(toProblem(error), languageOf(request)), instance: request.originalUrl };
    if (body.status >= 500) this.logger.error(error instanceof Error ? error.stack : String(error));
    if (response.headersSent) return;
    response.status(body.status).type('application/problem+json').send(JSON.stringify(body));
  }
}
