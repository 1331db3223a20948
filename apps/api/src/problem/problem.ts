/** RFC 9457 problem details, the body of every error the API returns. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  [extension: string]: unknown;
}

export const PROBLEM_BASE = 'https://ledger.example.gov.cn/problems/';

/** Stable problem type URIs: clients switch on these, never on the wording. */
export const PROBLEM_TYPES = {
  'bad-request': { status: 400, title: 'The request is malformed' },
  'validation-failed': { status: 400, title: 'The request body or parameters are invalid' },
  unauthorized: { status: 401, title: 'A valid bearer token is required' },
  forbidden: { status: 403, title: 'The credential may not do this' },
  'not-found': { status: 404, title: 'No such resource' },
  'method-not-allowed': { status: 405, title: 'The resource does not accept this method' },
  conflict: { status: 409, title: 'The stream changed since it was read' },
  'duplicate-event': { status: 409, title: 'An event with this id is already stored differently' },
  'precondition-failed': { status: 412, title: 'If-Match does not match the current revision' },
  'request-timeout': { status: 408, title: 'The request did not arrive in time' },
  'payload-too-large': { status: 413, title: 'The request body is too large' },
  'unsupported-media-type': { status: 415, title: 'The request body must be application/json' },
  'policy-refusal': { status: 422, title: 'The policy refuses this' },
  'idempotency-key-reused': { status: 422, title: 'The Idempotency-Key was used with another request' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  'internal-error': { status: 500, title: 'The ledger failed to answer' },
  unavailable: { status: 503, title: 'The ledger is not ready' },
} as const;

export type ProblemType = keyof typeof PROBLEM_TYPES;

export function problem(type: ProblemType, detail: string, extensions: Record<string, unknown> = {}): ProblemDetails {
  const { status, title } = PROBLEM_TYPES[type];
  return { type: `${PROBLEM_BASE}${type}`, title, status, detail, ...extensions };
}

/** An error that already knows its problem; thrown by guards, pipes and controllers. */
export class ProblemError extends Error {
  constructor(readonly body: ProblemDetails) {
    super(body.detail);
  }
}
