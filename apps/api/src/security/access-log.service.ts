import { Logger } from '@nestjs/common';
import type { Pool } from 'pg';
import { isDatabaseUnavailable } from '../problem/database-unavailable';

/** What the guard decided about one attempt. */
/** `unavailable`: the credential could not be checked because the database was away (503). */
export type AccessDecision = 'allowed' | 'unauthenticated' | 'forbidden' | 'rate-limited' | 'unavailable';

/** One attempt on a guarded route, allowed or not (issue 6: who, what, when, allowed). */
export interface AccessLogEntry {
  at: Date;
  credentialId: string | null;
  department: string | null;
  principal: string | null;
  method: string;
  /** The route pattern (`/v1/workers/:id/residence-permit`). */
  route: string;
  /** What was asked for: the stream or the path with its query. */
  resource: string;
  /** The scopes the route requires, space-separated. */
  scope: string | null;
  decision: AccessDecision;
  allowed: boolean;
  /** The HTTP status the caller got. */
  status: number;
}

export interface AccessLogRow extends AccessLogEntry {
  id: number;
}

export interface AccessLogFilters {
  credentialId?: string;
  department?: string;
  principal?: string;
  allowed?: boolean;
  decision?: AccessDecision;
  method?: string;
  route?: string;
  /** Inclusive lower bound on `at`. */
  from?: Date;
  /** Exclusive upper bound on `at`. */
  to?: Date;
  /** Rows with an id above this (paging forward). */
  afterId?: number;
  /** Default 100, at most 1000. */
  limit?: number;
  order?: 'asc' | 'desc';
}

const COLUMNS = [
  'at',
  'credential_id',
  'department',
  'principal',
  'method',
  'route',
  'resource',
  'scope',
  'decision',
  'allowed',
  'status',
] as const;
const TYPES = [
  'timestamptz',
  'uuid',
  'text',
  'text',
  'text',
  'text',
  'text',
  'text',
  'text',
  'boolean',
  'int',
] as const;

/**
 * One statement per batch, named. Its commit does not wait for the WAL flush (issue 13: at low
 * concurrency it was a second flush per request, queued with the append's): the rows are the
 * record of requests already answered and wait in memory until written anyway, so a crash of the
 * database can lose at most its last fraction of a second of them, as a crash of this process
 * loses those still queued.
 */
const INSERT = `WITH no_flush AS (SELECT set_config('synchronous_commit', 'off', true))
  INSERT INTO api.access_log (${COLUMNS.join(', ')})
  SELECT u.* FROM no_flush, unnest(${TYPES.map((t, i) => `$${i + 1}::${t}[]`).join(', ')}) AS u`;

/**
 * Writes the access log in small batches (one INSERT per tick, not per request) and reads it
 * for auditors. A failed write is logged, never turned into the caller's error. While the
 * database is away the rows wait in memory and are written when it is back (issue 16: a row
 * per attempt, outages included), up to `maxPending` rows; beyond that the oldest are dropped
 * and counted in `dropped`, loudly. `flush()` waits for every row recorded so far (tests,
 * shutdown) or for the first write that fails.
 */
export class AccessLogService {
  private readonly logger = new Logger('access-log');
  private queue: AccessLogEntry[] = [];
  private writing: Promise<void> = Promise.resolve();
  private scheduled = false;
  private retry?: NodeJS.Timeout;
  /** Rows lost because the database stayed away past the buffer's bound. */
  dropped = 0;

  constructor(
    private readonly pool: Pool,
    private readonly options: { maxPending?: number; retryMs?: number } = {},
  ) {}

  /** Rows recorded and not yet written. */
  get pending(): number {
    return this.queue.length;
  }

  record(entry: AccessLogEntry): void {
    this.queue.push(entry);
    const max = this.options.maxPending ?? 100_000;
    if (this.queue.length > max) {
      const excess = this.queue.length - max;
      this.queue.splice(0, excess);
      this.dropped += excess;
      if (this.dropped === excess || this.dropped % 1000 < excess)
        this.logger.error(`the database is away and ${max} access log rows wait: ${this.dropped} dropped so far`);
    }
    if (this.scheduled || this.retry) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.writing = this.writing.then(() => this.drain());
    });
  }

  async flush(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    await this.writing;
    if (this.queue.length > 0) {
      this.writing = this.writing.then(() => this.drain());
      await this.writing;
    }
  }

  /** Stops the retry timer (shutdown); rows still pending are reported. */
  close(): void {
    if (this.retry) clearTimeout(this.retry);
    this.retry = undefined;
    if (this.queue.length > 0) this.logger.error(`stopping with ${this.queue.length} access log row(s) unwritten`);
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, 500);
      const columns = COLUMNS.map((_, i) => batch.map((e) => this.value(e, i)));
      try {
        await this.pool.query({ name: 'access_log_insert', text: INSERT, values: columns });
      } catch (error) {
        if (isDatabaseUnavailable(error)) {
          // Back at the head, in order; written when the database answers again.
          this.queue.unshift(...batch);
          if (!this.retry) {
            this.retry = setTimeout(() => {
              this.retry = undefined;
              this.writing = this.writing.then(() => this.drain());
            }, this.options.retryMs ?? 1_000);
            this.retry.unref();
          }
          return;
        }
        this.logger.error(`could not write ${batch.length} access log row(s): ${(error as Error).message}`);
      }
    }
  }

  private value(e: AccessLogEntry, column: number): unknown {
    return [
      e.at,
      e.credentialId,
      e.department,
      e.principal,
      e.method,
      e.route,
      e.resource,
      e.scope,
      e.decision,
      e.allowed,
      e.status,
    ][column];
  }

  /** The auditors' read: filtered, oldest first unless `order: 'desc'`. */
  async list(filters: AccessLogFilters = {}): Promise<AccessLogRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filters.credentialId !== undefined) add('credential_id = ?::uuid', filters.credentialId);
    if (filters.department !== undefined) add('department = ?', filters.department);
    if (filters.principal !== undefined) add('principal = ?', filters.principal);
    if (filters.allowed !== undefined) add('allowed = ?', filters.allowed);
    if (filters.decision !== undefined) add('decision = ?', filters.decision);
    if (filters.method !== undefined) add('method = ?', filters.method.toUpperCase());
    if (filters.route !== undefined) add('route = ?', filters.route);
    if (filters.from !== undefined) add('at >= ?', filters.from);
    if (filters.to !== undefined) add('at < ?', filters.to);
    if (filters.afterId !== undefined) add('id > ?', filters.afterId);
    const limit = Math.min(Math.max(1, Math.floor(filters.limit ?? 100)), 1000);
    params.push(limit);
    const { rows } = await this.pool.query<Record<string, unknown>>(
      `SELECT id, ${COLUMNS.join(', ')} FROM api.access_log
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY id ${filters.order === 'desc' ? 'DESC' : 'ASC'} LIMIT $${params.length}`,
      params,
    );
    return rows.map((r) => ({
      id: Number(r.id),
      at: r.at as Date,
      credentialId: r.credential_id as string | null,
      department: r.department as string | null,
      principal: r.principal as string | null,
      method: r.method as string,
      route: r.route as string,
      resource: r.resource as string,
      scope: r.scope as string | null,
      decision: r.decision as AccessDecision,
      allowed: r.allowed as boolean,
      status: r.status as number,
    }));
  }
}
