import type { EventStore, RecordedEvent } from '@ledger/event-store';
import type { Decider, DomainEvent } from '@ledger/kernel';
import { fold } from '@ledger/kernel';
import { EVENT_UPCASTERS } from './upcasters';
import { shanghaiDate } from './clock';

/** A stored event as its domain sees it: upcast to the current version, effective date kept. */
export function toDomainEvent(recorded: RecordedEvent): DomainEvent {
  const { data } = EVENT_UPCASTERS.upcast({ type: recorded.type, schemaVersion: recorded.schemaVersion, data: recorded.data });
  const effectiveOn = recorded.metadata.effectiveOn;
  return { type: recorded.type, data: data as Record<string, unknown>, ...(effectiveOn ? { effectiveOn } : {}) };
}

export interface LoadedStream<S> {
  state: S;
  /** The stream's revision, or -1 when it has no events. */
  revision: number;
  events: RecordedEvent[];
}

/**
 * Where a re-decision stops reading (docs/audit.md, re-decide): each stream at the revision the
 * decision recorded it had read, and any other stream below the decision's global position.
 */
export interface ReadLimit {
  revisions?: Readonly<Record<string, number>>;
  beforePosition?: number;
}

/** Reads and folds streams from the store, the only source of truth (read models may lag). */
export class StreamStates {
  /** Each stream loaded and the revision it had (-1: empty): what a decision recorded it read. */
  readonly reads = new Map<string, number>();

  constructor(
    private readonly store: EventStore,
    private readonly limit: ReadLimit = {},
  ) {}

  async load<S, E>(streamName: string, decider: Pick<Decider<unknown, E, S, unknown>, 'initialState' | 'evolve'>, asOf?: string): Promise<LoadedStream<S>> {
    const events = await this.read(streamName);
    // As of a date: only what had taken effect by then (docs/architecture.md principle 9, "what was true on D").
    const relevant = asOf
      ? events.filter((e) => (e.metadata.effectiveOn ?? shanghaiDate(new Date(e.recordedAt))) <= asOf)
      : events;
    const state = fold(decider, relevant.map((e) => toDomainEvent(e) as unknown as E));
    const revision = events.length ? events[events.length - 1]!.streamRevision : -1;
    this.reads.set(streamName, revision);
    return { state, revision, events };
  }

  private async read(streamName: string): Promise<RecordedEvent[]> {
    const recorded = this.limit.revisions?.[streamName];
    if (recorded !== undefined) return recorded < 0 ? [] : this.store.readStream(streamName, { maxCount: recorded + 1 });
    const events = await this.store.readStream(streamName);
    const before = this.limit.beforePosition;
    return before === undefined ? events : events.filter((e) => e.globalPosition < before);
  }
}
