/**
 * Every exit code of `npm run ledger`, in one place (issue 14 item 9): a script can tell a
 * refusal from bad input, a broken chain from a missing stream. docs/operations.md lists them.
 */
export const EXIT = {
  /** Done. */
  OK: 0,
  /** Something failed that is not the operator's input: the database did not answer, a defect. */
  FAILURE: 1,
  /** The input is invalid (a command's data, a credential request): nothing was written. */
  INVALID: 2,
  /** The policy refuses the command (rule id and clause printed): nothing was written. */
  REFUSED: 3,
  /** `store verify` found a hash chain that does not hold. */
  BROKEN: 4,
  /** What was named does not exist (a stream, a credential). */
  NOT_FOUND: 5,
  /** No credential, or one that is unknown, revoked or lacks the scope the command needs (EX_NOPERM). */
  UNAUTHORIZED: 77,
  /** The command line itself is wrong: unknown command or option, a missing argument (EX_USAGE). */
  USAGE: 64,
  /** The environment is wrong (libs/config): nothing was started (EX_CONFIG). */
  CONFIG: 78,
} as const;
