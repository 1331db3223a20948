import { counts, CountRow, decodeCursor, encodeCursor, fromJson, Page, PageParams, pageLimit, QueryDb, toPage } from '../shared';

export interface RentalApplicationRow {
  workerId: string;
  applicationId: string;
  status: 'submitted' | 'waitlisted' | 'suspended' | 'allocated' | 'leased' | 'ended';
  submittedOn: string;
  householdSize: number;
  eligibleOn: string | null;
  ruleId: string | null;
  provisional: boolean | null;
  waitlistedOn: string | null;
  waitlistPosition: number | null;
  suspendedOn: string | null;
  suspensionGround: string | null;
  reinstatedOn: string | null;
  unitId: string | null;
  allocatedOn: string | null;
  leaseId: string | null;
  streamRevision: number;
  lastPosition: number;
}

export interface WaitlistRow {
  place: number;
  workerId: string;
  applicationId: string;
  waitlistedOn: string;
  householdSize: number;
  permitStatus: string | null;
  pointsTotal: number | null;
}

/** A worker's rental applications, tenancies and homes. */
export async function getHousing(db: QueryDb, params: { workerId: string }): Promise<{
  applications: RentalApplicationRow[];
  tenancies: Record<string, unknown>[];
  homes: Record<string, unknown>[];
}> {
  const [applications, tenancies, homes] = await Promise.all(
    [
      `SELECT to_jsonb(a) AS r FROM housing.rental_applications a WHERE worker_id = $1 ORDER BY submitted_on, application_id`,
      `SELECT to_jsonb(t) AS r FROM housing.tenancies t WHERE worker_id = $1 ORDER BY signed_on, lease_id`,
      `SELECT to_jsonb(h) AS r FROM housing.home_purchases h WHERE worker_id = $1 ORDER BY purchased_on, purchase_id`,
    ].map((sql) => db.query<{ r: unknown }>(sql, [params.workerId])),
  );
  return {
    applications: applications!.rows.map((r) => fromJson<RentalApplicationRow>(r.r)),
    tenancies: tenancies!.rows.map((r) => fromJson(r.r)),
    homes: homes!.rows.map((r) => fromJson(r.r)),
  };
}

/**
 * The waitlist in order: the day waitlisted, then the order the ledger recorded it (global
 * position). A reinstated entry keeps its place. `place` is 1-based over the whole list.
 */
export async function listWaitlist(db: QueryDb, params: PageParams = {}): Promise<Page<WaitlistRow>> {
  const limit = pageLimit(params);
  const after = decodeCursor(params.after, 1) as [number] | null;
  const { rows } = await db.query<{ r: unknown }>(
    `SELECT jsonb_build_object('place', place, 'worker_id', worker_id, 'application_id', application_id,
              'waitlisted_on', waitlisted_on, 'household_size', household_size, 'permit_status', permit_status,
              'points_total', points_total) AS r
       FROM (SELECT a.*, p.permit_status, p.points_total,
                    row_number() OVER (ORDER BY a.waitlisted_on, a.waitlist_position) AS place
               FROM housing.rental_applications a LEFT JOIN housing.applicants p USING (worker_id)
              WHERE a.status = 'waitlisted') w
      WHERE $1::bigint IS NULL OR place > $1
      ORDER BY place LIMIT $2`,
    [after?.[0] ?? null, limit + 1],
  );
  return toPage<WaitlistRow>(
    rows.map((r) => r.r),
    limit,
    (x) => encodeCursor([x.place]),
  );
}

/** Applications by status, keyset-paged by worker and application id. */
export async function listRentalApplications(
  db: QueryDb,
  params: PageParams & { status?: RentalApplicationRow['status'] },
): Promise<Page<RentalApplicationRow>> {
  const limit = pageLimit(params);
  const after = decodeCursor(params.after, 2) as [string, string] | null;
  const { rows } = await db.query<{ r: unknown }>(
    `SELECT to_jsonb(a) AS r FROM housing.rental_applications a
      WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR (worker_id, application_id) > ($2::text, $3::text))
      ORDER BY worker_id, application_id LIMIT $4`,
    [params.status ?? null, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
  );
  return toPage<RentalApplicationRow>(
    rows.map((r) => r.r),
    limit,
    (x) => encodeCursor([x.workerId, x.applicationId]),
  );
}

/** 统计监测: waitlist length. */
export async function countWaitlist(db: QueryDb): Promise<number> {
  const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM housing.rental_applications WHERE status = 'waitlisted'`);
  return Number(rows[0]?.n ?? 0);
}

/** 统计监测: rental applications by status. */
export async function countRentalApplicationsByStatus(db: QueryDb): Promise<CountRow[]> {
  return counts(db, `SELECT status AS key, count(*) AS count FROM housing.rental_applications GROUP BY 1 ORDER BY 1`);
}

/** 统计监测: tenancies current on `on`, and home purchases by kind. */
export async function countTenanciesAndHomes(db: QueryDb, params: { on: string }): Promise<{ tenancies: number; homes: CountRow[] }> {
  const { rows } = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM housing.tenancies WHERE starts_on <= $1::date AND (ended_on IS NULL OR ended_on >= $1::date)
        AND (ends_on IS NULL OR ends_on >= $1::date)`,
    [params.on],
  );
  const homes = await counts(db, `SELECT home_kind AS key, count(*) AS count FROM housing.home_purchases GROUP BY 1 ORDER BY 1`);
  return { tenancies: Number(rows[0]?.n ?? 0), homes };
}
