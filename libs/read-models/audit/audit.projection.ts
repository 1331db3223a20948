import type { DecisionRecord } from '@ledger/kernel';
import type { RecordedEvent } from '@ledger/event-store';
import { RowSet, type Projection, type ProjectionDb, type TableSpec } from '@ledger/projections';
import { domainEventOf } from '../shared';

/**
 * The auditors' read model (docs/architecture.md principle 8): every decision event, with the pack, the
 * clauses it applied and the inputs it saw, on both clocks; and rule by rule, which decisions
 * used it. Fed by every stream: any event whose data carries a `decision`.
 */
export const auditProjection: Projection = {
  name: 'audit',
  version: 1,
  eventTypes: ['*'],
  createTables: (s) => `
    CREATE TABLE ${s}.decisions (
      event_id uuid PRIMARY KEY,
      stream_name text NOT NULL,
      stream_revision bigint NOT NULL,
      global_position bigint NOT NULL UNIQUE,
      event_type text NOT NULL,
      recorded_at timestamptz NOT NULL,
      effective_on date,
      decided_on date NOT NULL,
      pack_id text NOT NULL,
      pack_version text NOT NULL,
      jurisdiction text NOT NULL,
      provisional boolean NOT NULL,
      rules jsonb NOT NULL,
      inputs jsonb NOT NULL,
      actor_department text NOT NULL,
      actor_principal text NOT NULL,
      correlation_id text,
      UNIQUE (stream_name, stream_revision)
    );
    CREATE INDEX ON ${s}.decisions (decided_on);
    CREATE INDEX ON ${s}.decisions (pack_id, pack_version);
    CREATE TABLE ${s}.rules_applied (
      event_id uuid NOT NULL REFERENCES ${s}.decisions (event_id),
      rule_id text NOT NULL,
      source text NOT NULL,
      status text NOT NULL,
      global_position bigint NOT NULL,
      PRIMARY KEY (event_id, rule_id)
    );
    CREATE INDEX ON ${s}.rules_applied (rule_id, global_position);`,
  async apply(db, s, recorded) {
    const raw = recorded.data as { decision?: unknown };
    if (!raw || typeof raw !== 'object' || !raw.decision) return;
    const decision = domainEventOf<{ decision: DecisionRecord }>(recorded).data.decision;
    await db.query(
      `INSERT INTO ${s}.decisions (event_id, stream_name, stream_revision, global_position, event_type, recorded_at, effective_on,
         decided_on, pack_id, pack_version, jurisdiction, provisional, rules, inputs, actor_department, actor_principal, correlation_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
      [
        recorded.eventId,
        recorded.streamName,
        recorded.streamRevision,
        recorded.globalPosition,
        recorded.type,
        recorded.recordedAt,
        recorded.metadata.effectiveOn ?? null,
        decision.decidedOn,
        decision.packId,
        decision.packVersion,
        decision.jurisdiction,
        decision.provisional,
        JSON.stringify(decision.rules),
        JSON.stringify(decision.inputs ?? {}),
        recorded.metadata.actor.department,
        recorded.metadata.actor.principal,
        recorded.metadata.correlationId ?? null,
      ],
    );
    // A rule named twice in one decision (two versions, say) is one row: "which decisions used rule X".
    await db.query(
      `INSERT INTO ${s}.rules_applied (event_id, rule_id, source, status, global_position)
       SELECT $1, r->>'ruleId', r->>'source', r->>'status', $2 FROM jsonb_array_elements($3::jsonb) AS r
       ON CONFLICT (event_id, rule_id) DO NOTHING`,
      [recorded.eventId, recorded.globalPosition, JSON.stringify(decision.rules)],
    );
  },
  applyBatch: (db, s, events) => applyAuditBatch(db, s, events),
};

// ——— Set-based (issue 13): insert-only, one multi-row statement per table per batch ———

const TABLES: TableSpec[] = [
  { name: 'decisions', key: ['event_id'] },
  { name: 'rules_applied', key: ['event_id', 'rule_id'] },
];

async function applyAuditBatch(db: ProjectionDb, s: string, events: readonly RecordedEvent[]): Promise<void> {
  const rows = new RowSet(db, s, TABLES);
  for (const recorded of events) {
    const raw = recorded.data as { decision?: unknown };
    if (!raw || typeof raw !== 'object' || !raw.decision) continue;
    const decision = domainEventOf<{ decision: DecisionRecord }>(recorded).data.decision;
    rows.put('decisions', {
      event_id: recorded.eventId,
      stream_name: recorded.streamName,
      stream_revision: recorded.streamRevision,
      global_position: recorded.globalPosition,
      event_type: recorded.type,
      recorded_at: recorded.recordedAt,
      effective_on: recorded.metadata.effectiveOn ?? null,
      decided_on: decision.decidedOn,
      pack_id: decision.packId,
      pack_version: decision.packVersion,
      jurisdiction: decision.jurisdiction,
      provisional: decision.provisional,
      rules: decision.rules,
      inputs: decision.inputs ?? {},
      actor_department: recorded.metadata.actor.department,
      actor_principal: recorded.metadata.actor.principal,
      correlation_id: recorded.metadata.correlationId ?? null,
    });
    // A rule named twice in one decision (two versions, say) is one row, the first.
    for (const r of decision.rules as unknown as Record<string, unknown>[]) {
      if (rows.get('rules_applied', [recorded.eventId, r.ruleId])) continue;
      rows.put('rules_applied', {
        event_id: recorded.eventId,
        rule_id: r.ruleId ?? null,
        source: r.source ?? null,
        status: r.status ?? null,
        global_position: recorded.globalPosition,
      });
    }
  }
  await rows.flush();
}
