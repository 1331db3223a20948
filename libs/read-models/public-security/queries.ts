import { counts, CountRow, decodeCursor, encodeCursor, fromJson, Page, PageParams, pageLimit, QueryDb, toPage } from '../shared';

/** A worker's permit as 公安局 reads it; `streamRevision` is the ETag. */
export interface PermitRow {
  workerId: string;
  status: 'none' | 'applied' | 'active' | 'suspended' | 'revoked';
  residenceRegisteredOn: string;
  arrivalOn: string | null;
  ground: string | null;
  appliedOn: string | null;
  permitNumber: string | null;
  issuingOfficeCode: string | null;
  issuedOn: string | null;
  validUntil: string | null;
  endorsementYear: number | null;
  endorsementAnchor: string | null;
  nextWindowOpensOn: string | null;
  nextDueOn: string | null;
  nextOverdueFrom: string | null;
  continuousResidenceSince: string | null;
  suspendedOn: string | null;
  revokedOn: string | null;
  revocationReason: string | null;
  addressDistrict: string | null;
  addressSince: string | null;
  streamRevision: number;
  lastPosition: number;
  updatedAt: string;
}

export interface WorkerRow {
  workerId: string;
  name: string;
  idNumber: string;
  phone: string;
  birthDate: string;
  hukouAreaCode: string;
  arrivalOn: string;
  registeredOn: string;
  settledOn: string | null;
  streamRevision: number;
  lastPosition: number;
}

/** The permit of one worker, or null. */
export async function getPermit(db: QueryDb, params: { workerId: string }): Promise<PermitRow | null> {
  const { rows } = await db.query<{ r: unknown }>(`SELECT to_jsonb(p) AS r FROM public_security.permits p WHERE worker_id = $1`, [
    params.workerId,
  ]);
  return rows[0] ? fromJson<PermitRow>(rows[0].r) : null;
}

/** The worker's registration as stored (personal fields: the owning department's view, unmasked). */
export async function getWorker(db: QueryDb, params: { workerId: string }): Promise<WorkerRow | null> {
  const { rows } = await db.query<{ r: unknown }>(`SELECT to_jsonb(w) AS r FROM public_security.workers w WHERE worker_id = $1`, [
    params.workerId,
  ]);
  return rows[0] ? fromJson<WorkerRow>(rows[0].r) : null;
}

/** Lookup by 身份证号 at the counter. */
export async function findWorkersByIdNumber(db: QueryDb, params: { idNumber: string }): Promise<WorkerRow[]> {
  const { rows } = await db.query<{ r: unknown }>(
    `SELECT to_jsonb(w) AS r FROM public_security.workers w WHERE id_number = $1 ORDER BY worker_id`,
    [params.idNumber],
  );
  return rows.map((r) => fromJson<WorkerRow>(r.r));
}

/** Permits by status and district, by worker id, keyset-paged. */
export async function listPermits(
  db: QueryDb,
  params: PageParams & { status?: PermitRow['status']; district?: string },
): Promise<Page<PermitRow>> {
  const limit = pageLimit(params);
  const after = decodeCursor(params.after, 1);
  const { rows } = await db.query<{ r: unknown }>(
    `SELECT to_jsonb(p) AS r FROM public_security.permits p
      WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR address_district = $2)
        AND ($3::text IS NULL OR worker_id > $3)
      ORDER BY worker_id LIMIT $4`,
    [params.status ?? null, params.district ?? null, (after?.[0] as string | undefined) ?? null, limit + 1],
  );
  return toPage<PermitRow>(
    rows.map((r) => r.r),
    limit,
    (p) => encodeCursor([p.workerId]),
  );
}

/**
 * The counter's work list: active permits whose 签注 window is open on `on` (or already past due
 * and not yet recorded as lapsed), soonest due first.
 */
export async function listEndorsementsDue(db: QueryDb, params: PageParams & { on: string }): Promise<Page<PermitRow>> {
  const limit = pageLimit(params);
  const after = decodeCursor(params.after, 2);
  const { rows } = await db.query<{ r: unknown }>(
    `SELECT to_jsonb(p) AS r FROM public_security.permits p
      WHERE status = 'active' AND next_window_opens_on <= $1::date
        AND ($2::date IS NULL OR (next_due_on, worker_id) > ($2::date, $3::text))
      ORDER BY next_due_on, worker_id LIMIT $4`,
    [params.on, (after?.[0] as string | undefined) ?? null, (after?.[1] as string | undefined) ?? null, limit + 1],
  );
  return toPage<PermitRow>(
    rows.map((r) => r.r),
    limit,
    (p) => encodeCursor([p.nextDueOn, p.workerId]),
  );
}

/** A permit's 签注, in the order made. */
export async function listEndorsements(
  db: QueryDb,
  params: { workerId: string },
): Promise<{ endorsedOn: string; late: boolean; endorsedYear: number | null; streamRevision: number }[]> {
  const { rows } = await db.query<{ r: unknown }>(
    `SELECT to_jsonb(e) - 'worker_id' - 'last_position' AS r FROM public_security.endorsements e
      WHERE worker_id = $1 ORDER BY stream_revision`,
    [params.workerId],
  );
  return rows.map((r) => fromJson(r.r));
}

/**
 * 统计监测: workers by permit status. Given `on`, an active permit past its overdue day but not
 * yet recorded as lapsed counts as `overdue`.
 */
export async function countPermitsByStatus(db: QueryDb, params: { on?: string; district?: string } = {}): Promise<CountRow[]> {
  return counts(
    db,
    `SELECT CASE WHEN status = 'active' AND $1::date IS NOT NULL AND next_overdue_from <= $1::date THEN 'overdue' ELSE status END AS key,
            count(*) AS count
       FROM public_security.permits WHERE ($2::text IS NULL OR address_district = $2)
      GROUP BY 1 ORDER BY 1`,
    [params.on ?? null, params.district ?? null],
  );
}

/** 统计监测: permits by district of residence. */
export async function countPermitsByDistrict(db: QueryDb, params: { status?: PermitRow['status'] } = {}): Promise<CountRow[]> {
  return counts(
    db,
    `SELECT address_district AS key, count(*) AS count FROM public_security.permits
      WHERE ($1::text IS NULL OR status = $1) GROUP BY 1 ORDER BY 1 NULLS LAST`,
    [params.status ?? null],
  );
}
