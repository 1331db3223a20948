import { counts, CountRow, decodeCursor, encodeCursor, fromJson, Page, PageParams, pageLimit, QueryDb, toPage } from '../shared';

export interface PointsLineRow {
  factor: string;
  basis: number | string | boolean | null;
  points: number;
  capped: boolean;
}

export interface CurrentPointsRow {
  workerId: string;
  status: 'assessed' | 'vetoed';
  roundId: string | null;
  referenceDate: string | null;
  purpose: string | null;
  assessedOn: string | null;
  breakdown: PointsLineRow[];
  gross: number;
  total: number;
  factorsPackId: string | null;
  factorsPackVersion: string | null;
  factorsEffectiveFrom: string | null;
  permitIssuedOn: string | null;
  violationIds: string[];
  vetoedOn: string | null;
  vetoGround: string | null;
  suspendedOn: string | null;
  streamRevision: number;
  lastPosition: number;
}

export interface RankedRow {
  rank: number;
  workerId: string;
  total: number;
  permitIssuedOn: string | null;
  assessedOn: string;
  factorsPackId: string;
  factorsPackVersion: string;
}

export async function getPoints(db: QueryDb, params: { workerId: string }): Promise<CurrentPointsRow | null> {
  const { rows } = await db.query<{ r: unknown }>(`SELECT to_jsonb(c) AS r FROM points.current c WHERE worker_id = $1`, [params.workerId]);
  return rows[0] ? fromJson<CurrentPointsRow>(rows[0].r) : null;
}

/** A worker's adjustments (deductions, annulments, recounts), in order. */
export async function getAdjustments(db: QueryDb, params: { workerId: string }): Promise<Record<string, unknown>[]> {
  const { rows } = await db.query<{ r: unknown }>(
    `SELECT to_jsonb(a) - 'worker_id' AS r FROM points.adjustments a WHERE worker_id = $1 ORDER BY stream_revision`,
    [params.workerId],
  );
  return rows.map((r) => fromJson(r.r));
}

/**
 * A round's ranking, computed at query time: total descending, ties → the earlier permit
 * (points.factors tieBreak), a worker with no permit date last; equal on both share a rank.
 * Vetoed (一票否决) and suspended (permit lapsed) workers are left out.
 */
export async function rankRound(db: QueryDb, params: PageParams & { roundId: string }): Promise<Page<RankedRow>> {
  const limit = pageLimit(params);
  const after = decodeCursor(params.after, 2) as [number, string] | null;
  const { rows } = await db.query<{ r: unknown }>(
    `SELECT jsonb_build_object('rank', rank, 'worker_id', worker_id, 'total', total, 'permit_issued_on', permit_issued_on,
              'assessed_on', assessed_on, 'factors_pack_id', factors_pack_id, 'factors_pack_version', factors_pack_version) AS r
       FROM (SELECT *, rank() OVER (ORDER BY total DESC, permit_issued_on ASC NULLS LAST) AS rank
               FROM points.assessments WHERE round_id = $1 AND vetoed_on IS NULL AND suspended_on IS NULL) ranked
      WHERE $2::bigint IS NULL OR (rank, worker_id) > ($2::bigint, $3::text)
      ORDER BY rank, worker_id LIMIT $4`,
    [params.roundId, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
  );
  return toPage<RankedRow>(
    rows.map((r) => r.r),
    limit,
    (x) => encodeCursor([x.rank, x.workerId]),
  );
}

/** Current points by status, keyset-paged by worker id. */
export async function listPoints(
  db: QueryDb,
  params: PageParams & { status?: 'assessed' | 'vetoed'; minTotal?: number },
): Promise<Page<CurrentPointsRow>> {
  const limit = pageLimit(params);
  const after = decodeCursor(params.after, 1) as [string] | null;
  const { rows } = await db.query<{ r: unknown }>(
    `SELECT to_jsonb(c) AS r FROM points.current c
      WHERE ($1::text IS NULL OR status = $1) AND ($2::int IS NULL OR total >= $2) AND ($3::text IS NULL OR worker_id > $3)
      ORDER BY worker_id LIMIT $4`,
    [params.status ?? null, params.minTotal ?? null, after?.[0] ?? null, limit + 1],
  );
  return toPage<CurrentPointsRow>(
    rows.map((r) => r.r),
    limit,
    (x) => encodeCursor([x.workerId]),
  );
}

/** 统计监测: points bands (`width` points wide, keyed by the band's lower bound), assessed workers only. */
export async function countPointsBands(db: QueryDb, params: { width?: number; roundId?: string } = {}): Promise<CountRow[]> {
  const width = Math.max(1, Math.trunc(params.width ?? 10));
  return counts(
    db,
    `SELECT (floor(total::numeric / $1) * $1)::int AS key, count(*) AS count FROM points.current
      WHERE status = 'assessed' AND ($2::text IS NULL OR round_id = $2) GROUP BY 1 ORDER BY 1`,
    [width, params.roundId ?? null],
  );
}

/** 统计监测: workers by points status (assessed, vetoed, and assessed but suspended). */
export async function countPointsByStatus(db: QueryDb): Promise<CountRow[]> {
  return counts(
    db,
    `SELECT CASE WHEN status = 'assessed' AND suspended_on IS NOT NULL THEN 'suspended' ELSE status END AS key, count(*) AS count
       FROM points.current GROUP BY 1 ORDER BY 1`,
  );
}
