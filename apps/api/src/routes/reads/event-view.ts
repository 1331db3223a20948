import type { RecordedEvent } from '@ledger/event-store';
import { eventDataFor } from './masking';

/** One event as auditors and integrators read it: both clocks, who, why, and its chain links. */
export interface EventView {
  eventId: string;
  streamName: string;
  streamRevision: number;
  globalPosition: number;
  type: string;
  schemaVersion: number;
  /** When the store recorded it (ISO 8601 UTC, microseconds). */
  recordedAt: string;
  /** When it took effect in the world, where that differs from recordedAt (principle 9). */
  effectiveOn: string | null;
  actor: { department: string; principal: string };
  correlationId: string | null;
  causationId: string | null;
  /** As stored (old schema versions are not upcast here: the hash covers these bytes). */
  data: unknown;
  hashFormat: number;
  hash: string;
  prevHash: string | null;
}

export function toEventView(event: RecordedEvent, seesPersonal: boolean): EventView {
  const { actor, correlationId, causationId, effectiveOn } = event.metadata;
  return {
    eventId: event.eventId,
    streamName: event.streamName,
    streamRevision: event.streamRevision,
    globalPosition: event.globalPosition,
    type: event.type,
    schemaVersion: event.schemaVersion,
    recordedAt: event.recordedAt,
    effectiveOn: effectiveOn ?? null,
    actor: { department: actor?.department, principal: actor?.principal },
    correlationId: correlationId ?? null,
    causationId: causationId ?? null,
    data: eventDataFor(event.type, event.data, seesPersonal),
    hashFormat: event.hashFormat,
    hash: event.hash,
    prevHash: event.prevHash,
  };
}

/** The example every event-listing route shows in OpenAPI. */
export const EVENT_VIEW_EXAMPLE: EventView = {
  eventId: '0b8f6f0e-8d0e-4f43-9a8c-3c1a9b0d2e11',
  streamName: 'residence-permit-w-zhang',
  streamRevision: 3,
  globalPosition: 40963,
  type: 'AddressChanged',
  schemaVersion: 1,
  recordedAt: '2026-11-24T02:15:07.412309Z',
  effectiveOn: '2026-09-01',
  actor: { department: 'residence-office', principal: 'counter-1' },
  correlationId: '6c1f3e2d-7b90-4f0a-9a51-5b0c8e1e4f0a',
  causationId: null,
  data: { workerId: 'w-zhang', address: { line: '仁和区新街3号', districtCode: '510411' }, movedOn: '2026-09-01' },
  hashFormat: 1,
  hash: '9f2c…e1',
  prevHash: '41aa…07',
};
