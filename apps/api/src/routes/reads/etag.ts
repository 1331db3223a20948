import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';

/** A strong ETag of a revision (docs/architecture.md §3: ETag = stream revision). */
export function revisionTag(revision: number): string {
  return `"${revision}"`;
}

/** A strong ETag over several streams' revisions: it changes when any of them moves. */
export function revisionsTag(revisions: Record<string, number>): string {
  const text = Object.entries(revisions)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([stream, revision]) => `${stream}@${revision}`)
    .join('\n');
  return `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`;
}

/** Sets the ETag; true when the client's If-None-Match already holds it (answer 304, no body). */
export function notModified(request: Request, response: Response, etag: string): boolean {
  response.setHeader('ETag', etag);
  const match = request.headers['if-none-match'];
  if (!match) return false;
  const tags = match.split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (tags.includes(etag) || tags.includes('*')) {
    response.status(304);
    return true;
  }
  return false;
}
