import { counts, CountRow, decodeCursor, encodeCursor, fromJson, Page, PageParams, pageLimit, QueryDb, toPage } from '../shared';

export interface ChildHealthRow {
  childId: string;
  birthDate: string;
  registeredOn: string;
  certificate: 'complete' | 'gaps' | 'missing' | null;
  missingVaccines: string[] | null;
  verifiedOn: string | null;
  recordKind: string | null;
  recordOpenedOn: string | null;
  recordRuleId: string | null;
  publicHealthCoveredFrom: string | null;
  publicHealthCategories: number | null;
  catchUpReferredOn: string | null;
  catchUpVaccines: string[] | null;
  entryCheck: string | null;
  streamRevision: number;
  lastPosition: number;
}

export async function getChildHealth(db: QueryDb, params: { childId: string }): Promise<ChildHealthRow | null> {
  const { rows } = await db.query<{ r: unknown }>(`SELECT to_jsonb(c) AS r FROM health.children c WHERE child_id = $1`, [params.childId]);
  return rows[0] ? fromJson<ChildHealthRow>(rows[0].r) : null;
}

/** Every check of a child's 预防接种证, in order. */
export async function getVaccinationChecks(
  db: QueryDb,
  params: { childId: string },
): Promise<{ verifiedOn: string; certificate: string; missingVaccines: string[]; streamRevision: number }[]> {
  const { rows } = await db.query<{ r: unknown }>(
    `SELECT to_jsonb(v) - 'child_id' - 'last_position' AS r FROM health.vaccination_checks v WHERE child_id = $1 ORDER BY stream_revision`,
    [params.childId],
  );
  return rows.map((r) => fromJson(r.r));
}

/** Children whose latest check found gaps or no certificate (the 补种 work list), by child id. */
export async function listChildrenNeedingCatchUp(db: QueryDb, params: PageParams = {}): Promise<Page<ChildHealthRow>> {
  const limit = pageLimit(params);
  const after = decodeCursor(params.after, 1) as [string] | null;
  const { rows } = await db.query<{ r: unknown }>(
    `SELECT to_jsonb(c) AS r FROM health.children c WHERE certificate IN ('gaps', 'missing') AND ($1::text IS NULL OR child_id > $1)
      ORDER BY child_id LIMIT $2`,
    [after?.[0] ?? null, limit + 1],
  );
  return toPage<ChildHealthRow>(
    rows.map((r) => r.r),
    limit,
    (x) => encodeCursor([x.childId]),
  );
}

/** 统计监测: children by the latest certificate state (`unchecked` where none). */
export async function countByCertificate(db: QueryDb): Promise<CountRow[]> {
  return counts(db, `SELECT coalesce(certificate, 'unchecked') AS key, count(*) AS count FROM health.children GROUP BY 1 ORDER BY 1`);
}

/** 统计监测: coverage — children registered, checked, with a record opened, covered by basic public health (on `on`). */
export async function coverage(
  db: QueryDb,
  params: { on?: string } = {},
): Promise<{ children: number; checked: number; recordsOpened: number; publicHealthCovered: number; catchUpReferred: number }> {
  const { rows } = await db.query<Record<string, string>>(
    `SELECT count(*) AS children, count(verified_on) AS checked, count(record_opened_on) AS records_opened,
            count(*) FILTER (WHERE public_health_covered_from <= coalesce($1::date, public_health_covered_from)) AS covered,
            count(catch_up_referred_on) AS catch_up
       FROM health.children`,
    [params.on ?? null],
  );
  const r = rows[0] ?? {};
  return {
    children: Number(r.children ?? 0),
    checked: Number(r.checked ?? 0),
    recordsOpened: Number(r.records_opened ?? 0),
    publicHealthCovered: Number(r.covered ?? 0),
    catchUpReferred: Number(r.catch_up ?? 0),
  };
}
