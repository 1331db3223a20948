import type { ClientBase, Pool, PoolClient } from 'pg';
import { createPool } from '@ledger/database';
import { DuplicateEventId, InvalidAppend, WrongExpectedVersion } from '../errors';
import { HASH_FORMAT, contentDigest } from '../hash';
import type {
  AppendResult,
  EventPlace,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
  VerificationReport,
} from '../port';
import { validateAppend, validateStreamName } from '../validation';
import { checkChain, StoredLink } from '../verification';
import { ChangeNotifier } from './change-notifier';
import { EVENT_COLUMNS, recordedFromRow, type EventRow } from './event-row';
import { migrateEventStore } from './migrations';
import { PollingSubscription } from '../subscription';

const COLUMNS = EVENT_COLUMNS;

/** The global order after $1, at most $2 events, stopping below the oldest transaction in flight. */
const READ_ALL_WHERE = `
  WHERE global_position > $1
    -- "+ 0" keeps the horizon a filter: the planner cannot estimate it, and as an index
    -- bound it chose a bitmap scan and sorted the whole remaining log for every page.
    AND global_position + 0 < (SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint * 4096)
  ORDER BY global_position LIMIT $2`;

type Queryable = Pick<Pool, 'query'> | PoolClient;

/** One round trip per append; a named statement, so each connection parses and plans it once. */
const APPEND = 'SELECT next_revision, last_position, replayed FROM event_store.append_events($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)';


function expectedKind(expected: ExpectedRevision): [string, number | null] {
  return typeof expected === 'number' ? ['exact', expected] : [expected, null];
}

export interface PostgresEventStoreOptions {
  /** Pool size; appends are one statement each, so a few connections go a long way. */
  poolSize?: number;
  /**
   * A role every connection of the store takes (SET ROLE) once migrations have run as the
   * connecting owner: `ledger_appender` may read and append, never change or delete an event
   * (issue 16). If the role is missing or not the owner's to take, the store says so and runs as
   * the owner; the append-only trigger holds either way.
   */
  role?: string;
}

/** The default adapter: PostgreSQL, gap-free global order, hash chain computed in the append. */
export class PostgresEventStore implements EventStore {
  private readonly notifier: ChangeNotifier;

  /** The role the pool's connections take (SET ROLE), when they take one. */
  private appenderRole?: string;

  private constructor(
    readonly pool: Pool,
    private readonly ownsPool: boolean,
    private readonly connectionString: string | undefined,
  ) {
    this.notifier = new ChangeNotifier(pool, connectionString);
  }

  /**
   * Runs a library's own migrations (`CREATE SCHEMA privacy …`) as the connecting owner, not as
   * the appender role the store's pool takes, and grants that role `grants(role)`.
   */
  async migrateAsOwner(sql: string, grants?: (quotedRole: string) => string): Promise<void> {
    if (!this.appenderRole || !this.connectionString) {
      await this.pool.query(sql);
      return;
    }
    const owner = createPool(this.connectionString, { max: 1 });
    try {
      await owner.query(sql);
      if (grants) await owner.query(grants(`"${this.appenderRole.replace(/"/g, '""')}"`));
    } finally {
      await owner.end();
    }
  }

  /** Connects, applies the store's migrations, and returns a ready store. */
  static async connect(connectionString: string, options: PostgresEventStoreOptions = {}): Promise<PostgresEventStore> {
    const role = options.role;
    if (!role) {
      const pool = createPool(connectionString, { max: options.poolSize ?? 20 });
      await migrateEventStore(pool);
      return new PostgresEventStore(pool, true, connectionString);
    }
    // Migrations run as the connecting owner, on a connection of their own; every connection of
    // the store's pool then takes the role before its first query.
    const quoted = `"${role.replace(/"/g, '""')}"`;
    const migrator = createPool(connectionString, { max: 1 });
    let canTake = false;
    try {
      await migrateEventStore(migrator);
      canTake = await migrator.query(`SET ROLE ${quoted}`).then(
        () => true,
        (error: Error) => {
          console.warn(`event store: not running as ${role} (${error.message}); appends run as the owner`);
          return false;
        },
      );
    } finally {
      await migrator.end();
    }
    // pg-pool awaits `onConnect` before it hands the connection out: a connection whose SET ROLE
    // failed is closed and its caller gets the error, never a connection running as the owner.
    const pool = createPool(connectionString, {
      max: options.poolSize ?? 20,
      ...(canTake ? { onConnect: async (client: ClientBase) => void (await client.query(`SET ROLE ${quoted}`)) } : {}),
    });
    const store = new PostgresEventStore(pool, true, connectionString);
    if (canTake) store.appenderRole = role;
    return store;
  }

  async appendToStream(
    streamName: string,
    events: readonly EventToAppend<unknown>[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    return this.appendWith(this.pool, streamName, events, options?.expectedRevision);
  }

  /**
   * Appends inside a transaction the caller holds (the caller commits). Used by tests that
   * hold transactions open to provoke the commit-order race; the store itself autocommits.
   */
  async appendWith(
    db: Queryable,
    streamName: string,
    events: readonly EventToAppend<unknown>[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    const valid = validateAppend(streamName, events, expectedRevision);
    const [kind, expected] = expectedKind(valid.expectedRevision);
    const digests = valid.events.map((e) => contentDigest({ ...e, streamName: valid.streamName }, e.canonical));
    const values: unknown[] = [
      valid.streamName,
      kind,
      expected,
      valid.events.map((e) => e.eventId),
      valid.events.map((e) => e.type),
      valid.events.map((e) => e.schemaVersion),
      valid.events.map((e) => e.canonical.data),
      valid.events.map((e) => e.canonical.metadata),
      digests,
    ];
    // Our own autocommitted append may simply try again: after the unique event-id index refused
    // it (a retry the head check did not reveal, or an id used elsewhere), this time looking for
    // the stored retry first; after a 40001 (an exact writer moved the head an `any` append had
    // locked), as it is. Inside a caller's transaction the first error is the answer, so the
    // probe runs up front there.
    if (db !== this.pool) return this.attempts(db, false, values, valid.streamName, valid.expectedRevision);
    // Every attempt on one connection, held for the append: `pool.query` destroys its connection
    // on any error, a refused first attempt included, so the retry paid for a new backend (its
    // SET ROLE and the statement prepared again), about 200 ms against 7 ms on the same one. A
    // connection that failed as a connection (no SQLSTATE, or class 08 / 57 / XX) is destroyed.
    const client = await this.pool.connect();
    let broken: Error | undefined;
    const lost = (error: Error): void => {
      broken = error;
    };
    client.on('error', lost);
    try {
      return await this.attempts(client, true, values, valid.streamName, valid.expectedRevision);
    } catch (error) {
      const refused =
        error instanceof WrongExpectedVersion || error instanceof DuplicateEventId || error instanceof InvalidAppend;
      const code = (error as { code?: unknown }).code;
      if (!refused && (typeof code !== 'string' || /^(08|57|XX)/.test(code))) broken ??= error as Error;
      throw error;
    } finally {
      client.off('error', lost);
      client.release(broken);
    }
  }

  private async attempts(
    db: Queryable,
    own: boolean,
    values: unknown[],
    streamName: string,
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    for (let attempt = 1; ; attempt++) {
      const probe = !own || attempt > 1;
      try {
        const { rows } = await db.query<{ next_revision: string; last_position: string; replayed: boolean }>({
          name: 'event_store_append_events',
          text: APPEND,
          values: [...values, probe],
        });
        const row = rows[0]!;
        const result = {
          nextExpectedRevision: Number(row.next_revision),
          position: Number(row.last_position),
          replayed: row.replayed,
        };
        if (!result.replayed && own) this.notifier.published();
        return result;
      } catch (error) {
        const e = error as { code?: string; constraint?: string };
        const retry =
          own &&
          attempt < 5 &&
          ((e.code === '23505' && e.constraint === 'events_event_id_key' && !probe) || e.code === '40001');
        if (!retry) throw this.translate(error, streamName, expectedRevision);
      }
    }
  }

  /** Wakes subscribers after a caller-held transaction that appended has committed. */
  notifyAppended(): void {
    this.notifier.published();
  }

  private translate(error: unknown, streamName: string, expected: ExpectedRevision): unknown {
    const e = error as { code?: string; message?: string; detail?: string; constraint?: string };
    switch (e.code) {
      case 'EL001': {
        const actual = Number(e.detail);
        return new WrongExpectedVersion(streamName, expected, actual < 0 ? 'no_stream' : actual);
      }
      case 'EL002':
        return new DuplicateEventId(e.message ?? '', streamName, e.detail ?? '');
      case 'EL003':
        return new InvalidAppend('events', e.message ?? 'too many events in one transaction');
      case '23505':
        // Two writers raced the same new event id into different streams.
        if (e.constraint === 'events_event_id_key') return new DuplicateEventId('', streamName, e.detail ?? '');
        return error;
      default:
        // 22xxx: data PostgreSQL cannot store (a \u0000 that slipped through, a number jsonb rejects).
        if (e.code?.startsWith('22')) return new InvalidAppend('events', e.message ?? 'invalid data');
        return error;
    }
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    validateStreamName(streamName);
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? Number.MAX_SAFE_INTEGER : 0);
    const max = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${COLUMNS} FROM event_store.events
        WHERE stream_name = $1 AND stream_revision ${backwards ? '<=' : '>='} $2
        ORDER BY stream_revision ${backwards ? 'DESC' : 'ASC'} LIMIT $3`,
      [streamName, from, max],
    );
    return rows.map(recordedFromRow);
  }

  /**
   * Events after a position, stopping below the oldest transaction still in flight: every
   * transaction with a smaller xid has ended, and any later one gets a higher position.
   */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${COLUMNS} FROM event_store.events ${READ_ALL_WHERE}`,
      [options.after ?? 0, options.maxCount ?? 1000],
    );
    return rows.map(recordedFromRow);
  }

  /** `readAll`'s rows (the same filter and order), five columns each, no content parsed. */
  async readAllPlaces(options: ReadAllOptions = {}): Promise<EventPlace[]> {
    const { rows } = await this.pool.query<[string, string, string, string, Buffer]>({
      text: `SELECT global_position, stream_name, stream_revision, event_id, hash FROM event_store.events ${READ_ALL_WHERE}`,
      values: [options.after ?? 0, options.maxCount ?? 1000],
      rowMode: 'array',
    });
    const places = new Array<EventPlace>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      places[i] = { globalPosition: Number(r[0]), streamName: r[1], streamRevision: Number(r[2]), eventId: r[3], hash: r[4] };
    }
    return places;
  }

  async headPosition(): Promise<number> {
    const { rows } = await this.pool.query<{ head: string | null }>(
      `SELECT max(global_position) AS head FROM event_store.events
        WHERE global_position < (SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint * 4096)`,
    );
    return Number(rows[0]?.head ?? 0);
  }

  async countAfter(position: number, cap: number): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM (SELECT 1 FROM event_store.events WHERE global_position > $1
          AND global_position + 0 < (SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint * 4096) LIMIT $2) s`,
      [position, cap],
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** Committed events exist past what readAll may hand out: an older transaction is in flight. */
  private async blockedAfter(position: number): Promise<boolean> {
    const { rows } = await this.pool.query('SELECT 1 FROM event_store.events WHERE global_position > $1 LIMIT 1', [
      position,
    ]);
    return rows.length > 0;
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    return new PollingSubscription({
      after: options.after ?? 0,
      batchSize: options.batchSize ?? 500,
      read: (after, max) => this.readAll({ after, maxCount: max }),
      blockedAfter: (position) => this.blockedAfter(position),
      notifier: this.notifier,
    });
  }

  async verifyStream(streamName: string): Promise<VerificationReport> {
    validateStreamName(streamName);
    const head = await this.pool.query<{ revision: string; last_hash: Buffer }>(
      'SELECT revision, last_hash FROM event_store.streams WHERE stream_name = $1',
      [streamName],
    );
    const rows = await this.pool.query<EventRow>(
      `SELECT ${COLUMNS} FROM event_store.events WHERE stream_name = $1 ORDER BY stream_revision`,
      [streamName],
    );
    const headRow = head.rows[0];
    const firstBreak = checkChain(
      streamName,
      rows.rows.map(toLink),
      headRow ? { revision: Number(headRow.revision), hash: headRow.last_hash } : undefined,
    );
    return { ok: !firstBreak, streamsChecked: 1, eventsChecked: rows.rows.length, firstBreak };
  }

  async verifyAll(): Promise<VerificationReport> {
    let streamsChecked = 0;
    let eventsChecked = 0;
    // A stream whose events exist but whose head row is gone is itself a break.
    const orphan = this.pool.query<{ stream_name: string }>(
      `SELECT e.stream_name FROM event_store.events e
        WHERE NOT EXISTS (SELECT 1 FROM event_store.streams s WHERE s.stream_name = e.stream_name)
        ORDER BY e.stream_name LIMIT 1`,
    );
    orphan.catch(() => undefined); // awaited below; never an unhandled rejection meanwhile
    // 500 streams at a time in name order; the next 500 are read while these are checked.
    const batch = async (after: string) => {
      const heads = await this.pool.query<{ stream_name: string; revision: string; last_hash: Buffer }>(
        `SELECT stream_name, revision, last_hash FROM event_store.streams WHERE stream_name > $1
          ORDER BY stream_name LIMIT 500`,
        [after],
      );
      if (heads.rows.length === 0) return undefined;
      const names = heads.rows.map((h) => h.stream_name);
      const { rows } = await this.pool.query<EventRow>(
        `SELECT ${COLUMNS} FROM event_store.events WHERE stream_name = ANY($1) ORDER BY stream_name, stream_revision`,
        [names],
      );
      return { heads: heads.rows, rows, last: names[names.length - 1]! };
    };
    let next = batch('');
    try {
      for (;;) {
        const current = await next;
        if (!current) break;
        next = batch(current.last);
        next.catch(() => undefined);
        const byStream = new Map<string, StoredLink[]>();
        for (const row of current.rows) {
          const list = byStream.get(row.stream_name);
          if (list) list.push(toLink(row));
          else byStream.set(row.stream_name, [toLink(row)]);
        }
        for (const head of current.heads) {
          const links = byStream.get(head.stream_name) ?? [];
          const firstBreak = checkChain(head.stream_name, links, {
            revision: Number(head.revision),
            hash: head.last_hash,
          });
          streamsChecked++;
          eventsChecked += links.length;
          if (firstBreak) return { ok: false, streamsChecked, eventsChecked, firstBreak };
        }
      }
    } finally {
      // Nothing left in flight when the caller closes the pool.
      await Promise.all([next.catch(() => undefined), orphan.catch(() => undefined)]);
    }
    const orphanName = (await orphan).rows[0]?.stream_name;
    if (orphanName) {
      return {
        ok: false,
        streamsChecked,
        eventsChecked,
        firstBreak: { streamName: orphanName, revision: 0, reason: 'events exist but the stream head is missing' },
      };
    }
    return { ok: true, streamsChecked, eventsChecked };
  }

  async close(): Promise<void> {
    await this.notifier.close();
    if (this.ownsPool) await this.pool.end();
  }
}

function toLink(row: EventRow): StoredLink {
  return {
    revision: Number(row.stream_revision),
    hashFormat: row.hash_format,
    hash: row.hash,
    prevHash: row.prev_hash,
    recordedAtMicros: BigInt(row.recorded_us),
    content: {
      eventId: row.event_id,
      streamName: row.stream_name,
      type: row.type,
      schemaVersion: row.schema_version,
      data: row.data,
      metadata: row.metadata,
    },
  };
}

export { HASH_FORMAT };
