import { Logger } from '@nestjs/common';
import type { Pool } from 'pg';

/** How long the API keeps its own records, in days (issue 16: they grew forever). */
export interface RetentionOptions {
  /** Stored first answers of Idempotency-Keys. A retry after this is still answered once: event ids and the command digest live with the events. */
  idempotencyDays: number;
  /** The access log auditors read. */
  accessLogDays: number;
  /** How often the ledger applies them. */
  everyMs: number;
}

/**
 * The access log is the record of network access auditors ask for; the Cybersecurity Law of the
 * PRC (网络安全法, art. 21(3)) requires network logs to be kept at least six months. A shorter
 * period is refused at start-up.
 */
export const ACCESS_LOG_MIN_DAYS = 180;

export const DEFAULT_RETENTION: RetentionOptions = { idempotencyDays: 30, accessLogDays: 365, everyMs: 3_600_000 };

/** LEDGER_IDEMPOTENCY_RETENTION_DAYS, LEDGER_ACCESS_LOG_RETENTION_DAYS (≥ 180), LEDGER_RETENTION_EVERY_MS. */
export function retentionFromEnv(env: NodeJS.ProcessEnv = process.env): RetentionOptions {
  const read = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!(value > 0) || !Number.isFinite(value)) throw new RangeError(`${name} must be a positive number, not ${JSON.stringify(raw)}`);
    return value;
  };
  const options = {
    idempotencyDays: read('LEDGER_IDEMPOTENCY_RETENTION_DAYS', DEFAULT_RETENTION.idempotencyDays),
    accessLogDays: read('LEDGER_ACCESS_LOG_RETENTION_DAYS', DEFAULT_RETENTION.accessLogDays),
    everyMs: read('LEDGER_RETENTION_EVERY_MS', DEFAULT_RETENTION.everyMs),
  };
  if (options.accessLogDays < ACCESS_LOG_MIN_DAYS) {
    throw new RangeError(
      `LEDGER_ACCESS_LOG_RETENTION_DAYS must be at least ${ACCESS_LOG_MIN_DAYS} (network logs are kept six months), not ${options.accessLogDays}`,
    );
  }
  return options;
}

/** Rows deleted per statement, so a first purge of a large backlog never holds long locks. */
const BATCH = 10_000;

/**
 * Applies the retention periods, at start and then every `everyMs`, in this process. Several API
 * processes may run it at once: each DELETE is idempotent. Periods are measured by PostgreSQL's
 * clock (now()), like the timestamps they compare with.
 */
export class RetentionService {
  private readonly logger = new Logger('retention');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly pool: Pool,
    readonly options: RetentionOptions = DEFAULT_RETENTION,
  ) {}

  start(): void {
    const tick = () => {
      this.running = this.runOnce().catch((error: unknown) =>
        this.logger.warn(`retention not applied this time: ${(error as Error).message}`),
      );
    };
    tick();
    this.timer = setInterval(tick, this.options.everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One pass; the number of rows each period removed. */
  async runOnce(): Promise<{ idempotencyKeys: number; accessLog: number }> {
    // Completed answers by completion; a pending claim left by a crash by its claim time.
    const idempotencyKeys = await this.purge(
      `DELETE FROM api.idempotency_keys WHERE ctid IN (
         SELECT ctid FROM api.idempotency_keys
         WHERE coalesce(completed_at, claimed_at) < now() - make_interval(days => $1) LIMIT ${BATCH})`,
      this.options.idempotencyDays,
    );
    const accessLog = await this.purge(
      `DELETE FROM api.access_log WHERE id IN (
         SELECT id FROM api.access_log WHERE at < now() - make_interval(days => $1) LIMIT ${BATCH})`,
      this.options.accessLogDays,
    );
    if (idempotencyKeys + accessLog > 0)
      this.logger.log(`removed ${idempotencyKeys} idempotency key(s) and ${accessLog} access log row(s) past retention`);
    return { idempotencyKeys, accessLog };
  }

  private async purge(sql: string, days: number): Promise<number> {
    let total = 0;
    for (;;) {
      const { rowCount } = await this.pool.query(sql, [Math.floor(days)]);
      total += rowCount ?? 0;
      if ((rowCount ?? 0) < BATCH) return total;
    }
  }
}
