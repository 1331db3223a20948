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

/** Reads and folds streams from the store, the only source of truth (read models may lag). */
export class StreamStates {
  constructor(private readonly store: EventStore) {}

  async load<S, E>(streamName: string, decider: Pick<Decider<unknown, E, S, unknown>, 'initialState' | 'evolve'>, asOf?: string): Promise<LoadedStream<S>> {
    const events = await this.store.readStream(streamName);
    // As of a date: only what had taken effect by then (docs/architecture.md principle 9, "what was true on D").
    const relevant = asOf
      ? events.filter((e) => (e.metadata.effectiveOn ?? shanghaiDate(new Date(e.recordedAt))) <= asOf)
      : events;
    const state = fold(decider, relevant.map((e) => toDomainEvent(e) as unknown as E));
    return { state, revision: events.length ? events[events.length - 1]!.streamRevision : -1, events };
  }
}
