import type { Pool } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { chainHash, contentDigest, microsToIso, validateAppend, type EventToAppend } from '@ledger/event-store';
import { derivedEventId } from '@ledger/application/execute-command';
import { EVENT_UPCASTERS } from '@ledger/application/upcasters';
import { addDays, addPeriod } from '@ledger/kernel';
import { prng, workerStreams, type Draft } from './generate';

/** Events a transaction may hold: positions are xid × 4096 + index (docs/event-store.md). */
const PER_TRANSACTION = 4096;
const actor = { department: 'generator', principal: 'generate-history' };
/** recordedAt of the first generated event; each next one is 1 ms later (the database clock of a bulk load). */
const FIRST_RECORDED_US = BigInt(Date.UTC(2025, 0, 1)) * 1000n;

export interface CopyHistoryOptions {
  workers: number;
  seed: number;
  /** Called after each transaction with the workers and events written so far. */
  onProgress?: (workersDone: number, events: number) => void;
}

/**
 * One worker's streams as `generateHistory` makes them, plus the corrections a real history has:
 * about 5 % of workers get their arrival date corrected (ArrivalDateCorrected, both clocks move),
 * about 10 % have a year of contributions re-reported with another base (a correction replaces the
 * place's own payment for those months).
 */
export function cityWorker(n: number, seed: number): Map<string, Draft[]> {
  const rand = prng((seed * 2654435761 + n) >>> 0);
  const streams = workerStreams(n, seed, rand);
  const extra = prng((seed * 40503 + n * 7 + 1) >>> 0);
  const id = `g${seed.toString(36)}-${n}`;
  const permit = streams.get(`residence-permit-${id}`);
  if (permit && extra() < 0.05) {
    const registered = permit[0]!.data as { arrivalOn: string; registeredOn: string };
    const corrected = addDays(registered.arrivalOn, -10 - Math.floor(extra() * 50));
    permit.splice(1, 0, {
      type: 'ArrivalDateCorrected',
      data: { workerId: id, arrivalOn: corrected, previousArrivalOn: registered.arrivalOn, evidenceRef: `doc-${id}`, correctedOn: addDays(registered.registeredOn, 20) },
      effectiveOn: corrected,
    });
  }
  const insurance = streams.get(`insurance-${id}`);
  const paid = insurance?.filter((d) => d.type === 'ContributionsRecorded' && (d.data as { region: string }).region === '510400');
  if (insurance && paid && paid.length > 0 && extra() < 0.1) {
    const last = paid[paid.length - 1]!.data as { months: string[]; baseFen: number };
    insurance.push({
      type: 'ContributionsRecorded',
      data: { ...last, baseFen: last.baseFen + 10_000 },
      effectiveOn: `${addPeriod(`${last.months[0]}-01`, { months: 0 })}`,
    });
  }
  return streams;
}

/** COPY text format: backslash, tab, newline and carriage return escaped; NULL as \N. */
function text(value: string | null): string {
  if (value === null) return '\\N';
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
}
const bytea = (b: Buffer | null) => (b ? `\\\\x${b.toString('hex')}` : '\\N');

/**
 * Writes a city's history straight into an empty PostgreSQL event store at COPY speed (issue 13):
 * the same events as appending them one stream at a time (ids, hashes, chains), in transactions of
 * at most 4,096 events whose positions are the transaction's xid × 4096 + index, as
 * `event_store.append` gives them, so `store verify` / `audit verify` and every reader see an
 * ordinary log. The stream heads go in by COPY too. About 26 events a worker (seeded).
 */
export async function copyHistory(pool: Pool, options: CopyHistoryOptions): Promise<{ events: number; streams: number; lastPosition: number }> {
  const existing = await pool.query('SELECT 1 FROM event_store.events LIMIT 1');
  if (existing.rowCount) throw new Error('the event store is not empty: generate into a fresh data folder');
  let events = 0;
  let streams = 0;
  let lastPosition = 0;
  let clock = FIRST_RECORDED_US;
  let n = 0;
  const client = await pool.connect();
  try {
    await client.query('SET synchronous_commit = off'); // a bulk load: the last transactions may be redone
    while (n < options.workers) {
      // Whole workers per transaction, up to 4,096 events.
      type Row = { stream: string; drafts: Draft[] };
      const batch: Row[][] = [];
      let size = 0;
      while (n < options.workers) {
        const worker = [...cityWorker(n, options.seed)].map(([stream, drafts]) => ({ stream, drafts }));
        const count = worker.reduce((k, s) => k + s.drafts.length, 0);
        if (size + count > PER_TRANSACTION && size > 0) break;
        batch.push(worker);
        size += count;
        n++;
      }
      await client.query('BEGIN');
      const { rows } = await client.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid');
      const base = BigInt(rows[0]!.xid) * 4096n;
      let index = 0n;
      const eventLines: string[] = [];
      const headLines: string[] = [];
      for (const worker of batch) {
        for (const { stream, drafts } of worker) {
          const correlationId = derivedEventId(stream, `generated-${options.seed}`, -1);
          const appended: EventToAppend<unknown>[] = drafts.map((d, i) => ({
            eventId: derivedEventId(stream, `generated-${options.seed}`, i),
            type: d.type,
            schemaVersion: EVENT_UPCASTERS.currentVersion(d.type),
            data: d.data,
            metadata: { actor, correlationId, ...(d.effectiveOn ? { effectiveOn: d.effectiveOn } : {}) },
          }));
          const valid = validateAppend(stream, appended, 'no_stream');
          let prev: Buffer | null = null;
          let position = 0n;
          valid.events.forEach((e, revision) => {
            const digest = contentDigest({ ...e, streamName: stream }, e.canonical);
            const hash = chainHash(prev, revision, clock, digest);
            position = base + index++;
            eventLines.push(
              [
                position.toString(),
                text(stream),
                String(revision),
                e.eventId,
                text(e.type),
                String(e.schemaVersion),
                text(e.canonical.data),
                text(e.canonical.metadata),
                microsToIso(clock),
                '1',
                bytea(hash),
                bytea(prev),
              ].join('\t'),
            );
            prev = hash;
            clock += 1000n;
          });
          headLines.push([text(stream), String(valid.events.length - 1), bytea(prev), position.toString()].join('\t'));
          lastPosition = Number(position);
          events += valid.events.length;
          streams++;
        }
      }
      await copy(
        client,
        'COPY event_store.events (global_position, stream_name, stream_revision, event_id, type, schema_version, data, metadata, recorded_at, hash_format, hash, prev_hash) FROM STDIN',
        eventLines,
      );
      await copy(client, 'COPY event_store.streams (stream_name, revision, last_hash, last_position) FROM STDIN', headLines);
      await client.query('COMMIT');
      options.onProgress?.(n, events);
    }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    // The setting belongs to the session: reset it before the connection goes back to the pool,
    // or whoever takes it next (a bench's appends, a rebuild) commits without the flush as well.
    await client.query('RESET synchronous_commit').then(
      () => client.release(),
      (error: Error) => client.release(error),
    );
  }
  return { events, streams, lastPosition };
}

async function copy(client: { query: (stream: ReturnType<typeof copyFrom>) => unknown }, sql: string, lines: string[]): Promise<void> {
  if (lines.length === 0) return;
  const stream = client.query(copyFrom(sql)) as NodeJS.WritableStream;
  await new Promise<void>((resolve, reject) => {
    stream.on('error', reject);
    stream.on('finish', () => resolve());
    stream.end(`${lines.join('\n')}\n`);
  });
}
