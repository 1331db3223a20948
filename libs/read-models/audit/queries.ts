import { counts, CountRow, decodeCursor, encodeCursor, fromJson, Page, PageParams, pageLimit, QueryDb, toPage } from '../shared';

export interface DecisionRow {
  eventId: string;
  streamName: string;
  streamRevision: number;
  globalPosition: number;
  eventType: string;
  recordedAt: string;
  effectiveOn: string | null;
  decidedOn: string;
  packId: string;
  packVersion: string;
  jurisdiction: string;
  provisional: boolean;
  rules: { ruleId: string; source: string; quote: string; status: string; effectiveFrom: string }[];
  inputs: Record<string, unknown>;
  actorDepartment: string;
  actorPrincipal: string;
  correlationId: string | null;
}

/** The decisions of one stream (`residence-permit-w1`), in the stream's order. */
export async function decisionsForStream(db: QueryDb, params: { streamName: string }): Promise<DecisionRow[]> {
  const { rows } = await db.query<{ r: unknown }>(
    `SELECT to_jsonb(d) AS r FROM audit.decisions d WHERE stream_name = $1 ORDER BY stream_revision`,
    [params.streamName],
  );
  return rows.map((r) => fromJson<DecisionRow>(r.r));
}

/**
 * Decisions in the global order, filtered by pack, event type, the day decided, or what the
 * ledger knew by a moment (`recordedBy`, principle 9's "what did the ledger know on D").
 */
export async function listDecisions(
  db: QueryDb,
  params: PageParams & { packId?: string; eventType?: string; decidedFrom?: string; decidedTo?: string; recordedBy?: string; provisional?: boolean },
): Promise<Page<DecisionRow>> {
  const limit = pageLimit(params);
  const after = decodeCursor(params.after, 1) as [number] | null;
  const { rows } = await db.query<{ r: unknown }>(
    `SELECT to_jsonb(d) AS r FROM audit.decisions d
      WHERE ($1::text IS NULL OR pack_id = $1) AND ($2::text IS NULL OR event_type = $2)
        AND ($3::date IS NULL OR decided_on >= $3) AND ($4::date IS NULL OR decided_on <= $4)
        AND ($5::timestamptz IS NULL OR recorded_at <= $5) AND ($6::boolean IS NULL OR provisional = $6)
        AND ($7::bigint IS NULL OR global_position > $7)
      ORDER BY global_position LIMIT $8`,
    [params.packId ?? null, params.eventType ?? null, params.decidedFrom ?? null, params.decidedTo ?? null, params.recordedBy ?? null,
      params.provisional ?? null, after?.[0] ?? null, limit + 1],
  );
  return toPage<DecisionRow>(
    rows.map((r) => r.r),
    limit,
    (x) => encodeCursor([x.globalPosition]),
  );
}

/** "Which decisions used rule X", in the global order. */
export async function decisionsUsingRule(db: QueryDb, params: PageParams & { ruleId: string }): Promise<Page<DecisionRow>> {
  const limit = pageLimit(params);
  const after = decodeCursor(params.after, 1) as [number] | null;
  const { rows } = await db.query<{ r: unknown }>(
    `SELECT to_jsonb(d) AS r FROM audit.rules_applied ra JOIN audit.decisions d USING (event_id)
      WHERE ra.rule_id = $1 AND ($2::bigint IS NULL OR ra.global_position > $2)
      ORDER BY ra.global_position LIMIT $3`,
    [params.ruleId, after?.[0] ?? null, limit + 1],
  );
  return toPage<DecisionRow>(
    rows.map((r) => r.r),
    limit,
    (x) => encodeCursor([x.globalPosition]),
  );
}

/** 统计监测 for auditors: decisions per rule (with its source), most used first. */
export async function countDecisionsByRule(db: QueryDb): Promise<(CountRow & { source: string })[]> {
  const { rows } = await db.query<{ key: string; source: string; count: string }>(
    `SELECT rule_id AS key, min(source) AS source, count(*) AS count FROM audit.rules_applied GROUP BY rule_id ORDER BY count(*) DESC, rule_id`,
  );
  return rows.map((r) => ({ key: r.key, source: r.source, count: Number(r.count) }));
}

/** 统计监测 for auditors: decisions by pack and version. */
export async function countDecisionsByPack(db: QueryDb): Promise<CountRow[]> {
  return counts(db, `SELECT pack_id || '@' || pack_version AS key, count(*) AS count FROM audit.decisions GROUP BY 1 ORDER BY 1`);
}
