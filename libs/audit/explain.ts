import type { EventStore, RecordedEvent } from '@ledger/event-store';
import type { DecisionRecord, IsoDate } from '@ledger/kernel';
import type { PolicyView } from '@ledger/policy';
import type { PostgresAuditLog } from './postgres-audit-log';

export interface EventRef {
  eventId: string;
  streamName: string;
  streamRevision: number;
  type: string;
  recordedAt: string;
  effectiveOn: string | null;
  actor: { department: string; principal: string };
}

export interface DecisionExplanation {
  event: EventRef & { globalPosition: number; leafIndex: number };
  packId: string;
  packVersion: string;
  jurisdiction: string;
  decidedOn: string;
  provisional: boolean;
  /** Each rule as the decision applied it: id, clause (short name §), quote, status, version. */
  rules: DecisionRecord['rules'];
  inputs: Record<string, unknown>;
  /** The stream's events the decision folded (its state), oldest first. */
  state: EventRef[];
  /**
   * The subject's other streams and the revision each had reached when the decision was
   * appended: the facts among its inputs were read from these, at or below that revision.
   */
  factSources: { streamName: string; revision: number }[];
  /** The events that caused this one (metadata.causationId), nearest first. */
  causation: EventRef[];
  /** Each applied rule in the deployment's pack today: the same version, another one, or none. */
  todaysPack: {
    packId: string;
    packVersion: string;
    rules: { ruleId: string; change: 'same' | 'new-version' | 'gone'; effectiveFrom: string | null; source: string | null; quote: string | null }[];
  };
}

function ref(e: RecordedEvent): EventRef {
  return {
    eventId: e.eventId,
    streamName: e.streamName,
    streamRevision: e.streamRevision,
    type: e.type,
    recordedAt: e.recordedAt,
    effectiveOn: e.metadata.effectiveOn ?? null,
    actor: e.metadata.actor,
  };
}

/** An event found through the verifiable log (so one not yet in the log is not found), read from `store`. */
export async function eventById(store: EventStore, log: PostgresAuditLog, eventId: string): Promise<{ event: RecordedEvent; leafIndex: number } | undefined> {
  const leaf = await log.leafOf(eventId);
  if (!leaf) return undefined;
  const [event] = await store.readStream(leaf.streamName, { fromRevision: leaf.streamRevision, maxCount: 1 });
  return event && event.eventId === eventId ? { event, leafIndex: leaf.leafIndex } : undefined;
}

/**
 * Why the ledger decided what an event records (issue 10): the pack and rules it carries, the
 * inputs it saw, the state it folded and the streams its facts came from, what caused it, and
 * how today's pack differs rule by rule. Found through the verifiable log, so an event not yet
 * in the log is not explained yet. `undefined`: no such event; 'not-a-decision': it records none.
 */
export async function explainDecision(options: {
  store: EventStore;
  log: PostgresAuditLog;
  eventId: string;
  /** The streams about the decision's subject (by the catalog), the event's own among them or not. */
  subjectStreams: (streamName: string) => string[];
  policy: PolicyView;
  today: IsoDate;
}): Promise<DecisionExplanation | 'not-a-decision' | undefined> {
  const found = await eventById(options.store, options.log, options.eventId);
  if (!found) return undefined;
  const { event, leafIndex } = found;
  const decision = (event.data as { decision?: DecisionRecord }).decision;
  if (!decision || typeof decision !== 'object' || !Array.isArray(decision.rules)) return 'not-a-decision';

  const state = (await options.store.readStream(event.streamName, { maxCount: event.streamRevision })).map(ref);
  const others = options.subjectStreams(event.streamName).filter((s) => s !== event.streamName);
  const { rows } = await options.log.pool.query<{ stream_name: string; revision: string }>(
    `SELECT stream_name, max(stream_revision) AS revision FROM audit_log.leaves
      WHERE stream_name = ANY($1) AND global_position < $2 GROUP BY stream_name ORDER BY stream_name`,
    [others, event.globalPosition],
  );
  const causation: EventRef[] = [];
  const seen = new Set([event.eventId]);
  for (let cause = event.metadata.causationId; typeof cause === 'string' && !seen.has(cause) && causation.length < 20; ) {
    seen.add(cause);
    const c = await eventById(options.store, options.log, cause);
    if (!c) break;
    causation.push(ref(c.event));
    cause = c.event.metadata.causationId;
  }
  return {
    event: { ...ref(event), globalPosition: event.globalPosition, leafIndex },
    packId: decision.packId,
    packVersion: decision.packVersion,
    jurisdiction: decision.jurisdiction,
    decidedOn: decision.decidedOn,
    provisional: decision.provisional,
    rules: decision.rules,
    inputs: decision.inputs,
    state,
    factSources: rows.map((r) => ({ streamName: r.stream_name, revision: Number(r.revision) })),
    causation,
    todaysPack: {
      packId: options.policy.packId,
      packVersion: options.policy.packVersion,
      rules: decision.rules.map((applied) => {
        const now = options.policy.find(applied.ruleId, options.today);
        const change = !now ? 'gone' : now.effectiveFrom === applied.effectiveFrom && now.quote === applied.quote && now.source === applied.source ? 'same' : 'new-version';
        return { ruleId: applied.ruleId, change, effectiveFrom: now?.effectiveFrom ?? null, source: now?.source ?? null, quote: now?.quote ?? null };
      }),
    },
  };
}
