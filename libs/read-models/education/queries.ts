import { counts, CountRow, decodeCursor, encodeCursor, fromJson, Page, PageParams, pageLimit, QueryDb, toPage } from '../shared';

export interface EnrollmentApplicationRow {
  childId: string;
  applicationId: string;
  status: 'applied' | 'eligible' | 'offered' | 'enrolled';
  appliedOn: string;
  schoolYear: number;
  grade: number;
  area: string | null;
  appliedPosition: number;
  assessedOn: string | null;
  priority: boolean | null;
  rankingPoints: number | null;
  attendance: string | null;
  homeTeaching: boolean | null;
  ruleIds: string[] | null;
  provisional: boolean | null;
  schoolId: string | null;
  schoolType: string | null;
  offeredOn: string | null;
  declinedOn: string | null;
  declineGround: string | null;
  enrolledOn: string | null;
  streamRevision: number;
  lastPosition: number;
}

export interface RankedApplicationRow extends EnrollmentApplicationRow {
  rank: number;
}

/** A child with their applications, offers, enrolments and exam eligibility. */
export async function getChild(db: QueryDb, params: { childId: string }): Promise<{
  child: Record<string, unknown>;
  applications: EnrollmentApplicationRow[];
  offers: Record<string, unknown>[];
  enrolments: Record<string, unknown>[];
  exams: Record<string, unknown>[];
} | null> {
  const [child, applications, offers, enrolments, exams] = await Promise.all(
    [
      `SELECT to_jsonb(c) AS r FROM education.children c WHERE child_id = $1`,
      `SELECT to_jsonb(a) AS r FROM education.enrollment_applications a WHERE child_id = $1 ORDER BY applied_position`,
      `SELECT to_jsonb(o) AS r FROM education.seat_offers o WHERE child_id = $1 ORDER BY stream_revision`,
      `SELECT to_jsonb(e) AS r FROM education.enrolments e WHERE child_id = $1 ORDER BY enrolled_on, application_id`,
      `SELECT to_jsonb(x) AS r FROM education.exam_eligibility x WHERE child_id = $1 ORDER BY exam_year, exam`,
    ].map((sql) => db.query<{ r: unknown }>(sql, [params.childId])),
  );
  if (!child!.rows[0]) return null;
  return {
    child: fromJson(child!.rows[0].r),
    applications: applications!.rows.map((r) => fromJson<EnrollmentApplicationRow>(r.r)),
    offers: offers!.rows.map((r) => fromJson(r.r)),
    enrolments: enrolments!.rows.map((r) => fromJson(r.r)),
    exams: exams!.rows.map((r) => fromJson(r.r)),
  };
}

/**
 * Applications of one school year (and district), ranked at query time: priority first
 * (fengdu-2017-29 §四 home buyers), then ranking points (sanming-draft §8) where the decision gave
 * them, then first come (the ledger's order of application). Only applications found eligible rank.
 */
export async function rankApplications(
  db: QueryDb,
  params: PageParams & { schoolYear: number; area?: string; grade?: number },
): Promise<Page<RankedApplicationRow>> {
  const limit = pageLimit(params);
  const after = decodeCursor(params.after, 1) as [number] | null;
  const { rows } = await db.query<{ r: unknown }>(
    `SELECT to_jsonb(x) AS r FROM (
       SELECT a.*, row_number() OVER (ORDER BY priority DESC, ranking_points DESC NULLS LAST, applied_position) AS rank
         FROM education.enrollment_applications a
        WHERE school_year = $1 AND ($2::text IS NULL OR area = $2) AND ($3::int IS NULL OR grade = $3) AND status <> 'applied') x
      WHERE $4::bigint IS NULL OR rank > $4 ORDER BY rank LIMIT $5`,
    [params.schoolYear, params.area ?? null, params.grade ?? null, after?.[0] ?? null, limit + 1],
  );
  return toPage<RankedApplicationRow>(
    rows.map((r) => r.r),
    limit,
    (x) => encodeCursor([x.rank]),
  );
}

/** Applications by school year, district and status, keyset-paged in the order applied. */
export async function listApplications(
  db: QueryDb,
  params: PageParams & { schoolYear?: number; area?: string; status?: EnrollmentApplicationRow['status'] },
): Promise<Page<EnrollmentApplicationRow>> {
  const limit = pageLimit(params);
  const after = decodeCursor(params.after, 1) as [number] | null;
  const { rows } = await db.query<{ r: unknown }>(
    `SELECT to_jsonb(a) AS r FROM education.enrollment_applications a
      WHERE ($1::int IS NULL OR school_year = $1) AND ($2::text IS NULL OR area = $2) AND ($3::text IS NULL OR status = $3)
        AND ($4::bigint IS NULL OR applied_position > $4)
      ORDER BY applied_position LIMIT $5`,
    [params.schoolYear ?? null, params.area ?? null, params.status ?? null, after?.[0] ?? null, limit + 1],
  );
  return toPage<EnrollmentApplicationRow>(
    rows.map((r) => r.r),
    limit,
    (x) => encodeCursor([x.appliedPosition]),
  );
}

/** 统计监测: enrolments by district (the application's area), optionally for one school year. */
export async function countEnrolmentsByDistrict(db: QueryDb, params: { schoolYear?: number } = {}): Promise<CountRow[]> {
  return counts(
    db,
    `SELECT area AS key, count(*) AS count FROM education.enrolments WHERE ($1::int IS NULL OR school_year = $1)
      GROUP BY 1 ORDER BY 1 NULLS LAST`,
    [params.schoolYear ?? null],
  );
}

/** 统计监测: applications by status for a school year. */
export async function countApplicationsByStatus(db: QueryDb, params: { schoolYear: number }): Promise<CountRow[]> {
  return counts(
    db,
    `SELECT status AS key, count(*) AS count FROM education.enrollment_applications WHERE school_year = $1 GROUP BY 1 ORDER BY 1`,
    [params.schoolYear],
  );
}

/** A parent's permit, first home and points as the education department sees them. */
export async function getParent(db: QueryDb, params: { workerId: string }): Promise<Record<string, unknown> | null> {
  const { rows } = await db.query<{ r: unknown }>(`SELECT to_jsonb(p) AS r FROM education.parents p WHERE worker_id = $1`, [
    params.workerId,
  ]);
  return rows[0] ? fromJson(rows[0].r) : null;
}
