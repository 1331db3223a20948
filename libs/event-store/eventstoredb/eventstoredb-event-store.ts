import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  excludeSystemEvents,
  FORWARDS,
  jsonEvent,
  NO_STREAM,
  ResolvedEvent,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { DuplicateEventId, WrongExpectedVersion } from '../errors';
import { chainHash, contentDigest, isoToMicros, microsToIso, HASH_FORMAT } from '../hash';
import type {
  AppendResult,
  EventMetadata,
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
import { validateAppend, validateStreamName, ValidEvent } from '../validation';
import { checkChain, StoredLink } from '../verification';

/** What the adapter adds to each event's metadata, because the server does not provide it. */
interface LedgerEnvelope {
  schemaVersion: number;
  hashFormat: number;
  hash: string;
  prevHash: string | null;
  /** The adapter's clock at append (µs since 1970): the server's `created` is not known before writing. */
  recordedAtMicros: string;
}

const ENVELOPE = '$ledger';
/** How far back an "any" append looks for its own earlier attempt (the server has no id index). */
const RETRY_LOOKBACK = 100;
const MAX_ATTEMPTS = 20;

type Stored = { event: RecordedEvent; envelope: LedgerEnvelope };

function decode(resolved: ResolvedEvent): Stored | undefined {
  const raw = resolved.event;
  if (!raw || raw.type.startsWith('$') || !raw.isJson) return undefined;
  const { [ENVELOPE]: envelope, ...metadata } = (raw.metadata ?? {}) as Record<string, unknown>;
  if (!envelope) return undefined; // not written through the ledger
  const env = envelope as LedgerEnvelope;
  return {
    envelope: env,
    event: {
      eventId: raw.id,
      type: raw.type,
      schemaVersion: env.schemaVersion,
      data: raw.data as RecordedEvent['data'],
      metadata: metadata as EventMetadata,
      streamName: raw.streamId,
      streamRevision: Number(raw.revision),
      globalPosition: Number(raw.position?.commit ?? resolved.commitPosition ?? 0n),
      recordedAt: microsToIso(BigInt(env.recordedAtMicros)),
      hashFormat: env.hashFormat,
      hash: env.hash,
      prevHash: env.prevHash,
    },
  };
}

function toLink(e: RecordedEvent): StoredLink {
  return {
    revision: e.streamRevision,
    hashFormat: e.hashFormat,
    hash: Buffer.from(e.hash, 'hex'),
    prevHash: e.prevHash ? Buffer.from(e.prevHash, 'hex') : null,
    recordedAtMicros: isoToMicros(e.recordedAt),
    content: {
      eventId: e.eventId,
      streamName: e.streamName,
      type: e.type,
      schemaVersion: e.schemaVersion,
      data: e.data,
      metadata: e.metadata,
    },
  };
}

/**
 * EventStoreDB / KurrentDB adapter. The server gives optimistic concurrency, the global order
 * and subscriptions; the adapter adds what it lacks: the hash chain (kept in each event's
 * metadata, appended with the exact revision it was computed against, so "any" appends retry
 * rather than fork the chain) and idempotency with content comparison.
 */
export class EventStoreDbEventStore implements EventStore {
  private constructor(private readonly client: EventStoreDBClient) {}

  static connect(connectionString: string): EventStoreDbEventStore {
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString));
  }

  private async read(stream: string, options: Parameters<EventStoreDBClient['readStream']>[1]): Promise<Stored[]> {
    const out: Stored[] = [];
    try {
      for await (const resolved of this.client.readStream(stream, options)) {
        const stored = decode(resolved);
        if (stored) out.push(stored);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return out;
  }

  /** Finds an earlier attempt of this append: all its events, unchanged, in order, where they belong. */
  private async findRetry(stream: string, events: ValidEvent[], expected: ExpectedRevision): Promise<AppendResult | undefined> {
    const window = await this.read(stream, { direction: BACKWARDS, fromRevision: END, maxCount: RETRY_LOOKBACK });
    const byId = new Map(window.map((s) => [s.event.eventId, s.event]));
    const found = events.map((e) => byId.get(e.eventId));
    if (found.every((f) => f === undefined)) return undefined;
    const first = found[0];
    const inPlace =
      first !== undefined &&
      found.every((f, i) => f !== undefined && f.streamRevision === first.streamRevision + i) &&
      (expected !== 'no_stream' || first.streamRevision === 0) &&
      (typeof expected !== 'number' || first.streamRevision === expected + 1) &&
      found.every(
        (f, i) =>
          contentDigest({ ...events[i]!, streamName: stream }).equals(contentDigest({ ...toLink(f!).content })),
      );
    if (!inPlace) {
      throw new DuplicateEventId(events[0]!.eventId, stream, 'stored with other content or at another place');
    }
    const last = found[found.length - 1]!;
    return { nextExpectedRevision: last.streamRevision, position: last.globalPosition, replayed: true };
  }

  async appendToStream(
    streamName: string,
    events: readonly EventToAppend<unknown>[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    const valid = validateAppend(streamName, events, options?.expectedRevision);
    const stream = valid.streamName;
    const retry = await this.findRetry(stream, valid.events, valid.expectedRevision);
    if (retry) return retry;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const [tail] = await this.read(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
      const current = tail ? tail.event.streamRevision : -1;
      const expected = valid.expectedRevision;
      const mismatch =
        (expected === 'no_stream' && current !== -1) ||
        (expected === 'stream_exists' && current === -1) ||
        (typeof expected === 'number' && expected !== current);
      if (mismatch) throw new WrongExpectedVersion(stream, expected, current === -1 ? 'no_stream' : current);

      const recordedAtMicros = BigInt(Date.now()) * 1000n;
      let prev: Buffer | null = tail ? Buffer.from(tail.event.hash, 'hex') : null;
      const payload = valid.events.map((e, i) => {
        const hash = chainHash(prev, current + 1 + i, recordedAtMicros, contentDigest({ ...e, streamName: stream }, e.canonical));
        const envelope: LedgerEnvelope = {
          schemaVersion: e.schemaVersion,
          hashFormat: HASH_FORMAT,
          hash: hash.toString('hex'),
          prevHash: prev ? prev.toString('hex') : null,
          recordedAtMicros: recordedAtMicros.toString(),
        };
        prev = hash;
        return jsonEvent({ id: e.eventId, type: e.type, data: e.data, metadata: { ...e.metadata, [ENVELOPE]: envelope } });
      });
      try {
        // Always the exact revision the hashes were computed against, whatever the caller asked.
        const result = await this.client.appendToStream(stream, payload, {
          expectedRevision: current === -1 ? NO_STREAM : BigInt(current),
        });
        return {
          nextExpectedRevision: Number(result.nextExpectedRevision),
          position: Number(result.position?.commit ?? 0n),
          replayed: false,
        };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        const raced = await this.findRetry(stream, valid.events, valid.expectedRevision);
        if (raced) return raced;
        if (expected !== 'any' && expected !== 'stream_exists') {
          const actual = typeof error.actualVersion === 'bigint' ? Number(error.actualVersion) : 'no_stream';
          throw new WrongExpectedVersion(stream, expected, actual);
        }
      }
    }
    throw new WrongExpectedVersion(stream, valid.expectedRevision, 'no_stream');
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    validateStreamName(streamName);
    const backwards = options.direction === 'backwards';
    const stored = await this.read(streamName, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: options.fromRevision === undefined ? (backwards ? END : START) : BigInt(options.fromRevision),
      maxCount: options.maxCount ?? Number.MAX_SAFE_INTEGER,
    });
    return stored.map((s) => s.event);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after = options.after ?? 0;
    const max = options.maxCount ?? 1000;
    const out: RecordedEvent[] = [];
    const from = after === 0 ? START : { commit: BigInt(after), prepare: BigInt(after) };
    for await (const resolved of this.client.readAll({ fromPosition: from, direction: FORWARDS, maxCount: max + 1 })) {
      const stored = decode(resolved);
      if (!stored || stored.event.globalPosition <= after) continue;
      out.push(stored.event);
      if (out.length >= max) break;
    }
    return out;
  }

  async headPosition(): Promise<number> {
    for await (const resolved of this.client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 200 })) {
      const stored = decode(resolved);
      if (stored) return stored.event.globalPosition;
    }
    return 0;
  }

  async countAfter(position: number, cap: number): Promise<number> {
    let n = 0;
    let after = position;
    while (n < cap) {
      const page = await this.readAll({ after, maxCount: Math.min(1000, cap - n) });
      if (page.length === 0) break;
      n += page.length;
      after = page[page.length - 1]!.globalPosition;
    }
    return n;
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    const after = options.after ?? 0;
    const subscription = this.client.subscribeToAll({
      fromPosition: after === 0 ? START : { commit: BigInt(after), prepare: BigInt(after) },
      filter: excludeSystemEvents(),
    });
    return {
      close: async () => {
        await subscription.unsubscribe();
      },
      async *[Symbol.asyncIterator]() {
        for await (const resolved of subscription) {
          const stored = decode(resolved);
          if (stored && stored.event.globalPosition > after) yield stored.event;
        }
      },
    };
  }

  async verifyStream(streamName: string): Promise<VerificationReport> {
    const events = await this.readStream(streamName);
    const firstBreak = checkChain(streamName, events.map(toLink), undefined);
    return { ok: !firstBreak, streamsChecked: 1, eventsChecked: events.length, firstBreak };
  }

  async verifyAll(): Promise<VerificationReport> {
    const byStream = new Map<string, StoredLink[]>();
    let after = 0;
    for (;;) {
      const page = await this.readAll({ after, maxCount: 1000 });
      if (page.length === 0) break;
      for (const e of page) {
        const list = byStream.get(e.streamName) ?? [];
        list.push(toLink(e));
        byStream.set(e.streamName, list);
      }
      after = page[page.length - 1]!.globalPosition;
    }
    let eventsChecked = 0;
    let streamsChecked = 0;
    for (const [stream, links] of [...byStream].sort(([a], [b]) => a.localeCompare(b))) {
      links.sort((a, b) => a.revision - b.revision);
      const firstBreak = checkChain(stream, links, undefined);
      streamsChecked++;
      eventsChecked += links.length;
      if (firstBreak) return { ok: false, streamsChecked, eventsChecked, firstBreak };
    }
    return { ok: true, streamsChecked, eventsChecked };
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}
