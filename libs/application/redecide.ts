import canonicalize from 'canonicalize';
import type { EventStore, RecordedEvent } from '@ledger/event-store';
import { isRefusal } from '@ledger/kernel';
import type { AppliedRule, DecisionRecord, IsoDate } from '@ledger/kernel';
import { loadPack, policyDirs, PolicyView, type PolicyPack, type ResolvedRule } from '@ledger/policy';
import { COMMAND_SPECS } from './catalog';
import { hasDecision, mergeContext, withoutUndefined, type CommandEnvelope, type RecordedCommand } from './execute-command';
import { StreamStates, toDomainEvent } from './stream-states';

/**
 * A pack whose every rule is looked up on one date, whatever date the decider asks for: "today's
 * pack" is the deployment's pack as in force today, applied to the case as it stood when it was
 * decided (the decision's own `today`, streams and command).
 */
export class PolicyViewOn extends PolicyView {
  constructor(
    pack: PolicyPack,
    readonly on: IsoDate,
  ) {
    super(pack);
  }

  override find<P = Record<string, unknown>>(ruleId: string, _on: IsoDate): ResolvedRule<P> | undefined {
    return super.find<P>(ruleId, this.on);
  }
}

/** One value that differs between the events recorded and those decided again, by JSON path. */
export interface Difference {
  /** e.g. `events[0].data.decision.rules[0].quote`; `events` when their number differs. */
  path: string;
  recorded: unknown;
  redecided: unknown;
}

/** A refusal as the re-decision gave it: the rule and clause that refused. */
export interface RedecidedRefusal {
  code: string;
  ruleId: string;
  source: string;
  quote: string;
  detail: string;
  packId: string;
  packVersion: string;
  eligibleFrom: string | null;
}

/** One run of the decider: under the decision's own pack version, or under today's pack. */
export interface RedecisionRun {
  packId: string;
  packVersion: string;
  /** The date the run looked its rules up on. */
  rulesOn: IsoDate;
  /**
   * `same`: the very events recorded; `different`: other events (see `differences`);
   * `refused`: a refusal instead of events; `failed`: the decider threw (`error`);
   * `not-run`: it could not be run (`reason`).
   */
  outcome: 'same' | 'different' | 'refused' | 'failed' | 'not-run';
  differences: Difference[];
  refusal: RedecidedRefusal | null;
  error: string | null;
  reason: string | null;
}

/** How one applied rule stands in today's pack against the version the decision applied. */
export interface RuleChange {
  ruleId: string;
  /** `same`, `changed` (another version, clause, quote or parameters), `gone` (none in force today), `added` (applied only today). */
  change: 'same' | 'changed' | 'gone' | 'added';
  /** The fields that differ: `effectiveFrom`, `source`, `quote`, `status`, `params.<name>`. */
  fields: Difference[];
  then: RuleVersion | null;
  today: RuleVersion | null;
}

export interface RuleVersion {
  source: string;
  quote: string;
  status: string;
  effectiveFrom: string;
  params: Record<string, unknown>;
}

export interface Redecision {
  event: { eventId: string; streamName: string; streamRevision: number; type: string; globalPosition: number };
  decision: { packId: string; packVersion: string; decidedOn: string; rules: AppliedRule[] };
  /** The command kept with the decision, the day it was decided on and the streams it read (revision each). */
  command: { type: string; today: string; read: Record<string, number>; batch: { index: number; size: number } } | null;
  /** `reproduced`: its own pack gives the same events; `defect`: it does not; `not-replayable`: see `ownPack.reason`. */
  verdict: 'reproduced' | 'defect' | 'not-replayable';
  ownPack: RedecisionRun;
  todaysPack: RedecisionRun & { rules: RuleChange[] };
}

const key = (value: unknown) => canonicalize(value ?? null) ?? 'null';

/** The JSON paths at which two JSON values differ (arrays by index, objects by key). */
export function jsonDifferences(recorded: unknown, redecided: unknown, path = ''): Difference[] {
  if (key(recorded) === key(redecided)) return [];
  const bothArrays = Array.isArray(recorded) && Array.isArray(redecided);
  const bothObjects =
    !bothArrays &&
    typeof recorded === 'object' && recorded !== null && !Array.isArray(recorded) &&
    typeof redecided === 'object' && redecided !== null && !Array.isArray(redecided);
  if (bothArrays) {
    const a = recorded as unknown[];
    const b = redecided as unknown[];
    if (a.length !== b.length) return [{ path: path || '$', recorded, redecided }];
    return a.flatMap((x, i) => jsonDifferences(x, b[i], `${path}[${i}]`));
  }
  if (bothObjects) {
    const a = recorded as Record<string, unknown>;
    const b = redecided as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => jsonDifferences(a[k], b[k], path ? `${path}.${k}` : k));
  }
  return [{ path: path || '$', recorded: recorded ?? null, redecided: redecided ?? null }];
}

/** An event as the decider gives it and as it is compared: type, data, effective date. */
type Comparable = { type: string; data: unknown; effectiveOn: string | null };

function comparable(event: { type: string; data: unknown; effectiveOn?: string }): Comparable {
  return { type: event.type, data: withoutUndefined(event.data), effectiveOn: event.effectiveOn ?? null };
}

function refusalView(r: { code: string; ruleId: string; source: string; quote: string; detail: string; packId: string; packVersion: string; eligibleFrom?: string }): RedecidedRefusal {
  return { code: r.code, ruleId: r.ruleId, source: r.source, quote: r.quote, detail: r.detail, packId: r.packId, packVersion: r.packVersion, eligibleFrom: r.eligibleFrom ?? null };
}

function notRun(view: { packId: string; packVersion: string }, rulesOn: IsoDate, reason: string): RedecisionRun {
  return { packId: view.packId, packVersion: view.packVersion, rulesOn, outcome: 'not-run', differences: [], refusal: null, error: null, reason };
}

/**
 * The decision's inputs as they stood: the command it kept, its own stream up to the revision
 * before its first event, every other stream it read at the revision it recorded (any stream
 * it did not record, below its global position), decided by the pure decider under `policy`.
 */
async function runOnce(
  store: EventStore,
  event: RecordedEvent,
  command: RecordedCommand,
  policy: PolicyView,
  rulesOn: IsoDate,
  recorded: Comparable[],
): Promise<RedecisionRun & { decided: Comparable[] }> {
  const base = { packId: policy.packId, packVersion: policy.packVersion, rulesOn, differences: [], refusal: null, error: null, reason: null };
  const spec = COMMAND_SPECS.get(command.type);
  if (!spec) return { ...notRun(policy, rulesOn, `the ledger no longer has a command ${command.type}`), decided: [] };
  const first = event.streamRevision - command.batch.index;
  const states = new StreamStates(store, {
    revisions: { ...command.read, [event.streamName]: first - 1 },
    beforePosition: event.globalPosition,
  });
  const subjectId = event.streamName.slice(spec.category.length + 1);
  const envelope: CommandEnvelope = {
    command: { type: command.type, data: command.data },
    subjectId,
    actor: event.metadata.actor,
    ...(command.attested ? { attested: command.attested } : {}),
  };
  try {
    const loaded = await states.load(event.streamName, spec.decider as never);
    const derived = spec.facts ? await spec.facts(envelope, states, command.today) : {};
    const context = mergeContext({ today: command.today, policy }, derived, command.attested ?? {});
    const decided = spec.decider.decide(envelope.command as never, loaded.state, context as never);
    if (isRefusal(decided)) return { ...base, outcome: 'refused', refusal: refusalView(decided), decided: [] };
    const events = decided.map(comparable);
    const differences =
      events.length === recorded.length
        ? events.flatMap((e, i) => jsonDifferences(recorded[i], e, `events[${i}]`))
        : [{ path: 'events', recorded: recorded.map((e) => e.type), redecided: events.map((e) => e.type) }];
    return { ...base, outcome: differences.length ? 'different' : 'same', differences, decided: events };
  } catch (error) {
    return { ...base, outcome: 'failed', error: (error as Error).message, decided: [] };
  }
}

function ruleVersion(rule: ResolvedRule | undefined): RuleVersion | null {
  return rule ? { source: rule.source, quote: rule.quote, status: rule.status, effectiveFrom: rule.effectiveFrom, params: rule.params } : null;
}

/** Each rule the decision applied, and each rule today's run applied, then and today. */
function ruleChanges(decision: DecisionRecord, own: PolicyView | undefined, todays: PolicyViewOn, decidedToday: Comparable[]): RuleChange[] {
  const appliedToday = decidedToday.flatMap((e) => ((e.data as { decision?: DecisionRecord }).decision?.rules ?? []).map((r) => r.ruleId));
  const ids = [...new Set([...decision.rules.map((r) => r.ruleId), ...appliedToday])];
  return ids.map((ruleId) => {
    const recorded = decision.rules.find((r) => r.ruleId === ruleId);
    const then = recorded
      ? (ruleVersion(own?.find(ruleId, decision.decidedOn)) ?? { source: recorded.source, quote: recorded.quote, status: recorded.status, effectiveFrom: recorded.effectiveFrom, params: {} })
      : null;
    const today = ruleVersion(todays.find(ruleId, todays.on));
    if (!then) return { ruleId, change: 'added', fields: [], then, today };
    if (!today) return { ruleId, change: 'gone', fields: [], then, today };
    const fields = jsonDifferences(then, today);
    return { ruleId, change: fields.length ? 'changed' : 'same', fields, then, today };
  });
}

/**
 * Decides a past decision again (issue 10): under its own pack version it must give the very
 * events recorded (any difference is a defect, named field by field); under today's pack it
 * says what would change and which rule and clause change it. `'not-a-decision'`: the event
 * records no decision.
 */
export async function redecide(options: {
  /** The store commands read (decrypting personal fields, as the decision saw them). */
  store: EventStore;
  event: RecordedEvent;
  /** A pack by id and version, as the ledger can load it; undefined when that version is not available. */
  packAt: (packId: string, packVersion: string) => PolicyView | undefined | Promise<PolicyView | undefined>;
  /** The deployment's pack today, and today's date. */
  policy: PolicyView;
  today: IsoDate;
}): Promise<Redecision | 'not-a-decision'> {
  const { event, store } = options;
  if (!hasDecision(event.data)) return 'not-a-decision';
  const decision = (event.data as unknown as { decision: DecisionRecord }).decision;
  const command = event.metadata.command as unknown as RecordedCommand | undefined;
  const todays = new PolicyViewOn(options.policy.pack, options.today);
  const own = await options.packAt(decision.packId, decision.packVersion);
  const head = {
    event: { eventId: event.eventId, streamName: event.streamName, streamRevision: event.streamRevision, type: event.type, globalPosition: event.globalPosition },
    decision: { packId: decision.packId, packVersion: decision.packVersion, decidedOn: decision.decidedOn, rules: decision.rules },
    command: command ? { type: command.type, today: command.today, read: command.read, batch: command.batch } : null,
  };
  const unavailable = (reason: string): Redecision => ({
    ...head,
    verdict: 'not-replayable',
    ownPack: notRun(decision, decision.decidedOn, reason),
    todaysPack: { ...notRun(todays, options.today, reason), rules: ruleChanges(decision, own, todays, []) },
  });
  if (!command || typeof command !== 'object' || !command.batch) {
    return unavailable('the event keeps no command (appended before decisions kept theirs, or not through a command)');
  }
  if (!own) return unavailable(`pack ${decision.packId} version ${decision.packVersion} is not available to this ledger`);

  const first = event.streamRevision - command.batch.index;
  const recorded = (await store.readStream(event.streamName, { fromRevision: first, maxCount: command.batch.size })).map((e) => comparable(toDomainEvent(e)));
  const ownRun = await runOnce(store, event, command, own, command.today, recorded);
  const todayRun = await runOnce(store, event, command, todays, options.today, recorded);
  const { decided: decidedToday, ...todaysPack } = todayRun;
  const { decided: _ownEvents, ...ownPack } = ownRun;
  return {
    ...head,
    verdict: ownRun.outcome === 'same' ? 'reproduced' : 'defect',
    ownPack,
    todaysPack: { ...todaysPack, rules: ruleChanges(decision, own, todays, decidedToday) },
  };
}

/**
 * The packs a re-decision can run under: the deployment's own, any other pack the ledger can
 * load (LEDGER_POLICY_DIR, then the built-in packs) at the version it has now, and every version
 * the pack archive kept when a process decided under it (docs/audit.md, "Pack archive"). A
 * decision recorded under a version found in none of them is not replayable here.
 */
export function packsAvailable(
  policy: PolicyView,
  options: {
    load?: (packId: string) => PolicyPack;
    archive?: { get(packId: string, packVersion: string): Promise<PolicyView | undefined> };
  } = {},
) {
  const load = options.load ?? ((id: string) => loadPack(id, { dirs: policyDirs() }));
  const loaded = new Map<string, PolicyView | null>([[policy.packId, policy]]);
  return async (packId: string, packVersion: string): Promise<PolicyView | undefined> => {
    if (!loaded.has(packId)) {
      try {
        loaded.set(packId, new PolicyView(load(packId)));
      } catch {
        loaded.set(packId, null);
      }
    }
    const view = loaded.get(packId);
    if (view && view.packVersion === packVersion) return view;
    return options.archive?.get(packId, packVersion);
  };
}
