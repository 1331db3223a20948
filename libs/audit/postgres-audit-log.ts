import type { Pool } from 'pg';
import type { RecordedEvent } from '@ledger/event-store';
import { consistencyProof, inclusionPath, MapSource, NodeSource, RecordingSource, rootHash } from './merkle';
import { migrateAuditLog } from './migrations';
import type { NoteSigner } from './signer';

export interface LogState {
  size: number;
  lastPosition: number;
}

export interface LeafRow {
  leafIndex: number;
  globalPosition: number;
  eventId: string;
  streamName: string;
  streamRevision: number;
  eventHash: Buffer;
}

export interface StoredCheckpoint {
  treeSize: number;
  root: Buffer;
  note: string;
  signedAt: string;
}

/** The verifiable log kept in PostgreSQL (schema `audit_log`), beside whichever event store. */
export class PostgresAuditLog {
  private constructor(readonly pool: Pool) {}

  static async open(pool: Pool): Promise<PostgresAuditLog> {
    await migrateAuditLog(pool);
    return new PostgresAuditLog(pool);
  }

  async state(): Promise<LogState> {
    const { rows } = await this.pool.query<{ size: string; last_position: string }>('SELECT size, last_position FROM audit_log.tree');
    return { size: Number(rows[0]!.size), lastPosition: Number(rows[0]!.last_position) };
  }

  /** Adds events, in the global order, after the log's last one; fails (40001) if another writer added first. */
  async append(expectedSize: number, events: readonly RecordedEvent[]): Promise<number> {
    const { rows } = await this.pool.query<{ size: string }>(
      'SELECT audit_log.add_leaves($1, $2, $3, $4, $5, $6) AS size',
      [
        expectedSize,
        events.map((e) => e.globalPosition),
        events.map((e) => e.eventId),
        events.map((e) => e.streamName),
        events.map((e) => e.streamRevision),
        events.map((e) => Buffer.from(e.hash, 'hex')),
      ],
    );
    return Number(rows[0]!.size);
  }

  /** Runs a computation over stored subtrees, fetching exactly the nodes it visits in one query. */
  async compute<T>(work: (src: NodeSource) => T): Promise<T> {
    const recorder = new RecordingSource();
    work(recorder);
    const keys = [...recorder.keys.values()];
    const nodes = new Map<string, Buffer>();
    if (keys.length > 0) {
      const { rows } = await this.pool.query<{ level: number; idx: string; hash: Buffer }>(
        `SELECT n.level, n.idx, n.hash FROM audit_log.nodes n
           JOIN unnest($1::smallint[], $2::bigint[]) AS k(level, idx) ON n.level = k.level AND n.idx = k.idx`,
        [keys.map((k) => k[0]), keys.map((k) => k[1])],
      );
      for (const r of rows) nodes.set(`${r.level}/${r.idx}`, r.hash);
    }
    return work(new MapSource(nodes));
  }

  root(size: number): Promise<Buffer> {
    return this.compute((src) => rootHash(src, size));
  }

  inclusion(leafIndex: number, size: number): Promise<Buffer[]> {
    return this.compute((src) => inclusionPath(src, leafIndex, size));
  }

  consistency(first: number, second: number): Promise<Buffer[]> {
    return this.compute((src) => consistencyProof(src, first, second));
  }

  async leafOf(eventId: string): Promise<LeafRow | undefined> {
    const { rows } = await this.pool.query('SELECT * FROM audit_log.leaves WHERE event_id = $1', [eventId]);
    return rows[0] ? toLeaf(rows[0]) : undefined;
  }

  async leavesOfStreams(streams: readonly string[], size: number): Promise<LeafRow[]> {
    const { rows } = await this.pool.query(
      'SELECT * FROM audit_log.leaves WHERE stream_name = ANY($1) AND leaf_index < $2 ORDER BY stream_name, stream_revision',
      [streams, size],
    );
    return rows.map(toLeaf);
  }

  /** Leaves in order from `from` (inclusive), for the verifier. */
  async leaves(from: number, limit: number): Promise<LeafRow[]> {
    const { rows } = await this.pool.query(
      'SELECT * FROM audit_log.leaves WHERE leaf_index >= $1 ORDER BY leaf_index LIMIT $2',
      [from, limit],
    );
    return rows.map(toLeaf);
  }

  async latestCheckpoint(): Promise<StoredCheckpoint | undefined> {
    const { rows } = await this.pool.query('SELECT * FROM audit_log.checkpoints ORDER BY tree_size DESC LIMIT 1');
    return rows[0] ? toCheckpoint(rows[0]) : undefined;
  }

  /** The smallest checkpoint whose tree holds `size` leaves or more. */
  async checkpointCovering(size: number): Promise<StoredCheckpoint | undefined> {
    const { rows } = await this.pool.query(
      'SELECT * FROM audit_log.checkpoints WHERE tree_size >= $1 ORDER BY tree_size LIMIT 1',
      [size],
    );
    return rows[0] ? toCheckpoint(rows[0]) : undefined;
  }

  async checkpoints(): Promise<StoredCheckpoint[]> {
    const { rows } = await this.pool.query('SELECT * FROM audit_log.checkpoints ORDER BY tree_size');
    return rows.map(toCheckpoint);
  }

  /** Signs and keeps a checkpoint of the tree as it stands, unless one of this size exists. */
  async checkpoint(signer: NoteSigner): Promise<StoredCheckpoint | undefined> {
    const { size } = await this.state();
    if (size === 0) return undefined;
    const root = await this.root(size);
    const note = signer.signCheckpoint(size, root);
    const { rows } = await this.pool.query(
      `INSERT INTO audit_log.checkpoints (tree_size, root, note) VALUES ($1, $2, $3)
       ON CONFLICT (tree_size) DO NOTHING RETURNING *`,
      [size, root, note],
    );
    return rows[0] ? toCheckpoint(rows[0]) : undefined;
  }
}

function toLeaf(r: Record<string, unknown>): LeafRow {
  return {
    leafIndex: Number(r.leaf_index),
    globalPosition: Number(r.global_position),
    eventId: r.event_id as string,
    streamName: r.stream_name as string,
    streamRevision: Number(r.stream_revision),
    eventHash: r.event_hash as Buffer,
  };
}

function toCheckpoint(r: Record<string, unknown>): StoredCheckpoint {
  return {
    treeSize: Number(r.tree_size),
    root: r.root as Buffer,
    note: r.note as string,
    signedAt: (r.signed_at as Date).toISOString(),
  };
}
