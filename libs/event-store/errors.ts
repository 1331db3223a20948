import type { ExpectedRevision } from './port';

/** Base class of the store's typed errors. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
}

/** Another writer moved the stream: the caller re-reads and decides again. */
export class WrongExpectedVersion extends EventStoreError {
  readonly code = 'WRONG_EXPECTED_VERSION';
  constructor(
    readonly streamName: string,
    readonly expected: ExpectedRevision,
    /** The stream's current revision, or 'no_stream'. */
    readonly actual: number | 'no_stream',
  ) {
    super(`stream ${streamName}: expected revision ${String(expected)}, actual ${String(actual)}`);
  }
}

/** An event id is already stored with other content or at another place. */
export class DuplicateEventId extends EventStoreError {
  readonly code = 'DUPLICATE_EVENT_ID';
  constructor(
    readonly eventId: string,
    readonly streamName: string,
    detail: string,
  ) {
    super(`event ${eventId} is already stored with other content or at another place: ${detail}`);
  }
}

/** The append was malformed; nothing was written. */
export class InvalidAppend extends EventStoreError {
  readonly code = 'INVALID_APPEND';
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}
