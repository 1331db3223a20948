import { createHash, randomUUID } from 'node:crypto';
import canonicalize from 'canonicalize';
import { v5 as uuidv5 } from 'uuid';
import type { Actor, EventStore, EventToAppend } from '@ledger/event-store';
import { DuplicateEventId, inSpan, traceMetadata, WrongExpectedVersion } from '@ledger/event-store';
import { isRefusal } from '@ledger/kernel';
import type { AppliedRule, Decider, DomainEvent, IsoDate } from '@ledger/kernel';
import type { PolicyView } from '@ledger/policy';
import { DecisionRefused, IdempotencyKeyReused, InvalidCommand, PreconditionFailed } from './errors';
import { guardCommandInput } from './input-guard';
import { StreamStates } from './stream-states';
import { EVENT_UPCASTERS } from './upcasters';

/** Event ids derived from a seed are stable across retries and replays (docs/architecture.md principles 3, 6). */
const LEDGER_NAMESPACE = '5b0c8e1e-4f0a-5d7e-9a51-6c1f3e2d7b90';

export function derivedEventId(streamName: string, seed: string, index: number): string {
  return uuidv5(`${streamName}|${seed}|${index}`, LEDGER_NAMESPACE);
}

/** A command with who sent it and how it may be retried. */
export interface CommandEnvelope<C = { type: string; data: unknown }> {
  command: C;
  /** The worker, child or employer whose stream the command is for. */
  subjectId: string;
  actor: Actor;
  /** Same key, same events: a retried request appends nothing new. */
  idempotencyKey?: string;
  /**
   * Who owns the key (the HTTP credential's id): event ids derive from scope and key, so two
   * credentials that happen to pick the same key never collide into one another's command.
   */
  idempotencyScope?: string;
  /** The client's If-Match: the revision it read; a moved stream is a 412, not a retry. */
  ifMatch?: number;
  correlationId?: string;
  causationId?: string;
  /** Facts the acting department attests (a labour relation, staff count), merged into the context. */
  attested?: Record<string, unknown>;
}

/** The seed of a command's event ids: its key within its scope (issue 16). */
export function idempotencySeed(key: string, scope?: string): string {
  return scope === undefined ? key : `${scope}|${key}`;
}

/** SHA-256 of the command as decided (type and canonical data), stored with its events. */
export function commandDigest(command: unknown): string {
  return createHash('sha256').update(canonicalize(command ?? null) ?? '').digest('hex');
}

export interface CommandOutcome {
  streamName: string;
  /** The stream's revision after the command (-1 when nothing was ever written). */
  revision: number;
  position: number;
  replayed: boolean;
  events: { eventId: string; type: string }[];
  /** The rules the appended decisions applied (each once, in order): the 201 says which rule decided. */
  rules: AppliedRule[];
  /** True when any of those rules is illustrative (示例参数): its numbers are not the city's. */
  illustrative: boolean;
}

/** The rules the decision records of `events` applied, each once, and whether any is illustrative. */
export function appliedRules(events: { data: unknown }[]): Pick<CommandOutcome, 'rules' | 'illustrative'> {
  const rules = new Map<string, AppliedRule>();
  for (const event of events) {
    const decision = (event.data as { decision?: { rules?: AppliedRule[] } } | null)?.decision;
    for (const rule of decision?.rules ?? []) if (!rules.has(rule.ruleId)) rules.set(rule.ruleId, rule);
  }
  const list = [...rules.values()];
  return { rules: list, illustrative: list.some((r) => r.status === 'illustrative') };
}

/**
 * What a decision event records of the command it was decided from (metadata.command): with the
 * streams at these revisions, the pack its decision record names and `today`, the pure decider
 * gives the same events again (docs/audit.md, re-decide).
 */
export interface RecordedCommand {
  type: string;
  data: unknown;
  /** Facts the acting department attested, merged into the context. */
  attested?: Record<string, unknown>;
  /** The day decided on: the context's `today`. */
  today: IsoDate;
  /** Each stream the decision read (its own among them) and the revision it had reached; -1 empty. */
  read: Record<string, number>;
  /** This event's place among the events the command appended, and how many there were. */
  batch: { index: number; size: number };
}

export function hasDecision(data: unknown): boolean {
  const decision = (data as { decision?: { rules?: unknown } } | null)?.decision;
  return typeof decision === 'object' && decision !== null && Array.isArray(decision.rules);
}

function recordedCommand(envelope: CommandEnvelope, today: IsoDate, read: Record<string, number>, index: number, size: number): RecordedCommand {
  return {
    type: envelope.command.type,
    data: envelope.command.data,
    ...(envelope.attested ? { attested: envelope.attested } : {}),
    today,
    read,
    batch: { index, size },
  };
}

/** How one command type is executed: which stream, which decider, which facts from other streams. */
export interface CommandSpec {
  category: string;
  decider: Decider<never, DomainEvent, unknown, never>;
  /** Reads other streams for what the decision needs; the decision records them as inputs. */
  facts?: (envelope: CommandEnvelope, states: StreamStates, today: IsoDate) => Promise<Record<string, unknown>>;
}

export interface ExecuteDeps {
  store: EventStore;
  policy: PolicyView;
  today: () => IsoDate;
}

/**
 * Re-decisions after a concurrent writer moved the stream, each after a random pause that grows
 * with the attempt ("full jitter"), so writers that collided do not collide again in step. With
 * 32 writers at once on one stream, 5 attempts without a pause left two in three with a 409
 * (issue 16); see test/api/contention.spec.ts for the figures now.
 */
const MAX_ATTEMPTS = 8;
const backoff = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 5 * 2 ** attempt)));

/**
 * Domain types write optional fields as `undefined`; the store refuses what is not JSON, so an
 * undefined field is dropped here (absent, as JSON.stringify would), in one place.
 */
export function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => withoutUndefined(v)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = withoutUndefined(v);
    return out as T;
  }
  return value;
}

/**
 * The deciders throw RangeError for a value outside its domain (a month 13): the caller's
 * InvalidCommand. Every other expected error (registering twice, a seat before eligibility)
 * already is a DomainError of its context (libs/kernel/errors.ts) and passes as it is.
 */
function translateDomainError(error: unknown): unknown {
  if (error instanceof RangeError) return new InvalidCommand(error.message);
  return error;
}

export function mergeContext(base: Record<string, unknown>, ...parts: Record<string, unknown>[]): Record<string, unknown> {
  const out = { ...base };
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      const existing = out[key];
      out[key] =
        key === 'facts' && typeof existing === 'object' && existing && typeof value === 'object' && value
          ? { ...(existing as object), ...(value as object) }
          : value;
    }
  }
  return out;
}

/**
 * Load the stream, fold it, decide, append at the revision it was decided on (docs/style.md, one
 * command end to end). Another writer in between: re-load and decide again, a few times,
 * unless the client pinned the revision with If-Match (then 412). The load is skipped when this
 * process holds the stream's last fold (or has never seen the stream, taken as new) and the
 * decision on it is accepted: the append at that revision is the check (issue 13).
 */
export async function executeCommand(deps: ExecuteDeps, spec: CommandSpec, envelope: CommandEnvelope): Promise<CommandOutcome> {
  const streamName = `${spec.category}-${envelope.subjectId}`;
  return oneAtATime(streamName, () => decideAndAppend(deps, spec, envelope, streamName));
}

/**
 * The state each stream was last decided on or appended to in this process, and its revision:
 * a command starts from it and the append's expected revision checks it (a stream moved by
 * another process or a failure drops it). Bounded: the oldest entries go first.
 */
class FoldCache {
  private readonly entries = new Map<string, { state: unknown; revision: number }>();
  constructor(private readonly max: number) {}
  get(stream: string): { state: unknown; revision: number } | undefined {
    const entry = this.entries.get(stream);
    if (entry) {
      this.entries.delete(stream);
      this.entries.set(stream, entry);
    }
    return entry;
  }
  set(stream: string, entry: { state: unknown; revision: number }): void {
    this.entries.delete(stream);
    this.entries.set(stream, entry);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }
  delete(stream: string): void {
    this.entries.delete(stream);
  }
}
const FOLDS = new FoldCache(10_000);

/** The state after `decided`, as a fold of the same events read back would give it. */
function evolveAll(decider: CommandSpec['decider'], state: unknown, decided: DomainEvent[]): unknown {
  let next = state as never;
  for (const event of decided) {
    const domain = { type: event.type, data: withoutUndefined(event.data), ...(event.effectiveOn ? { effectiveOn: event.effectiveOn } : {}) };
    next = decider.evolve(next, domain as never) as never;
  }
  return next;
}

/** The last command queued on each stream in this process; an entry goes when its queue empties. */
const tails = new Map<string, Promise<unknown>>();

/**
 * Commands on one stream in this process run one after another instead of racing to append:
 * 32 writers at once on one stream otherwise lose to one another until their re-decisions run
 * out (issue 16). Writers in other processes still meet at the append, which the re-decisions
 * and the 409 with Retry-After cover. A promise chain of a few lines, not a lock library.
 */
async function oneAtATime<T>(key: string, run: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  const current = previous.then(run);
  const tail = current.then(
    () => undefined,
    () => undefined,
  );
  tails.set(key, tail);
  try {
    return await current;
  } finally {
    if (tails.get(key) === tail) tails.delete(key);
  }
}

async function decideAndAppend(
  deps: ExecuteDeps,
  spec: CommandSpec,
  envelope: CommandEnvelope,
  streamName: string,
): Promise<CommandOutcome> {
  const states = new StreamStates(deps.store);
  const correlationId = envelope.correlationId ?? randomUUID();
  // Before anything is read: text in NFC with nothing hidden in it, names in one script, and no
  // fact dated after today (docs/input.md). A refusal here is a 400 and appends nothing.
  const inputDay = deps.today();
  envelope = {
    ...envelope,
    command: { ...envelope.command, data: guardCommandInput(envelope.command.data, inputDay) },
    ...(envelope.attested ? { attested: guardCommandInput(envelope.attested, inputDay, 'attested') } : {}),
  };
  const seed = envelope.idempotencyKey === undefined ? undefined : idempotencySeed(envelope.idempotencyKey, envelope.idempotencyScope);
  const digest = commandDigest({ command: envelope.command, attested: envelope.attested ?? null });
  // What each stream read was at (sorted, so the record is canonical), for re-decision.
  const readsSoFar = (): Record<string, number> =>
    Object.fromEntries([...states.reads].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const eventsOf = (decided: DomainEvent[], reads: Record<string, number>): EventToAppend<unknown>[] =>
    decided.map((event, i) => ({
      eventId: seed ? derivedEventId(streamName, seed, i) : randomUUID(),
      type: event.type,
      schemaVersion: EVENT_UPCASTERS.currentVersion(event.type),
      data: withoutUndefined(event.data),
      metadata: {
        actor: envelope.actor,
        correlationId,
        causationId: envelope.causationId ?? null,
        ...(event.effectiveOn ? { effectiveOn: event.effectiveOn } : {}),
        ...(seed ? { idempotencyKey: createHash('sha256').update(seed).digest('hex').slice(0, 16), commandDigest: digest } : {}),
        // A decision keeps what it was decided from, so an auditor can decide it again (docs/audit.md).
        ...(hasDecision(event.data) ? { command: withoutUndefined(recordedCommand(envelope, inputDay, reads, i, decided.length)) } : {}),
        // The append's span: a projection's or process manager's span takes it as its parent
        // (libs/event-store/trace-context.ts); nothing when tracing is off.
        ...traceMetadata(),
      },
    }));

  // First, without reading the stream: decide on the fold this process kept (or, for a stream it
  // has not seen, on a new stream's), and let the append's revision check say whether that was
  // still the stream. Only an accepted append ends here; a refusal, an empty decision, a moved
  // stream or a stored event id goes the whole way below, from the store (issue 13).
  const guess = FOLDS.get(streamName) ?? { state: spec.decider.initialState, revision: -1 };
  if (envelope.ifMatch === undefined || envelope.ifMatch === guess.revision) {
    const derived = spec.facts ? await spec.facts(envelope, states, inputDay) : {};
    const context = mergeContext({ today: inputDay, policy: deps.policy }, derived, envelope.attested ?? {});
    let decided: ReturnType<typeof spec.decider.decide> | undefined;
    try {
      decided = spec.decider.decide(envelope.command as never, guess.state as never, context as never);
    } catch {
      decided = undefined; // decided again below, on the stream as stored
    }
    if (decided && !isRefusal(decided) && decided.length > 0) {
      states.reads.set(streamName, guess.revision); // the revision the append checks is the one read
      const reads = readsSoFar();
      const attributes = { 'ledger.stream': streamName, 'ledger.command': envelope.command.type, 'ledger.attempt': 0 };
      const { events, result } = await inSpan('event-store append', { attributes }, async (span) => {
        const events = eventsOf(decided, reads);
        const result = await deps.store
          .appendToStream(streamName, events, { expectedRevision: guess.revision === -1 ? 'no_stream' : guess.revision })
          .catch((error: unknown) => {
            FOLDS.delete(streamName);
            if (error instanceof WrongExpectedVersion || error instanceof DuplicateEventId) return undefined;
            throw error;
          });
        if (result) span.setAttributes({ 'ledger.revision': result.nextExpectedRevision, 'ledger.position': result.position });
        return { events, result };
      });
      if (result) {
        if (result.replayed) FOLDS.delete(streamName);
        else FOLDS.set(streamName, { state: evolveAll(spec.decider, guess.state, decided), revision: result.nextExpectedRevision });
        return {
          streamName,
          revision: result.nextExpectedRevision,
          position: result.position,
          replayed: result.replayed,
          events: events.map((e) => ({ eventId: e.eventId, type: e.type })),
          ...appliedRules(events),
        };
      }
    }
  }

  for (let attempt = 1; ; attempt++) {
    states.reads.clear();
    const loaded = await states.load(streamName, spec.decider as never);
    FOLDS.set(streamName, { state: loaded.state, revision: loaded.revision });
    if (seed) {
      // A retry of a command already applied: answer as the first time, without deciding again
      // (the state has moved on, and deciding now might refuse what was once accepted).
      const byId = new Map(loaded.events.map((e) => [e.eventId, e]));
      const batch = [];
      for (let k = 0; byId.has(derivedEventId(streamName, seed, k)); k++) {
        batch.push(byId.get(derivedEventId(streamName, seed, k))!);
      }
      const last = batch[batch.length - 1];
      // The same key with another command is not a retry: 422, never the first command's answer
      // (issue 16). Events stored before the digest was recorded carry none and count as a retry.
      const stored = batch[0]?.metadata.commandDigest;
      if (typeof stored === 'string' && stored !== digest) throw new IdempotencyKeyReused(streamName);
      if (last) {
        return {
          streamName,
          revision: last.streamRevision,
          position: last.globalPosition,
          replayed: true,
          events: batch.map((e) => ({ eventId: e.eventId, type: e.type })),
          ...appliedRules(batch),
        };
      }
    }
    if (envelope.ifMatch !== undefined && envelope.ifMatch !== loaded.revision) {
      throw new PreconditionFailed(streamName, envelope.ifMatch, loaded.revision);
    }
    const today = inputDay; // the day the input was checked against is the day decided on
    const derived = spec.facts ? await spec.facts(envelope, states, today) : {};
    const context = mergeContext({ today, policy: deps.policy }, derived, envelope.attested ?? {});
    let decided;
    try {
      decided = spec.decider.decide(envelope.command as never, loaded.state, context as never);
    } catch (error) {
      throw translateDomainError(error);
    }
    if (isRefusal(decided)) throw new DecisionRefused(decided);
    if (decided.length === 0) {
      return { streamName, revision: loaded.revision, position: 0, replayed: false, events: [], rules: [], illustrative: false };
    }
    const reads = readsSoFar();
    // The append in a span of its own (see eventsOf).
    const attributes = { 'ledger.stream': streamName, 'ledger.command': envelope.command.type, 'ledger.attempt': attempt };
    const appended = await inSpan('event-store append', { attributes }, async (span) => {
      const events = eventsOf(decided, reads);
      try {
        const result = await deps.store.appendToStream(streamName, events, {
          expectedRevision: loaded.revision === -1 ? 'no_stream' : loaded.revision,
        });
        span.setAttributes({ 'ledger.revision': result.nextExpectedRevision, 'ledger.position': result.position });
        if (result.replayed) FOLDS.delete(streamName);
        else FOLDS.set(streamName, { state: evolveAll(spec.decider, loaded.state, decided), revision: result.nextExpectedRevision });
        return {
          streamName,
          revision: result.nextExpectedRevision,
          position: result.position,
          replayed: result.replayed,
          events: events.map((e) => ({ eventId: e.eventId, type: e.type })),
          ...appliedRules(events),
        };
      } catch (error) {
        FOLDS.delete(streamName);
        if (!(error instanceof WrongExpectedVersion)) throw error;
        if (envelope.ifMatch !== undefined) {
          throw new PreconditionFailed(streamName, envelope.ifMatch, typeof error.actual === 'number' ? error.actual : -1);
        }
        if (attempt >= MAX_ATTEMPTS) throw error; // 409 with Retry-After after a few re-decisions
        return undefined;
      }
    });
    if (appended) return appended;
    await backoff(attempt);
  }
}
