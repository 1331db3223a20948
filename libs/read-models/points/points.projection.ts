import type { RecordedEvent } from '@ledger/event-store';
import type { PointsEvent } from '@ledger/points';
import { RowSet, subjects, type Projection, type ProjectionDb, type TableSpec } from '@ledger/projections';
import { domainEventOf, subjectOf } from '../shared';

/**
 * 流动人口服务管理局's read model: each worker's current points with the breakdown, every round's
 * assessment (ranked at query time: ties → earlier permit), adjustments, vetoes and suspensions.
 */
export const pointsProjection: Projection = {
  name: 'points',
  version: 1,
  eventTypes: ['PointsAssessed', 'PointsAdjusted', 'PointsVetoed', 'PointsSuspended', 'PointsResumed', 'PointsContributionsRecounted'],
  createTables: (s) => `
    CREATE TABLE ${s}.current (
      worker_id text PRIMARY KEY,
      status text NOT NULL,
      round_id text,
      reference_date date,
      purpose text,
      assessed_on date,
      breakdown jsonb NOT NULL,
      gross int NOT NULL,
      total int NOT NULL,
      factors_pack_id text,
      factors_pack_version text,
      factors_effective_from date,
      permit_issued_on date,
      violation_ids text[] NOT NULL,
      vetoed_on date,
      veto_ground text,
      suspended_on date,
      stream_revision bigint NOT NULL,
      last_position bigint NOT NULL
    );
    CREATE INDEX ON ${s}.current (status, total);
    CREATE TABLE ${s}.assessments (
      round_id text NOT NULL,
      worker_id text NOT NULL,
      reference_date date NOT NULL,
      purpose text NOT NULL,
      assessed_on date NOT NULL,
      breakdown jsonb NOT NULL,
      gross int NOT NULL,
      total int NOT NULL,
      factors_pack_id text NOT NULL,
      factors_pack_version text NOT NULL,
      factors_effective_from date NOT NULL,
      permit_issued_on date,
      vetoed_on date,
      suspended_on date,
      last_position bigint NOT NULL,
      PRIMARY KEY (round_id, worker_id)
    );
    CREATE INDEX ON ${s}.assessments (round_id, total DESC, permit_issued_on);
    CREATE TABLE ${s}.adjustments (
      worker_id text NOT NULL,
      stream_revision bigint NOT NULL,
      round_id text NOT NULL,
      kind text NOT NULL,
      ref text,
      adjusted_on date NOT NULL,
      delta int NOT NULL,
      total_after int NOT NULL,
      last_position bigint NOT NULL,
      PRIMARY KEY (worker_id, stream_revision)
    );`,
  async apply(db, s, recorded) {
    await applyPoints(db, s, recorded);
  },
  applyBatch: (db, s, events) => applyPointsBatch(db, s, events),
};

async function applyPoints(db: ProjectionDb, s: string, recorded: RecordedEvent): Promise<void> {
  const workerId = subjectOf(recorded, 'points');
  const event = domainEventOf(recorded) as unknown as PointsEvent;
  const rev = recorded.streamRevision;
  const pos = recorded.globalPosition;
  const adjustment = (roundId: string, kind: string, ref: string | null, on: string, delta: number, totalAfter: number) =>
    db.query(
      `INSERT INTO ${s}.adjustments (worker_id, stream_revision, round_id, kind, ref, adjusted_on, delta, total_after, last_position)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [workerId, rev, roundId, kind, ref, on, delta, totalAfter, pos],
    );
  switch (event.type) {
    case 'PointsAssessed': {
      const d = event.data;
      const v = d.factorsVersion;
      const row = [workerId, d.round.roundId, d.round.referenceDate, d.purpose, d.assessedOn, JSON.stringify(d.breakdown), d.gross,
        d.total, v.packId, v.packVersion, v.effectiveFrom, d.permitIssuedOn, pos];
      // A new assessment replaces the current score; a veto or suspension stays with the worker.
      await db.query(
        `INSERT INTO ${s}.current AS c (worker_id, round_id, reference_date, purpose, assessed_on, breakdown, gross, total,
           factors_pack_id, factors_pack_version, factors_effective_from, permit_issued_on, last_position, status,
           violation_ids, stream_revision)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'assessed', $14, $15)
         ON CONFLICT (worker_id) DO UPDATE SET round_id = excluded.round_id, reference_date = excluded.reference_date,
           purpose = excluded.purpose, assessed_on = excluded.assessed_on, breakdown = excluded.breakdown,
           gross = excluded.gross, total = excluded.total, factors_pack_id = excluded.factors_pack_id,
           factors_pack_version = excluded.factors_pack_version, factors_effective_from = excluded.factors_effective_from,
           permit_issued_on = excluded.permit_issued_on, last_position = excluded.last_position,
           status = CASE WHEN c.status = 'vetoed' THEN c.status ELSE 'assessed' END,
           violation_ids = excluded.violation_ids, stream_revision = excluded.stream_revision`,
        [...row, d.violationIds, rev],
      );
      await db.query(
        `INSERT INTO ${s}.assessments AS a (worker_id, round_id, reference_date, purpose, assessed_on, breakdown, gross, total,
           factors_pack_id, factors_pack_version, factors_effective_from, permit_issued_on, last_position, vetoed_on, suspended_on)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, c.vetoed_on, c.suspended_on
           FROM ${s}.current c WHERE c.worker_id = $1
         ON CONFLICT (round_id, worker_id) DO UPDATE SET reference_date = excluded.reference_date, purpose = excluded.purpose,
           assessed_on = excluded.assessed_on, breakdown = excluded.breakdown, gross = excluded.gross, total = excluded.total,
           factors_pack_id = excluded.factors_pack_id, factors_pack_version = excluded.factors_pack_version,
           factors_effective_from = excluded.factors_effective_from, permit_issued_on = excluded.permit_issued_on,
           last_position = excluded.last_position`,
        row,
      );
      return;
    }
    case 'PointsAdjusted': {
      const d = event.data;
      await db.query(
        `UPDATE ${s}.current SET gross = $2, total = $3, stream_revision = $4, last_position = $5 WHERE worker_id = $1`,
        [workerId, d.grossAfter, d.totalAfter, rev, pos],
      );
      await db.query(
        `UPDATE ${s}.assessments SET gross = $3, total = $4, last_position = $5 WHERE worker_id = $1 AND round_id = $2`,
        [workerId, d.roundId, d.grossAfter, d.totalAfter, pos],
      );
      await adjustment(d.roundId, d.kind, d.violationId, d.adjustedOn, d.delta, d.totalAfter);
      return;
    }
    case 'PointsContributionsRecounted': {
      const d = event.data;
      const swapLine = `breakdown = (SELECT coalesce(jsonb_agg(CASE WHEN l->>'factor' = 'contributions' THEN $6::jsonb ELSE l END ORDER BY i), '[]')
                                       FROM jsonb_array_elements(breakdown) WITH ORDINALITY AS b(l, i))`;
      await db.query(
        `UPDATE ${s}.current SET gross = $2, total = $3, stream_revision = $4, last_position = $5, ${swapLine} WHERE worker_id = $1`,
        [workerId, d.grossAfter, d.totalAfter, rev, pos, JSON.stringify(d.line)],
      );
      await db.query(
        `UPDATE ${s}.assessments SET gross = $2, total = $3, last_position = $5, ${swapLine} WHERE worker_id = $1 AND round_id = $4`,
        [workerId, d.grossAfter, d.totalAfter, d.roundId, pos, JSON.stringify(d.line)],
      );
      await adjustment(d.roundId, 'contributions-recounted', d.transferId, d.recountedOn, d.delta, d.totalAfter);
      return;
    }
    case 'PointsVetoed': {
      const d = event.data;
      // 一票否决: the score is void; rankings leave the worker out.
      await db.query(
        `INSERT INTO ${s}.current AS c (worker_id, status, breakdown, gross, total, violation_ids, vetoed_on, veto_ground,
           stream_revision, last_position)
         VALUES ($1, 'vetoed', '[]', 0, 0, '{}', $2, $3, $4, $5)
         ON CONFLICT (worker_id) DO UPDATE SET status = 'vetoed', breakdown = '[]', gross = 0, total = 0,
           vetoed_on = excluded.vetoed_on, veto_ground = excluded.veto_ground, stream_revision = excluded.stream_revision,
           last_position = excluded.last_position`,
        [workerId, d.vetoedOn, d.ground, rev, pos],
      );
      await db.query(`UPDATE ${s}.assessments SET vetoed_on = $2, last_position = $3 WHERE worker_id = $1 AND vetoed_on IS NULL`, [
        workerId,
        d.vetoedOn,
        pos,
      ]);
      return;
    }
    case 'PointsSuspended':
      // permit.lapse: the score stands but is not used while the permit is suspended.
      await db.query(`UPDATE ${s}.current SET suspended_on = $2, stream_revision = $3, last_position = $4 WHERE worker_id = $1`, [
        workerId,
        event.data.suspendedOn,
        rev,
        pos,
      ]);
      await db.query(`UPDATE ${s}.assessments SET suspended_on = $2, last_position = $3 WHERE worker_id = $1`, [
        workerId,
        event.data.suspendedOn,
        pos,
      ]);
      return;
    case 'PointsResumed':
      await db.query(`UPDATE ${s}.current SET suspended_on = NULL, stream_revision = $2, last_position = $3 WHERE worker_id = $1`, [
        workerId,
        rev,
        pos,
      ]);
      await db.query(`UPDATE ${s}.assessments SET suspended_on = NULL, last_position = $2 WHERE worker_id = $1`, [workerId, pos]);
      return;
    default: {
      const unexpected: never = event;
      throw new Error(`unknown points event ${(unexpected as { type: string }).type}`);
    }
  }
}

// ——— Set-based (issue 13): the same rows as the statements above, folded in memory per batch ———

const TABLES: TableSpec[] = [
  { name: 'current', key: ['worker_id'] },
  { name: 'assessments', key: ['round_id', 'worker_id'], by: 'worker_id' },
  { name: 'adjustments', key: ['worker_id', 'stream_revision'] },
];

async function applyPointsBatch(db: ProjectionDb, s: string, events: readonly RecordedEvent[]): Promise<void> {
  const rows = new RowSet(db, s, TABLES);
  const workers = subjects(events, (e) => subjectOf(e, 'points'));
  await rows.load('current', workers);
  await rows.load('assessments', workers);
  for (const recorded of events) foldPoints(rows, recorded);
  await rows.flush();
}

/** A breakdown with its contributions line replaced (PointsContributionsRecounted). */
const swapLine = (breakdown: unknown, line: unknown) =>
  ((breakdown as { factor?: string }[] | null) ?? []).map((l) => (l && l.factor === 'contributions' ? line : l));

function foldPoints(rows: RowSet, recorded: RecordedEvent): void {
  const workerId = subjectOf(recorded, 'points');
  const event = domainEventOf(recorded) as unknown as PointsEvent;
  const rev = recorded.streamRevision;
  const pos = recorded.globalPosition;
  const adjustment = (roundId: string, kind: string, ref: string | null, on: string, delta: number, totalAfter: number) =>
    rows.put('adjustments', { worker_id: workerId, stream_revision: rev, round_id: roundId, kind, ref, adjusted_on: on, delta, total_after: totalAfter, last_position: pos });
  const assessments = () => rows.of('assessments', workerId);
  const assessment = (roundId: string) => rows.get('assessments', [roundId, workerId]);
  const change = (table: string, row: Record<string, unknown> | undefined, changes: Record<string, unknown>) => {
    if (!row) return;
    Object.assign(row, changes);
    rows.touch(table, row);
  };
  switch (event.type) {
    case 'PointsAssessed': {
      const d = event.data;
      const v = d.factorsVersion;
      const score = {
        round_id: d.round.roundId,
        reference_date: d.round.referenceDate,
        purpose: d.purpose,
        assessed_on: d.assessedOn,
        breakdown: d.breakdown,
        gross: d.gross,
        total: d.total,
        factors_pack_id: v.packId,
        factors_pack_version: v.packVersion,
        factors_effective_from: v.effectiveFrom,
        permit_issued_on: d.permitIssuedOn,
        last_position: pos,
      };
      // A new assessment replaces the current score; a veto or suspension stays with the worker.
      const c = rows.get('current', [workerId]);
      const current = c
        ? Object.assign(c, score, { status: c.status === 'vetoed' ? c.status : 'assessed', violation_ids: d.violationIds, stream_revision: rev })
        : rows.put('current', {
            worker_id: workerId,
            status: 'assessed',
            ...score,
            violation_ids: d.violationIds,
            vetoed_on: null,
            veto_ground: null,
            suspended_on: null,
            stream_revision: rev,
          });
      rows.touch('current', current);
      const a = assessment(d.round.roundId);
      if (a) change('assessments', a, { ...score });
      else rows.put('assessments', { worker_id: workerId, ...score, vetoed_on: current.vetoed_on, suspended_on: current.suspended_on });
      return;
    }
    case 'PointsAdjusted': {
      const d = event.data;
      change('current', rows.get('current', [workerId]), { gross: d.grossAfter, total: d.totalAfter, stream_revision: rev, last_position: pos });
      change('assessments', assessment(d.roundId), { gross: d.grossAfter, total: d.totalAfter, last_position: pos });
      adjustment(d.roundId, d.kind, d.violationId, d.adjustedOn, d.delta, d.totalAfter);
      return;
    }
    case 'PointsContributionsRecounted': {
      const d = event.data;
      const c = rows.get('current', [workerId]);
      change('current', c, { gross: d.grossAfter, total: d.totalAfter, stream_revision: rev, last_position: pos, breakdown: swapLine(c?.breakdown, d.line) });
      const a = assessment(d.roundId);
      change('assessments', a, { gross: d.grossAfter, total: d.totalAfter, last_position: pos, breakdown: swapLine(a?.breakdown, d.line) });
      adjustment(d.roundId, 'contributions-recounted', d.transferId, d.recountedOn, d.delta, d.totalAfter);
      return;
    }
    case 'PointsVetoed': {
      const d = event.data;
      // 一票否决: the score is void; rankings leave the worker out.
      const vetoed = { status: 'vetoed', breakdown: [], gross: 0, total: 0, vetoed_on: d.vetoedOn, veto_ground: d.ground, stream_revision: rev, last_position: pos };
      const c = rows.get('current', [workerId]);
      if (c) change('current', c, vetoed);
      else {
        rows.put('current', {
          worker_id: workerId,
          round_id: null,
          reference_date: null,
          purpose: null,
          assessed_on: null,
          factors_pack_id: null,
          factors_pack_version: null,
          factors_effective_from: null,
          permit_issued_on: null,
          violation_ids: [],
          suspended_on: null,
          ...vetoed,
        });
      }
      for (const a of assessments()) if (a.vetoed_on === null || a.vetoed_on === undefined) change('assessments', a, { vetoed_on: d.vetoedOn, last_position: pos });
      return;
    }
    case 'PointsSuspended':
      // permit.lapse: the score stands but is not used while the permit is suspended.
      change('current', rows.get('current', [workerId]), { suspended_on: event.data.suspendedOn, stream_revision: rev, last_position: pos });
      for (const a of assessments()) change('assessments', a, { suspended_on: event.data.suspendedOn, last_position: pos });
      return;
    case 'PointsResumed':
      change('current', rows.get('current', [workerId]), { suspended_on: null, stream_revision: rev, last_position: pos });
      for (const a of assessments()) change('assessments', a, { suspended_on: null, last_position: pos });
      return;
    default: {
      const unexpected: never = event;
      throw new Error(`unknown points event ${(unexpected as { type: string }).type}`);
    }
  }
}
