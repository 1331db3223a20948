/**
 * Upcasting: events are stored once and never rewritten, so when an event type gains a schema
 * version its old payloads are brought up to date as they are read. Each step is a pure
 * function from version n to n + 1; the registry chains them. Stores' readers run it before
 * anything folds an event.
 */

/** An event as read, before or after upcasting: its type, schema version and payload. */
export interface VersionedPayload<TData = unknown> {
  type: string;
  schemaVersion: number;
  data: TData;
}

/** One step: a payload of `fromVersion` becomes one of `fromVersion + 1`. Pure. */
export type UpcastStep = (data: unknown) => unknown;

/** A refusal to read: a stored version newer than the code knows, or a step missing. */
export class UpcastError extends Error {
  constructor(
    readonly type: string,
    readonly schemaVersion: number,
    problem: string,
  ) {
    super(`${type} v${schemaVersion}: ${problem}`);
  }
}

/** The upcasting steps of every event type, and the version each type is written at. */
export class UpcasterRegistry {
  private readonly steps = new Map<string, Map<number, UpcastStep>>();
  private readonly current = new Map<string, number>();

  /** Declares the version writers use for `type` (1 when never declared). */
  declare(type: string, currentVersion: number): this {
    if (!Number.isInteger(currentVersion) || currentVersion < 1) {
      throw new RangeError(`${type}: schema version must be a positive integer`);
    }
    this.current.set(type, currentVersion);
    return this;
  }

  /** Registers the step from `fromVersion` to `fromVersion + 1`; the current version moves up with it. */
  register(type: string, fromVersion: number, step: UpcastStep): this {
    const byVersion = this.steps.get(type) ?? new Map<number, UpcastStep>();
    if (byVersion.has(fromVersion)) throw new Error(`${type}: a step from v${fromVersion} is already registered`);
    byVersion.set(fromVersion, step);
    this.steps.set(type, byVersion);
    this.current.set(type, Math.max(this.currentVersion(type), fromVersion + 1));
    return this;
  }

  /** The version new events of `type` are written at. */
  currentVersion(type: string): number {
    return this.current.get(type) ?? 1;
  }

  /** Brings a stored payload to the current version, step by step; current payloads pass unchanged. */
  upcast<TData = unknown>(event: VersionedPayload): VersionedPayload<TData> {
    const target = this.currentVersion(event.type);
    if (event.schemaVersion > target) {
      throw new UpcastError(event.type, event.schemaVersion, `newer than the v${target} this code reads`);
    }
    let { data, schemaVersion } = event;
    while (schemaVersion < target) {
      const step = this.steps.get(event.type)?.get(schemaVersion);
      if (!step) throw new UpcastError(event.type, schemaVersion, `no upcaster to v${schemaVersion + 1}`);
      data = step(data);
      schemaVersion++;
    }
    return { type: event.type, schemaVersion, data: data as TData };
  }

  /** Merges other registries (one per context) into this one. */
  include(...others: UpcasterRegistry[]): this {
    for (const other of others) {
      for (const [type, version] of other.current) this.current.set(type, Math.max(this.currentVersion(type), version));
      for (const [type, byVersion] of other.steps) {
        for (const [from, step] of byVersion) {
          if (this.steps.get(type)?.has(from)) throw new Error(`${type}: a step from v${from} is registered twice`);
          const mine = this.steps.get(type) ?? new Map<number, UpcastStep>();
          mine.set(from, step);
          this.steps.set(type, mine);
        }
      }
    }
    return this;
  }
}
