import type { Pool, PoolClient } from 'pg';
import { EVENT_COLUMNS, PostgresEventStore, recordedFromRow, type EventRow, type EventStore, type RecordedEvent } from '@ledger/event-store';
import { markRebuilding, Projection, quoteIdent, splitDdl } from './projection';
import { applyEvents, isConnectionError } from './projection-runner';
import { ensureProjectorSchema, lockKey } from './schema';

export interface RebuildProgress {
  position: number;
  head: number;
  phase: 'building' | 'catching-up' | 'swapped';
  /** The projection this report is about (several may rebuild from one read). */
  name?: string;
}

export interface RebuildOptions {
  onProgress?: (p: RebuildProgress) => void;
  /** Events read per page of the shared scan, and so at most per transaction. Default 10,000. */
  batchSize?: number;
  log?: (line: string) => void;
}

export interface RebuildResult {
  name: string;
  position: number;
  eventsApplied: number;
}

/**
 * Blue/green rebuild (docs/architecture.md principle 1) of one read model: see `rebuildProjections`.
 */
export async function rebuildProjection(
  store: EventStore,
  pool: Pool,
  projection: Projection,
  options: RebuildOptions = {},
): Promise<{ position: number; eventsApplied: number }> {
  const [result] = await rebuildProjections(store, pool, [projection], options);
  return { position: result!.position, eventsApplied: result!.eventsApplied };
}

/**
 * Blue/green rebuild of one or more read models from ONE read of the log (issue 13):
 *
 * 1. each gets `<name>__next` with its tables only (no secondary index yet) and its own checkpoint;
 * 2. the log is read once, in pages filtered in the database to the event types any of them reads;
 *    each page is one transaction per read model (its rows and its checkpoint), applied
 *    set-based (`applyBatch`), with process managers' side effects off;
 * 3. at the head: the secondary indexes are created, ANALYZE, then each schema is swapped in
 *    with its checkpoint in one transaction. A live runner's next batch fails its checkpoint
 *    check and resumes from the swapped-in position, so no event is applied twice or skipped.
 */
export async function rebuildProjections(
  store: EventStore,
  pool: Pool,
  projections: readonly Projection[],
  options: RebuildOptions = {},
): Promise<RebuildResult[]> {
  await ensureProjectorSchema(pool);
  const pageSize = options.batchSize ?? 10_000;
  const builds: Build[] = [];
  try {
    for (const projection of projections) builds.push(await Build.open(pool, projection));
    const types = projections.some((p) => p.eventTypes.includes('*'))
      ? null
      : [...new Set(projections.flatMap((p) => p.eventTypes))];
    let after = 0;
    let round = 0;
    const results: RebuildResult[] = [];
    let indexed = false;
    while (builds.length > 0) {
      const head = await store.headPosition();
      // Read up to the head: every event at or below it is final (docs/event-store.md).
      while (after < head) {
        const page = await readTypes(store, after, head, types, pageSize);
        const reached = page.length === pageSize ? page[page.length - 1]!.globalPosition : head;
        await Promise.all(builds.map((b) => b.apply(page, reached, options.log)));
        after = reached;
        for (const b of builds) options.onProgress?.({ name: b.projection.name, position: after, head, phase: round === 0 ? 'building' : 'catching-up' });
      }
      if (!indexed) {
        // Secondary indexes after the bulk of the rows, then statistics for the planner.
        await Promise.all(builds.map((b) => b.finishIndexes()));
        indexed = true;
      }
      for (const b of [...builds]) {
        const swapped = await b.swap();
        if (!swapped) continue; // the live runner moved on while we built: catch up further
        options.onProgress?.({ name: b.projection.name, position: swapped.position, head, phase: 'swapped' });
        results.push(swapped);
        builds.splice(builds.indexOf(b), 1);
        await b.close();
      }
      round++;
    }
    return projections.map((p) => results.find((r) => r.name === p.name)!);
  } finally {
    for (const b of builds) await b.close();
  }
}

/** One read model being rebuilt: its connection (holding the `__next` lock), schema and checkpoint. */
class Build {
  private readonly types: Set<string> | null;
  private closed = false;

  private constructor(
    private readonly pool: Pool,
    private readonly client: PoolClient,
    readonly projection: Projection,
    private readonly next: string,
  ) {
    this.types = projection.eventTypes.includes('*') ? null : new Set(projection.eventTypes);
  }

  static async open(pool: Pool, projection: Projection): Promise<Build> {
    const next = `${projection.name}__next`;
    const client = await pool.connect();
    try {
      const [k1, k2] = lockKey(next);
      const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [k1, k2]);
      if (!rows[0]?.ok) throw new Error(`${projection.name} is already being rebuilt`);
      await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(next)} CASCADE`);
      await client.query('DELETE FROM projector.checkpoints WHERE name = $1', [next]);
      await client.query('BEGIN');
      await client.query(`CREATE SCHEMA ${quoteIdent(next)}`);
      await client.query(splitDdl(projection.createTables(quoteIdent(next))).tables);
      await client.query('INSERT INTO projector.checkpoints (name, target_schema, version) VALUES ($1, $1, $2)', [next, projection.version]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release(true);
      throw error;
    }
    markRebuilding(client, true);
    return new Build(pool, client, projection, next);
  }

  /** One transaction: the page's events of this read model's types, and the checkpoint at `reached`. */
  async apply(page: readonly RecordedEvent[], reached: number, log?: (line: string) => void): Promise<void> {
    const relevant = this.types ? page.filter((e) => this.types!.has(e.type)) : page;
    const schema = quoteIdent(this.next);
    const context = { rebuilding: true };
    const checkpoint = async () => {
      const last = relevant[relevant.length - 1];
      await this.client.query(
        `UPDATE projector.checkpoints SET position = $2, events_applied = events_applied + $3, last_recorded_at = coalesce($4, last_recorded_at),
           updated_at = now() WHERE name = $1`,
        [this.next, reached, relevant.length, last?.recordedAt ?? null],
      );
    };
    try {
      await this.client.query('BEGIN');
      await applyEvents(this.client, this.projection, schema, relevant, context);
      await checkpoint();
      await this.client.query('COMMIT');
    } catch (error) {
      await this.client.query('ROLLBACK').catch(() => undefined);
      if (isConnectionError(error)) throw error;
      // A poison event: redo the page one event per savepoint and park the one that fails.
      await this.client.query('BEGIN');
      for (const event of relevant) {
        await this.client.query('SAVEPOINT one_event');
        try {
          await applyEvents(this.client, this.projection, schema, [event], context);
          await this.client.query('RELEASE SAVEPOINT one_event');
        } catch (failure) {
          await this.client.query('ROLLBACK TO SAVEPOINT one_event');
          const message = (failure as Error).message;
          log?.(`[${this.next}] parked poison event ${event.eventId} (${event.type}): ${message}`);
          await this.client.query(
            `INSERT INTO projector.dead_letters (projection, global_position, event_id, event_type, stream_name, error)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (projection, event_id) DO NOTHING`,
            [this.projection.name, event.globalPosition, event.eventId, event.type, event.streamName, message],
          );
        }
      }
      await checkpoint();
      await this.client.query('COMMIT');
    }
  }

  async finishIndexes(): Promise<void> {
    const { indexes } = splitDdl(this.projection.createTables(quoteIdent(this.next)));
    for (const index of indexes) await this.client.query(index);
    const { rows } = await this.client.query<{ t: string }>(
      "SELECT quote_ident(table_name) AS t FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'",
      [this.next],
    );
    for (const { t } of rows) await this.client.query(`ANALYZE ${quoteIdent(this.next)}.${t}`);
  }

  /** Swaps the built schema in if it is at least as far as the live one; null when it must catch up more. */
  async swap(): Promise<RebuildResult | null> {
    const live = this.projection.name;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const liveRow = await client.query<{ position: string }>('SELECT position FROM projector.checkpoints WHERE name = $1 FOR UPDATE', [live]);
      const nextRow = await client.query<{ position: string; events_applied: string; last_recorded_at: string | null }>(
        'SELECT position, events_applied, last_recorded_at FROM projector.checkpoints WHERE name = $1 FOR UPDATE',
        [this.next],
      );
      const built = nextRow.rows[0]!;
      if (Number(built.position) < Number(liveRow.rows[0]?.position ?? 0)) {
        await client.query('ROLLBACK');
        return null;
      }
      const retired = `${live}__retired`;
      await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(retired)} CASCADE`);
      const liveExists = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [live]);
      if (liveExists.rowCount) await client.query(`ALTER SCHEMA ${quoteIdent(live)} RENAME TO ${quoteIdent(retired)}`);
      await client.query(`ALTER SCHEMA ${quoteIdent(this.next)} RENAME TO ${quoteIdent(live)}`);
      await client.query(
        `INSERT INTO projector.checkpoints (name, target_schema, version, position, events_applied, last_recorded_at)
         VALUES ($1, $1, $2, $3, $4, $5)
         ON CONFLICT (name) DO UPDATE SET version = excluded.version, position = excluded.position,
           events_applied = excluded.events_applied, last_recorded_at = excluded.last_recorded_at, updated_at = now()`,
        [live, this.projection.version, built.position, built.events_applied, built.last_recorded_at],
      );
      await client.query('DELETE FROM projector.checkpoints WHERE name = $1', [this.next]);
      await client.query('COMMIT');
      await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(retired)} CASCADE`);
      return { name: live, position: Number(built.position), eventsApplied: Number(built.events_applied) };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    markRebuilding(this.client, false);
    const [k1, k2] = lockKey(this.next);
    let dead = false;
    await this.client.query('SELECT pg_advisory_unlock($1, $2)', [k1, k2]).catch(() => {
      dead = true;
    });
    this.client.release(dead);
  }
}


/**
 * A store that reads through another and turns each page into what its readers see: the private
 * store (docs/privacy.md) over PostgreSQL, which decrypts a page with one query for its keys.
 */
interface RevealingStore extends EventStore {
  readonly inner: EventStore;
  reveal(events: RecordedEvent[]): Promise<RecordedEvent[]>;
}

function isRevealing(store: EventStore): store is RevealingStore {
  const s = store as Partial<RevealingStore>;
  return typeof s.reveal === 'function' && typeof s.inner === 'object' && s.inner !== null;
}

/**
 * Events after `after` up to `upTo` (final: at or below the head) of the given types, oldest first.
 * On PostgreSQL the types are filtered in the database; through another adapter, in Node. Through
 * the private store, the page is read (filtered) from the store underneath and decrypted at once:
 * not one key query per event, as its subscription does (a 100,000-worker rebuild through it ran
 * at about 20 workers a second).
 */
export async function readTypes(
  store: EventStore,
  after: number,
  upTo: number,
  types: readonly string[] | null,
  limit: number,
): Promise<RecordedEvent[]> {
  if (isRevealing(store)) return store.reveal(await readTypes(store.inner, after, upTo, types, limit));
  if (!(store instanceof PostgresEventStore)) {
    const wanted = types ? new Set(types) : null;
    const out: RecordedEvent[] = [];
    let from = after;
    while (out.length < limit && from < upTo) {
      const page = await store.readAll({ after: from, maxCount: limit });
      if (page.length === 0) break;
      for (const e of page) {
        if (e.globalPosition > upTo || out.length >= limit) return out;
        if (!wanted || wanted.has(e.type)) out.push(e);
        from = e.globalPosition;
      }
    }
    return out;
  }
  const { rows } = await store.pool.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM event_store.events
      WHERE global_position > $1 AND global_position <= $2 AND ($3::text[] IS NULL OR type = ANY($3::text[]))
      ORDER BY global_position LIMIT $4`,
    [after, upTo, types, limit],
  );
  return rows.map(recordedFromRow);
}

/** A blue/green rebuild under way, as its `<name>__next` checkpoint shows it (any process runs it). */
export interface RebuildState {
  /** The projection being rebuilt. */
  name: string;
  /** Events the rebuild has applied into `<name>__next` so far. */
  eventsProcessed: number;
  /** Events it has to apply: those the live read model has applied (the same history), at least those processed. */
  eventsTarget: number;
}

/** Every rebuild in progress, for /metrics (issue 14 item 4); none when no `__next` checkpoint exists. */
export async function rebuildsInProgress(pool: Pool): Promise<RebuildState[]> {
  const { rows } = await pool.query<{ name: string; processed: string; live: string | null }>(
    `SELECT left(n.name, -length('__next')) AS name, n.events_applied AS processed, l.events_applied AS live
       FROM projector.checkpoints n
       LEFT JOIN projector.checkpoints l ON l.name = left(n.name, -length('__next'))
      WHERE n.name LIKE '%\\_\\_next' ORDER BY n.name`,
  );
  return rows.map((row) => {
    const eventsProcessed = Number(row.processed);
    return { name: row.name, eventsProcessed, eventsTarget: Math.max(eventsProcessed, Number(row.live ?? 0)) };
  });
}
