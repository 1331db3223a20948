import { PROBLEM_CATALOG } from './problem-catalog';

/** RFC 9457 problem details, the body of every error the API returns. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  [extension: string]: unknown;
}

/**
 * Problem types are pages the ledger serves itself (/problems/<type>, ProblemPagesController):
 * a relative reference, resolved against the ledger's own address (RFC 9457 §3.1.1).
 */
export const PROBLEM_BASE = '/problems/';

/** Stable problem types: clients switch on these, never on the wording. `title` is the English one. */
export const PROBLEM_TYPES = Object.fromEntries(
  Object.entries(PROBLEM_CATALOG).map(([type, entry]) => [type, { status: entry.status, title: entry.title.en }]),
) as { [T in keyof typeof PROBLEM_CATALOG]: { status: (typeof PROBLEM_CATALOG)[T]['status']; title: string } };

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
