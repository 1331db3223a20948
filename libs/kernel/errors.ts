/**
 * What a domain error says about the command, which is all a caller needs to answer it
 * (docs/style.md, habits: one map from error kind to problem status):
 * - `invalid`: the command is malformed in a way only the domain can tell (400);
 * - `rejected`: the command does not fit the stream as it stands (registering twice, a seat
 *   before eligibility) (409);
 * - `refused`: the policy says no, with the rule and clause (422);
 * - `stale`: the client decided on a revision the stream has moved past (412);
 * - `reused`: an Idempotency-Key already applied with another command (422).
 */
export type DomainErrorKind = 'invalid' | 'rejected' | 'refused' | 'stale' | 'reused';

/**
 * The one base of the ledger's expected errors. Each context's error class extends it with its
 * kind and a stable `code`; the API, the CLI and the process managers switch on `kind`, never on
 * a class name. Bugs and infrastructure failures are not DomainErrors.
 */
export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;

  constructor(
    /** Stable, upper snake case (`ALREADY_REGISTERED`): clients may switch on it. */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** Members a problem+json body adds for this error (RFC 9457 extensions); `code` by default. */
  problemExtensions(): Record<string, unknown> {
    return { code: this.code };
  }
}

/** A context's "the command does not fit the stream as it stands": the caller's 409. */
export abstract class DomainStateError extends DomainError {
  readonly kind = 'rejected' as const;
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
