/** The expected state of a stream before an append (optimistic concurrency). */
export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | number;

/** Who caused an event: a department and the person or service acting for it. */
export interface Actor {
  department: string;
  principal: string;
}

/** Metadata every event carries; extra JSON keys are kept and hashed too. */
export interface EventMetadata {
  correlationId?: string;
  causationId?: string | null;
  actor: Actor;
  /** When the fact took effect in the world (ISO date), where it differs from recordedAt. */
  effectiveOn?: string;
  [key: string]: unknown;
}

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** An event as a writer proposes it. */
export interface EventToAppend<TData = JsonObject> {
  eventId: string;
  type: string;
  schemaVersion?: number;
  data: TData;
  metadata: EventMetadata;
}

/** An event as the store holds it. */
export interface RecordedEvent<TData = JsonObject> {
  eventId: string;
  type: string;
  schemaVersion: number;
  data: TData;
  metadata: EventMetadata;
  streamName: string;
  streamRevision: number;
  /** Strictly increasing in the order subscribers receive events; not dense. */
  globalPosition: number;
  /** Database clock, ISO 8601 UTC with microseconds. */
  recordedAt: string;
  hashFormat: number;
  hash: string;
  prevHash: string | null;
}

/** Where an event sits and the hash it carries, without its content: what the audit log compares. */
export interface EventPlace {
  eventId: string;
  streamName: string;
  streamRevision: number;
  globalPosition: number;
  /** The chain hash, 32 bytes. */
  hash: Buffer;
}

export interface AppendResult {
  /** The revision of the stream's last event after the append. */
  nextExpectedRevision: number;
  /** Global position of the last event appended. */
  position: number;
  /** True when every event was already stored (an idempotent retry): nothing was written. */
  replayed: boolean;
}

export interface ReadStreamOptions {
  fromRevision?: number;
  direction?: 'forwards' | 'backwards';
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position (0 = from the start). */
  after?: number;
  maxCount?: number;
}

export interface SubscribeOptions {
  /** Checkpoint: the last position already processed (0 = from the start). */
  after?: number;
  /** Events fetched per page; the iterator only fetches when the consumer pulls. */
  batchSize?: number;
}

/** A live, resumable subscription to the global order. */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

/** The first place a hash chain does not hold, or nothing. */
export interface VerificationBreak {
  streamName: string;
  revision: number;
  reason: string;
}

export interface VerificationReport {
  ok: boolean;
  streamsChecked: number;
  eventsChecked: number;
  firstBreak?: VerificationBreak;
}

/** The port every adapter implements; the contract suite holds each to it. */
export interface EventStore {
  appendToStream(
    streamName: string,
    events: readonly EventToAppend<unknown>[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult>;
  readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /**
   * The same events `readAll` returns for the same options, as places and hashes only: the
   * verifier walks the global order with it without reading or parsing any content. Optional:
   * without it the verifier maps `readAll`.
   */
  readAllPlaces?(options?: ReadAllOptions): Promise<EventPlace[]>;
  subscribeToAll(options?: SubscribeOptions): Subscription;
  /** Position of the newest event subscribers can see (0 when empty). */
  headPosition(): Promise<number>;
  /** How many events subscribers can see after `position`, counting at most `cap`. */
  countAfter(position: number, cap: number): Promise<number>;
  verifyStream(streamName: string): Promise<VerificationReport>;
  verifyAll(): Promise<VerificationReport>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');
