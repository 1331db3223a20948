import type { Refusal } from '@ledger/kernel';

/** The policy said no: 422 with the rule and clause. */
export class DecisionRefused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.detail);
  }
}

/** If-Match named a revision the stream has moved past: 412. */
export class PreconditionFailed extends Error {
  constructor(
    readonly streamName: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`stream ${streamName} is at revision ${actual}, not ${expected}`);
  }
}

/** The command does not fit the stream (registering twice, say): 409. */
export class CommandRejected extends Error {
  constructor(
    message: string,
    readonly code = 'COMMAND_REJECTED',
  ) {
    super(message);
  }
}

/** The command is malformed in a way only the domain can tell (a bad month, unknown id): 400. */
export class InvalidCommand extends Error {
  constructor(
    message: string,
    /** The field at fault, as a path into the command's data (`hukouPlace.address`). */
    readonly field?: string,
    /** A stable code clients can switch on (`DATE_IN_FUTURE`, `HIDDEN_CHARACTER`, `MIXED_SCRIPT`). */
    readonly code?: string,
  ) {
    super(message);
  }
}

/**
 * An Idempotency-Key already applied to this stream with another command (issue 16): 422, so a
 * different command is never answered with the first one's events and silently dropped.
 */
export class IdempotencyKeyReused extends Error {
  constructor(readonly streamName: string) {
    super(`this Idempotency-Key was already applied to ${streamName} with another command; use a new key for a new command`);
  }
}
