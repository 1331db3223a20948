import { microsToIso } from '../hash';
import type { RecordedEvent } from '../port';

/**
 * An event as `event_store.events` returns it to `EVENT_COLUMNS`: the one mapping from a row to a
 * recorded event, for the store and for readers that query the table themselves (the rebuild's
 * filtered read, the summary's tail read).
 */
export const EVENT_COLUMNS = `global_position, stream_name, stream_revision, event_id, type, schema_version, data,
  metadata, (extract(epoch FROM recorded_at) * 1000000)::bigint AS recorded_us, hash_format, hash, prev_hash`;

export interface EventRow {
  global_position: string;
  stream_name: string;
  stream_revision: string;
  event_id: string;
  type: string;
  schema_version: number;
  data: RecordedEvent['data'];
  metadata: RecordedEvent['metadata'];
  recorded_us: string;
  hash_format: number;
  hash: Buffer;
  prev_hash: Buffer | null;
}

export function recordedFromRow(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    streamName: row.stream_name,
    streamRevision: Number(row.stream_revision),
    globalPosition: Number(row.global_position),
    recordedAt: microsToIso(BigInt(row.recorded_us)),
    hashFormat: row.hash_format,
    hash: row.hash.toString('hex'),
    prevHash: row.prev_hash ? row.prev_hash.toString('hex') : null,
  };
}
