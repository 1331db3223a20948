import type { Pool, PoolClient } from 'pg';
import { SpanKind, SpanStatusCode, type Span } from '@opentelemetry/api';
import { causingContext, StopSignal, tracer, type EventStore, type RecordedEvent } from '@ledger/event-store';
import { ApplyContext, markRebuilding, PoisonPolicy, Projection, ProjectionDb, quoteIdent, splitDdl } from './projection';
import { ensureProjectorSchema, lockKey } from './schema';

export interface RunnerOptions {
  /** Events per transaction at most. */
  batchSize?: number;
  /** How long to wait for more events before writing a partial batch. */
  maxBatchDelayMs?: number;
  poison?: PoisonPolicy;
  /** How often a standby asks for the lock. */
  standbyRetryMs?: number;
  /** Where to write: the live schema by default, `<name>__next` while rebuilding. */
  target?: { checkpoint: string; schema: string };
  /** Stop once the checkpoint reaches this position (rebuild catch-up). */
  stopAt?: () => Promise<number>;
  log?: (line: string) => void;
  /** The longest wait between two attempts while the database fails. Default 10 s. */
  maxRetryMs?: number;
  /**
   * A rebuild's runner: process managers run no side effects, and a schema it creates gets its
   * tables only (the rebuild adds the secondary indexes after the catch-up).
   */
  rebuilding?: boolean;
}

/**
 * The wait before retry number `failures` (1, 2, …): 0.5 s, doubling, up to `max`. Issue 14:
 * a database outage had every runner retry (and log) twice a second, 22 lines a second.
 */
export function retryDelayMs(failures: number, max = 10_000): number {
  return Math.min(500 * 2 ** Math.max(0, failures - 1), max);
}

export type RunnerState = 'starting' | 'standby' | 'active' | 'stopped' | 'failed';

/** The projection could not apply an event and its policy is to stop. */
export class PoisonEventStop extends Error {}

const TIMEOUT: unique symbol = Symbol('timeout');
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const after = (ms: number): Promise<typeof TIMEOUT> => sleep(ms).then(() => TIMEOUT);

/**
 * Applies one projection from the global order. Rows and checkpoint are written in one
 * transaction (docs/architecture.md principle 5), on the same connection that holds the projection's
 * advisory lock, so a replica that lost its lock (its session died) cannot write either.
 */
export class ProjectionRunner {
  state: RunnerState = 'starting';
  position = 0;
  private stopped = false;
  /** Raced against every wait; a StopSignal, not a never-settling promise (issue 16: the heap grew per command). */
  private readonly stopping = new StopSignal();
  private readonly types: Set<string> | undefined;
  private readonly checkpoint: string;
  private readonly schema: string;
  private done?: Promise<void>;

  constructor(
    private readonly store: EventStore,
    private readonly pool: Pool,
    readonly projection: Projection,
    private readonly options: RunnerOptions = {},
  ) {
    this.types = projection.eventTypes.includes('*') ? undefined : new Set(projection.eventTypes);
    this.checkpoint = options.target?.checkpoint ?? projection.name;
    this.schema = options.target?.schema ?? projection.name;
  }

  /** Runs until stopped (or caught up to `stopAt`); resolves when it has stopped. */
  start(): Promise<void> {
    this.done ??= this.loop();
    return this.done;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping.stop();
    await this.done?.catch(() => undefined);
    this.state = 'stopped';
  }

  private log(line: string): void {
    this.options.log?.(`[${this.checkpoint}] ${line}`);
  }

  private async loop(): Promise<void> {
    await ensureProjectorSchema(this.pool);
    const [k1, k2] = lockKey(this.checkpoint);
    let failures = 0;
    while (!this.stopped) {
      let client: PoolClient | undefined;
      let broken = false;
      let lost = false;
      const onLost = (error: Error) => {
        lost = true;
        this.log(`connection lost: ${error.message}`);
      };
      try {
        client = await this.pool.connect();
        // A session killed while idle between batches reports here, not on a query: without a
        // listener it would crash the process. The next write then fails and the loop
        // re-contends for the lock, which a standby may hold by then.
        client.on('error', onLost);
        const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [k1, k2]);
        if (!rows[0]?.ok) {
          this.state = 'standby';
          client.release();
          client = undefined;
          await this.stopping.race(sleep(this.options.standbyRetryMs ?? 1_000), TIMEOUT);
          continue;
        }
        this.state = 'active';
        if (this.options.rebuilding) markRebuilding(client, true);
        await this.prepare(client);
        failures = 0;
        const finished = await this.consume(client);
        if (finished) this.stopped = true;
      } catch (error) {
        broken = true;
        if (error instanceof PoisonEventStop) {
          this.state = 'failed';
          this.log(error.message);
          this.stopped = true;
          throw error;
        }
        const delay = retryDelayMs(++failures, this.options.maxRetryMs);
        this.log(`connection or apply failed (attempt ${failures}), retrying in ${delay / 1000} s: ${(error as Error).message}`);
        await this.stopping.race(sleep(delay), TIMEOUT);
      } finally {
        if (client) {
          // Unlocking is also the liveness probe: a session killed under us fails it.
          if (!broken && !lost) {
            await client.query('SELECT pg_advisory_unlock($1, $2)', [k1, k2]).catch(() => {
              lost = true;
            });
          }
          markRebuilding(client, false);
          // Only our own listener: removing them all took the pool's too (createPool's), and the
          // next holder of this connection crashed the process on a server's 57P01 between its
          // queries (seen under Node 26 in the database-outage spec).
          client.off('error', onLost);
          client.release(broken || lost); // never hand a dead connection back to the pool
        }
      }
    }
    if (this.state !== 'failed') this.state = 'stopped';
  }

  private async prepare(client: PoolClient): Promise<void> {
    const { rows } = await client.query<{ exists: boolean }>(
      'SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1) AS exists',
      [this.schema],
    );
    if (!rows[0]?.exists) {
      await client.query('BEGIN');
      await client.query(`CREATE SCHEMA ${quoteIdent(this.schema)}`);
      const ddl = this.projection.createTables(quoteIdent(this.schema));
      await client.query(this.options.rebuilding ? splitDdl(ddl).tables : ddl);
      await client.query('COMMIT');
    }
    await client.query(
      `INSERT INTO projector.checkpoints (name, target_schema, version) VALUES ($1, $2, $3)
       ON CONFLICT (name) DO NOTHING`,
      [this.checkpoint, this.schema, this.projection.version],
    );
  }

  private async readCheckpoint(client: PoolClient): Promise<number> {
    const { rows } = await client.query<{ position: string }>('SELECT position FROM projector.checkpoints WHERE name = $1', [
      this.checkpoint,
    ]);
    return Number(rows[0]?.position ?? 0);
  }

  /** Returns true when it reached `stopAt`; false when stopped or when the checkpoint moved under it. */
  private async consume(client: PoolClient): Promise<boolean> {
    this.position = await this.readCheckpoint(client);
    const batchSize = this.options.batchSize ?? 500;
    const subscription = this.store.subscribeToAll({ after: this.position, batchSize });
    const events = subscription[Symbol.asyncIterator]();
    let pending: Promise<IteratorResult<RecordedEvent>> | undefined;
    try {
      for (;;) {
        if (this.stopped) return false;
        if (this.options.stopAt && this.position >= (await this.options.stopAt())) return true;
        const batch: RecordedEvent[] = [];
        // Wait as long as it takes for the first event, but only briefly for the rest of a batch.
        pending ??= events.next();
        const first = await this.stopping.race(this.options.stopAt ? Promise.race([pending, after(200)]) : pending, TIMEOUT);
        if (first === TIMEOUT) continue;
        pending = undefined;
        if (first.done) return false;
        batch.push(first.value);
        while (batch.length < batchSize) {
          pending = events.next();
          const next = await Promise.race([pending, after(this.options.maxBatchDelayMs ?? 20)]);
          if (next === TIMEOUT) break; // keep `pending` for the next batch
          pending = undefined;
          if (next.done) break;
          batch.push(next.value);
        }
        if (!(await this.applyBatch(client, batch))) return false; // the checkpoint moved: start over from it
      }
    } finally {
      await subscription.close();
    }
  }

  /**
   * Traces (docs/operations.md): a batch is applied as a whole, so each event that carries its
   * command's trace context gets a span of its own in that trace, open for the batch's apply (the
   * work that event was part of). Events without one (tracing off, a rebuild into a target) cost
   * nothing.
   */
  private async traced(events: readonly RecordedEvent[], apply: () => Promise<void>): Promise<void> {
    if (this.options.target) return apply();
    const kind = 'processManager' in this.projection ? 'process-manager' : 'projection';
    const spans: Span[] = [];
    for (const event of events) {
      const parent = causingContext(event.metadata);
      if (!parent) continue;
      spans.push(
        tracer.startSpan(
          `${kind} ${this.projection.name}`,
          {
            kind: SpanKind.CONSUMER,
            attributes: {
              'ledger.projection': this.projection.name,
              'ledger.event.id': event.eventId,
              'ledger.event.type': event.type,
              'ledger.stream': event.streamName,
              'ledger.position': event.globalPosition,
              'ledger.batch.size': events.length,
            },
          },
          parent,
        ),
      );
    }
    try {
      await apply();
    } catch (error) {
      for (const span of spans) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.message });
      }
      throw error;
    } finally {
      for (const span of spans) span.end();
    }
  }

  /**
   * One transaction: move the checkpoint (only if it is still where this runner left it, which
   * fences a blue/green swap), apply the batch, commit. If an event fails, the batch is redone
   * one event per savepoint and the poison event parked (or the runner stops).
   */
  private async applyBatch(client: PoolClient, batch: RecordedEvent[]): Promise<boolean> {
    const last = batch[batch.length - 1]!;
    const relevant = this.types ? batch.filter((e) => this.types!.has(e.type)) : batch;
    const attempt = async (isolate: boolean): Promise<boolean> => {
      await client.query('BEGIN');
      const moved = await client.query(
        `UPDATE projector.checkpoints
            SET position = $2, events_applied = events_applied + $3, last_recorded_at = $4, updated_at = now()
          WHERE name = $1 AND position = $5`,
        [this.checkpoint, last.globalPosition, relevant.length, last.recordedAt, this.position],
      );
      if (moved.rowCount !== 1) {
        await client.query('ROLLBACK');
        this.log('checkpoint moved under this runner (a rebuild swapped in); resuming from it');
        return false;
      }
      const context: ApplyContext = { rebuilding: this.options.rebuilding ?? false };
      if (!isolate) {
        await this.traced(relevant, () => applyEvents(client, this.projection, quoteIdent(this.schema), relevant, context));
        await client.query('COMMIT');
        return true;
      }
      for (const event of relevant) {
        await client.query('SAVEPOINT one_event');
        try {
          await this.traced([event], () => applyEvents(client, this.projection, quoteIdent(this.schema), [event], context));
          await client.query('RELEASE SAVEPOINT one_event');
        } catch (error) {
          await client.query('ROLLBACK TO SAVEPOINT one_event');
          const message = (error as Error).message;
          if (this.options.poison === 'stop') {
            await client.query('ROLLBACK');
            throw new PoisonEventStop(`event ${event.eventId} at ${event.globalPosition} (${event.type}) failed: ${message}`);
          }
          this.log(`parked poison event ${event.eventId} (${event.type}): ${message}`);
          await client.query(
            `INSERT INTO projector.dead_letters (projection, global_position, event_id, event_type, stream_name, error)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (projection, event_id) DO NOTHING`,
            [this.projection.name, event.globalPosition, event.eventId, event.type, event.streamName, message],
          );
        }
      }
      await client.query('COMMIT');
      return true;
    };
    let ok: boolean;
    try {
      ok = await attempt(false);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      if (error instanceof PoisonEventStop) throw error;
      if (isConnectionError(error)) throw error;
      ok = await attempt(true);
    }
    if (ok) this.position = last.globalPosition;
    return ok;
  }
}

/** A batch through the projection's set-based `applyBatch` when it has one, else event by event. */
export async function applyEvents(
  db: ProjectionDb,
  projection: Projection,
  schema: string,
  events: readonly RecordedEvent[],
  context: ApplyContext,
): Promise<void> {
  if (events.length === 0) return;
  if (projection.applyBatch) return projection.applyBatch(db, schema, events, context);
  for (const event of events) await projection.apply(db, schema, event, context);
}

export function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? '';
  return code.startsWith('08') || code === '57P01' || /Connection terminated|ECONNRESET|not queryable/i.test(String(error));
}
