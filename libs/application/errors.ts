import { DomainError, DomainStateError, type Refusal } from '@ledger/kernel';

/** The policy said no: 422 with the rule and clause. */
export class DecisionRefused extends DomainError {
  readonly kind = 'refused' as const;

  constructor(readonly refusal: Refusal) {
    super(refusal.code, refusal.detail);
  }

  /**
   * docs/policy-rules.md §5: every refusal carries the rule, its clause and quote, the pack and
   * what it saw. The rule's own status (in-force, draft) is `ruleStatus`: it must not overwrite
   * the HTTP status.
   */
  override problemExtensions(): Record<string, unknown> {
    const { kind: _kind, detail: _detail, status: ruleStatus, ...refusal } = this.refusal;
    return { ...refusal, ruleStatus, draft: ruleStatus === 'draft' };
  }
}

/** If-Match named a revision the stream has moved past: 412. */
export class PreconditionFailed extends DomainError {
  readonly kind = 'stale' as const;

  constructor(
    readonly streamName: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super('STALE_REVISION', `stream ${streamName} is at revision ${actual}, not ${expected}`);
  }

  override problemExtensions(): Record<string, unknown> {
    return { stream: this.streamName, expected: this.expected, actual: this.actual };
  }
}

/** The command does not fit the stream (registering twice, say): 409. */
export class CommandRejected extends DomainStateError {
  constructor(message: string, code = 'COMMAND_REJECTED') {
    super(code, message);
  }
}

/** The command is malformed in a way only the domain can tell (a bad month, unknown id): 400. */
export class InvalidCommand extends DomainError {
  readonly kind = 'invalid' as const;

  constructor(
    message: string,
    /** The field at fault, as a path into the command's data (`hukouPlace.address`, `items[0]`). */
    readonly field?: string,
    /** A stable code clients can switch on (`DATE_IN_FUTURE`, `HIDDEN_CHARACTER`, `MIXED_SCRIPT`). */
    readonly stableCode?: string,
    /** The message in Chinese, the API's default language (`message` is the English one). */
    readonly zh?: string,
  ) {
    super(stableCode ?? 'INVALID_COMMAND', message);
  }

  /**
   * `field` as given and as an RFC 6901 JSON Pointer into the body in `errors`, the stable code
   * when there is one; with a Chinese wording, the detail follows the caller's language
   * (apps/api/src/problem/localize.ts).
   */
  override problemExtensions(): Record<string, unknown> {
    const code = this.stableCode ? { code: this.stableCode } : {};
    if (!this.field) return code;
    const pointer = this.field
      .replace(/\[(\d+)\]/g, '.$1')
      .split('.')
      .filter((part) => part !== '')
      .map((part) => `/${part.replace(/~/g, '~0').replace(/\//g, '~1')}`)
      .join('');
    const detail = this.zh ? { zh: this.zh, en: this.message } : this.message;
    return { field: this.field, ...code, errors: [{ pointer, detail }], ...(this.zh ? { detailFromErrors: true } : {}) };
  }
}

/**
 * An Idempotency-Key already applied to this stream with another command (issue 16): 422, so a
 * different command is never answered with the first one's events and silently dropped.
 */
export class IdempotencyKeyReused extends DomainError {
  readonly kind = 'reused' as const;

  constructor(readonly streamName: string) {
    super(
      'IDEMPOTENCY_KEY_REUSED',
      `this Idempotency-Key was already applied to ${streamName} with another command; use a new key for a new command`,
    );
  }

  override problemExtensions(): Record<string, unknown> {
    return { header: 'Idempotency-Key', stream: this.streamName };
  }
}
