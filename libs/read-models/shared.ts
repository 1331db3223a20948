import type { RecordedEvent } from '@ledger/event-store';
import type { DomainEvent } from '@ledger/kernel';
import { toDomainEvent } from '@ledger/application/stream-states';

/** What a query needs of a connection: a pool, a client, or the runner's transaction. */
export interface QueryDb {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

/** One page of a keyset-paged list: `next` is the cursor for the following page, null on the last. */
export interface Page<T> {
  rows: T[];
  next: string | null;
}

export interface PageParams {
  /** The `next` of the previous page. */
  after?: string | null;
  /** At most 500; 50 by default. */
  limit?: number;
}

/** The id a stream is named for: `residence-permit-w1` → `w1` (docs/architecture.md §2: `<category>-<id>`). */
export function subjectOf(event: RecordedEvent, category: string): string {
  const prefix = `${category}-`;
  if (!event.streamName.startsWith(prefix)) throw new Error(`${event.streamName} is not a ${category} stream`);
  return event.streamName.slice(prefix.length);
}

/** The stored event as its domain sees it (old schema versions upcast, e.g. PermitIssued v1). */
export function domainEventOf<D = Record<string, unknown>>(event: RecordedEvent): DomainEvent<string, D> {
  return toDomainEvent(event) as DomainEvent<string, D>;
}

/** When the fact took effect (docs/architecture.md principle 9): effectiveOn where given, else the day it was recorded (UTC). */
export function effectiveOnOf(event: RecordedEvent): string {
  return event.metadata.effectiveOn ?? event.recordedAt.slice(0, 10);
}

export function pageLimit(params: PageParams): number {
  return Math.min(Math.max(Math.trunc(params.limit ?? 50), 1), 500);
}

const camel = (key: string) => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * Rows as the API answers them: camelCase keys, dates as `YYYY-MM-DD`, bigints as numbers.
 * Queries select `to_jsonb(row)`, so pg's Date parsing (local time zone) never touches a date.
 */
export function fromJson<T>(value: unknown): T {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) out[camel(key)] = v;
  return out as T;
}

/** Builds a page from `limit + 1` fetched rows and the cursor of the last row kept. */
export function toPage<T>(rows: unknown[], limit: number, cursorOf: (row: T) => string): Page<T> {
  const mapped = rows.slice(0, limit).map((r) => fromJson<T>(r));
  const last = mapped[mapped.length - 1];
  return { rows: mapped, next: rows.length > limit && last !== undefined ? cursorOf(last) : null };
}

/** A composite cursor: JSON of the sort key, base64url so it travels in a query string. */
export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined, arity: number): unknown[] | null {
  if (!cursor) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new RangeError('malformed cursor');
  }
  if (!Array.isArray(parsed) || parsed.length !== arity) throw new RangeError('malformed cursor');
  return parsed;
}

/** One row per group, as the statistics API answers (统计监测). */
export interface CountRow {
  key: string | null;
  count: number;
}

export async function counts(db: QueryDb, sql: string, params: unknown[] = []): Promise<CountRow[]> {
  const { rows } = await db.query<{ key: string | null; count: string | number }>(sql, params);
  return rows.map((r) => ({ key: r.key === null ? null : String(r.key), count: Number(r.count) }));
}
