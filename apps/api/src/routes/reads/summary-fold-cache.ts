import type { Pool } from 'pg';
import { toDomainEvent } from '@ledger/application';
import { PostgresEventStore, recordedFromRow, validateStreamName, type EventRow, type EventStore, type RecordedEvent } from '@ledger/event-store';
import { personalCommandPaths, personalPaths, PrivateEventStore } from '@ledger/privacy';
import type { AppliedRule } from '@ledger/kernel';
import { appliedRulesOfEvents, illustrativeRulesOfEvents } from './illustrative';
import type { AsOfFold, Folder } from './summary-snapshots';

/**
 * How many events the cache stands for at most, over all its streams (an entry weighs its
 * stream's event count, at least 1). Least recently used streams go first. At roughly 1–2 KiB
 * of folded state and stored events per event, 200,000 events is a few hundred MiB at worst.
 */
export const SUMMARY_CACHE_EVENTS = 200_000;

/** A stream as the cache keeps it; never changed once made (a newer read makes a new entry). */
interface Entry {
  /** The last revision folded in (-1: no stream yet). */
  readonly revision: number;
  /** The fold of the events before the first one carrying personal fields: no personal data in it. */
  readonly prefix: { readonly state: unknown; readonly rules: readonly string[]; readonly applied: readonly AppliedRule[]; readonly count: number };
  /**
   * The events from the first one carrying personal fields on, exactly as stored (encrypted
   * under the worker's data key): revealed again for every answer, so a restriction or an
   * erasure shows at once, and no personal field is kept in clear here.
   */
  readonly suffix: readonly RecordedEvent[];
}

const EMPTY_RULES: readonly string[] = [];
const NO_RULES: readonly AppliedRule[] = [];

/** The stream's events past `after`, and its head revision (null: no such stream), in one statement. */
const TAILS = `
SELECT k.ord, s.revision AS head, e.global_position, e.stream_name, e.stream_revision, e.event_id, e.type,
       e.schema_version, e.data, e.metadata, (extract(epoch FROM e.recorded_at) * 1000000)::bigint AS recorded_us,
       e.hash_format, e.hash, e.prev_hash
  FROM unnest($1::text[], $2::bigint[]) WITH ORDINALITY AS k(stream_name, after, ord)
  LEFT JOIN event_store.streams s ON s.stream_name = k.stream_name
  LEFT JOIN LATERAL (
    SELECT * FROM event_store.events x
     WHERE x.stream_name = k.stream_name AND x.stream_revision > k.after
     ORDER BY x.stream_revision) e ON true
 ORDER BY k.ord, e.stream_revision`;

/** A stream's head and, when it has events past the kept revision, one of them (a left join). */
type TailRow = Omit<EventRow, 'global_position'> & { ord: string; head: string | null; global_position: string | null };


const carriesPersonalFields = (e: RecordedEvent) => personalPaths(e.type, e.data) !== undefined || personalCommandPaths(e.metadata) !== undefined;
const union = (a: readonly string[], b: readonly string[]) => (b.length === 0 ? a : [...new Set([...a, ...b])].sort());

/** A copy of plain JSON-like data, frozen: a fold that tried to change a cached state would throw, not corrupt it. */
function frozenCopy<T>(value: T): T {
  if (Array.isArray(value)) return Object.freeze(value.map(frozenCopy)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = frozenCopy(v);
    return Object.freeze(out) as T;
  }
  return value;
}

/** A stream to fold for the current-time summary: its name and its domain's decider. */
export interface CachedStream {
  stream: string;
  decider: Folder<unknown>;
}

/**
 * The worker summary's current-time folds, kept in this process (docs/read-path.md). Every
 * answer first asks the store, in one statement for all the summary's streams, for each
 * stream's head and the events past the revision kept here: so an event appended by any
 * process is in the next answer, and a stream whose head is below the kept revision (a store
 * restored from a backup) is read again from the start. Only those new events are folded on.
 *
 * Personal fields never stay here in clear: the part of a stream from its first event with
 * personal fields on is kept as stored (encrypted) and revealed for each answer through the
 * private store, whose key look-up is not cached, so a restriction or an erasure counts at once.
 *
 * Answers under `asOf` / `knownAt` do not come here (they fold from the store and its snapshots).
 */
export class SummaryFoldCache {
  private readonly entries = new Map<string, Entry>();
  private weight = 0;
  /** Events read from the store so far (tests: a warm answer reads only what is new). */
  eventsRead = 0;

  private constructor(
    private readonly pool: Pool,
    private readonly reveal: (events: RecordedEvent[]) => Promise<RecordedEvent[]>,
    readonly maxEvents: number,
  ) {}

  /** A cache over a PostgreSQL store (with or without the private store over it); none for another adapter. */
  static over(store: EventStore, maxEvents = SUMMARY_CACHE_EVENTS): SummaryFoldCache | undefined {
    if (store instanceof PrivateEventStore) return new SummaryFoldCache(store.inner.pool, (events) => store.reveal(events), maxEvents);
    if (store instanceof PostgresEventStore) return new SummaryFoldCache(store.pool, async (events) => events, maxEvents);
    return undefined;
  }

  /** Streams kept and the events they stand for (tests, metrics). */
  get size(): { streams: number; events: number } {
    return { streams: this.entries.size, events: this.weight };
  }

  /** Forgets everything kept (tests). */
  clear(): void {
    this.entries.clear();
    this.weight = 0;
  }

  /** Each stream folded with every event recorded, as `foldAsOf` with neither clock folds it. */
  async folds(streams: readonly CachedStream[]): Promise<AsOfFold<unknown>[]> {
    // Refused as readStream refuses them (the same error, so the same answer).
    for (const s of streams) validateStreamName(s.stream);
    const bases = streams.map((s) => this.entries.get(s.stream));
    let tails = await this.tails(streams.map((s, i) => ({ stream: s.stream, after: bases[i]?.revision ?? -1 })));
    // A head below what is kept: the store is not the one these entries came from. Read those again.
    const stale = streams.map((_, i) => bases[i] !== undefined && (tails[i]!.head ?? -1) < bases[i]!.revision);
    if (stale.some(Boolean)) {
      const again = await this.tails(streams.filter((_, i) => stale[i]).map((s) => ({ stream: s.stream, after: -1 })));
      tails = tails.map((t, i) => (stale[i] ? again.shift()! : t));
      stale.forEach((isStale, i) => isStale && (bases[i] = undefined));
    }
    const entries = streams.map((s, i) => {
      const next = extend(bases[i] ?? newEntry(s.decider), tails[i]!.events, s.decider);
      this.keep(s.stream, next);
      return next;
    });
    // One reveal (one key look-up) for every stream's personal part.
    const revealed = await this.reveal(entries.flatMap((e) => e.suffix as RecordedEvent[]));
    let at = 0;
    return streams.map((s, i) => {
      const entry = entries[i]!;
      const suffix = revealed.slice(at, (at += entry.suffix.length));
      return {
        stream: s.stream,
        revision: entry.revision,
        eventsApplied: entry.prefix.count + suffix.length,
        state: suffix.reduce((state, e) => s.decider.evolve(state, toDomainEvent(e)), entry.prefix.state),
        illustrativeRules: union(entry.prefix.rules, illustrativeRulesOfEvents(suffix)) as string[],
        rules: appliedRulesOfEvents(suffix, entry.prefix.applied),
        fromSnapshot: null,
      };
    });
  }

  private async tails(keys: { stream: string; after: number }[]): Promise<{ head: number | null; events: RecordedEvent[] }[]> {
    const out = keys.map(() => ({ head: null as number | null, events: [] as RecordedEvent[] }));
    const { rows } = await this.pool.query<TailRow>(TAILS, [keys.map((k) => k.stream), keys.map((k) => k.after)]);
    for (const row of rows) {
      const slot = out[Number(row.ord) - 1]!;
      slot.head = row.head === null ? null : Number(row.head);
      if (row.global_position !== null) slot.events.push(recordedFromRow(row as EventRow));
    }
    this.eventsRead += rows.filter((r) => r.global_position !== null).length;
    return out;
  }

  /** Keeps the newer of what is kept and `entry` (two answers may race), most recently used last, within the bound. */
  private keep(stream: string, entry: Entry): void {
    const kept = this.entries.get(stream);
    if (kept && kept.revision > entry.revision) {
      this.entries.delete(stream);
      this.entries.set(stream, kept);
      return;
    }
    if (kept) {
      this.entries.delete(stream);
      this.weight -= weightOf(kept);
    }
    if (weightOf(entry) > this.maxEvents) return;
    this.entries.set(stream, entry);
    this.weight += weightOf(entry);
    while (this.weight > this.maxEvents) {
      const [oldest, old] = this.entries.entries().next().value as [string, Entry];
      this.entries.delete(oldest);
      this.weight -= weightOf(old);
    }
  }
}

const weightOf = (entry: Entry) => Math.max(1, entry.revision + 1);

function newEntry(decider: Folder<unknown>): Entry {
  return { revision: -1, prefix: { state: decider.initialState, rules: EMPTY_RULES, applied: NO_RULES, count: 0 }, suffix: [] };
}

/** `base` with `events` (the stream's next revisions, in order) folded on or kept as stored. */
function extend(base: Entry, events: readonly RecordedEvent[], decider: Folder<unknown>): Entry {
  if (events.length === 0) return base;
  if (events[0]!.streamRevision !== base.revision + 1) throw new Error(`summary cache: ${events[0]!.streamName} read from revision ${events[0]!.streamRevision}, kept ${base.revision}`);
  let { state, rules, applied, count } = base.prefix;
  const suffix = [...base.suffix];
  for (const event of events) {
    if (suffix.length === 0 && !carriesPersonalFields(event)) {
      state = decider.evolve(state, toDomainEvent(event));
      rules = union(rules, illustrativeRulesOfEvents([event]));
      applied = appliedRulesOfEvents([event], applied);
      count++;
    } else suffix.push(event);
  }
  const prefix = count === base.prefix.count ? base.prefix : { state: frozenCopy(state), rules, applied: frozenCopy(applied), count };
  return { revision: events[events.length - 1]!.streamRevision, prefix, suffix };
}
