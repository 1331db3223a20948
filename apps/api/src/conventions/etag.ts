import type { Response } from 'express';
import { problem, ProblemError } from '../problem/problem';

/** `ETag: "<stream revision>"` (docs/architecture.md §3). */
export function formatETag(revision: number): string {
  return `"${revision}"`;
}

export function setETag(res: Pick<Response, 'setHeader'>, revision: number): void {
  res.setHeader('ETag', formatETag(revision));
}

const IF_MATCH = /^\s*(?:W\/)?"(0|[1-9]\d{0,15})"\s*$/;

/**
 * The revision an If-Match names: `"3"` or `W/"3"` → 3; no header → undefined. Anything else
 * (a list, `*`, a bare number, a negative) is a 400: the client must name the one revision it read.
 */
export function parseIfMatch(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? (header.length === 1 ? header[0]! : '') : header;
  const m = IF_MATCH.exec(value);
  const revision = m ? Number(m[1]) : NaN;
  if (!Number.isSafeInteger(revision)) {
    throw new ProblemError(
      problem(
        'bad-request',
        'If-Match must be one stream revision as an entity tag, like "3" (from the ETag of a read)',
        {
          header: 'If-Match',
        },
      ),
    );
  }
  return revision;
}
