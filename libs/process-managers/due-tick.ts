import type { Pool } from 'pg';
import type { IsoDate } from '@ledger/kernel';
import { quoteIdent } from '@ledger/projections';
import { runFollowUp, type FollowUp, type ProcessManagerDeps } from './follow-up';
import type { FollowUpOutcome } from './outcomes';

/** A process manager's table of work due on a day: one row per subject, the event that set it. */
export interface DueTable {
  /** The PM's schema (unquoted) and the table in it: `due`. */
  schemaName: string;
  /** The subject's column (`worker_id`, `child_id`) and the due day's (`overdue_from`, `due_on`). */
  keyColumn: string;
  dateColumn: string;
}

/** One row taken by the tick. */
export interface DueRow {
  subjectId: string;
  dueOn: IsoDate;
  cause: FollowUp['cause'];
}

/**
 * A process manager's daily tick: every row due by `today`, taken in one transaction (FOR UPDATE
 * SKIP LOCKED, so replicas ticking at once split the rows, never share one), each sent as the
 * follow-up `followUp(row)` decided on `today`. A refusal naming a later day it would pass
 * (`eligibleFrom`) moves the row there; any other outcome removes it.
 */
export async function tickDueRows(
  deps: ProcessManagerDeps,
  pool: Pool,
  table: DueTable,
  today: IsoDate,
  followUp: (row: DueRow) => Omit<FollowUp, 'cause' | 'reuseRecorded' | 'today'>,
): Promise<FollowUpOutcome[]> {
  const due = `${quoteIdent(table.schemaName)}.due`;
  const key = quoteIdent(table.keyColumn);
  const date = quoteIdent(table.dateColumn);
  const client = await pool.connect();
  const outcomes: FollowUpOutcome[] = [];
  try {
    const exists = await client.query<{ ok: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS ok`, [due]);
    if (!exists.rows[0]?.ok) return outcomes;
    await client.query('BEGIN');
    const { rows } = await client.query<{ subject_id: string; due_on: string; caused_by: string; correlation_id: string | null }>(
      `SELECT ${key} AS subject_id, ${date}::text AS due_on, caused_by, correlation_id FROM ${due}
        WHERE ${date} <= $1 ORDER BY ${date}, ${key} FOR UPDATE SKIP LOCKED`,
      [today],
    );
    for (const row of rows) {
      const cause = { eventId: row.caused_by, ...(row.correlation_id ? { correlationId: row.correlation_id } : {}) };
      const outcome = await runFollowUp(deps, client, {
        ...followUp({ subjectId: row.subject_id, dueOn: row.due_on, cause }),
        cause,
        reuseRecorded: false,
        today,
      });
      outcomes.push(outcome);
      const eligibleFrom = outcome.outcome === 'refused' ? (outcome.detail?.eligibleFrom as string | undefined) : undefined;
      if (eligibleFrom && eligibleFrom > row.due_on) {
        await client.query(`UPDATE ${due} SET ${date} = $2 WHERE ${key} = $1`, [row.subject_id, eligibleFrom]);
      } else {
        await client.query(`DELETE FROM ${due} WHERE ${key} = $1`, [row.subject_id]);
      }
    }
    await client.query('COMMIT');
    return outcomes;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
