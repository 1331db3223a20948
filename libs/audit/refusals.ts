import type { Pool } from 'pg';

/** A policy refusal as the audit log keeps it (issue 10: "what was refused and why"). */
export interface RefusalRecord {
  id: string;
  recordedAt: string;
  subjectId: string;
  streamName: string;
  commandType: string;
  /** The refused command's data, as sent. */
  command: Record<string, unknown>;
  actor: { department: string; principal: string };
  ruleId: string;
  source: string;
  quote: string;
  packId: string | null;
  packVersion: string | null;
  /** 不予受理…（rule，clause）: the sentence a notice prints. */
  detail: string;
  /** The whole refusal: computed inputs, what was required, eligibleFrom, wouldChange. */
  refusal: Record<string, unknown>;
}

export async function recordRefusal(pool: Pool, r: Omit<RefusalRecord, 'recordedAt'>): Promise<void> {
  await pool.query(
    `INSERT INTO audit_log.refusals (id, subject_id, stream_name, command_type, command, actor_department, actor_principal,
       rule_id, source, quote, pack_id, pack_version, detail, refusal)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT (id) DO NOTHING`,
    [r.id, r.subjectId, r.streamName, r.commandType, r.command, r.actor.department, r.actor.principal, r.ruleId, r.source, r.quote, r.packId, r.packVersion, r.detail, r.refusal],
  );
}

export async function refusalsOf(pool: Pool, subjectId: string): Promise<RefusalRecord[]> {
  const { rows } = await pool.query(`SELECT * FROM audit_log.refusals WHERE subject_id = $1 ORDER BY recorded_at, id`, [subjectId]);
  return rows.map((r: Record<string, unknown>) => ({
    id: r.id as string,
    recordedAt: (r.recorded_at as Date).toISOString(),
    subjectId: r.subject_id as string,
    streamName: r.stream_name as string,
    commandType: r.command_type as string,
    command: r.command as Record<string, unknown>,
    actor: { department: r.actor_department as string, principal: r.actor_principal as string },
    ruleId: r.rule_id as string,
    source: r.source as string,
    quote: r.quote as string,
    packId: (r.pack_id as string | null) ?? null,
    packVersion: (r.pack_version as string | null) ?? null,
    detail: r.detail as string,
    refusal: r.refusal as Record<string, unknown>,
  }));
}
