import type { Request, Response } from 'express';
import type { Page } from '@ledger/read-models';
import { problem, ProblemError } from '../../../problem/problem';
import { invalidInput } from '../../../problem/validation-errors';
import { notModified, revisionTag } from '../etag';

/** A query's malformed cursor (RangeError from decodeCursor) is the caller's 400, not a 500. */
export async function paged<T>(
  query: () => Promise<Page<T>>,
  response: Response,
  path: string,
  params: Record<string, unknown>,
): Promise<Page<T>> {
  let page: Page<T>;
  try {
    page = await query();
  } catch (error) {
    if (error instanceof RangeError)
      throw invalidInput({ parameter: 'after' }, { zh: 'after 不是上一页给出的游标（next）', en: `after: ${error.message}` });
    throw error;
  }
  if (page.next) {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params))
      if (value !== undefined && key !== 'after') search.set(key, String(value));
    search.set('after', page.next);
    response.setHeader('Link', `<${path}?${search.toString()}>; rel="next"`);
  }
  return page;
}

/** One row or 404, with ETag = the row's stream revision (304 when the client holds it). */
export function oneRow<T extends object>(
  row: T | null | undefined,
  what: string,
  revision: number | undefined,
  request: Request,
  response: Response,
): T | undefined {
  if (!row) throw new ProblemError(problem('not-found', `No ${what}`));
  if (revision !== undefined && notModified(request, response, revisionTag(revision))) return undefined;
  return row;
}

/** Read models answer from PostgreSQL and may lag the store by the projector's lag (see /health). */
export const READ_MODEL_NOTE = 'From the department read model (eventually consistent: see projection lag on /health).';

export const PAGE_EXAMPLE = (row: Record<string, unknown>) => ({ rows: [row], next: 'WyJ3LXpoYW5nIl0' });
