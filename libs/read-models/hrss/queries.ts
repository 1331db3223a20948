import { counts, CountRow, decodeCursor, encodeCursor, fromJson, Page, PageParams, pageLimit, QueryDb, toPage } from '../shared';

export interface AccountRow {
  workerId: string;
  scheme: string;
  months: number;
  monthsPaidTwice: number;
  firstMonth: string | null;
  lastMonth: string | null;
  regions: string[];
  lastPosition: number;
}

export interface TransferRow {
  workerId: string;
  transferId: string;
  status: 'requested' | 'letter-issued' | 'funds-received' | 'completed' | 'rejected';
  fromScheme: string;
  toScheme: string;
  fromRegion: string;
  toRegion: string;
  requestedOn: string;
  letterDue: string | null;
  completionDue: string | null;
  ruleId: string;
  letterId: string | null;
  letterIssuedOn: string | null;
  months: string[] | null;
  amountFen: number | null;
  fundsReceivedOn: string | null;
  monthsCredited: number | null;
  monthsAlreadyHeld: number | null;
  completedOn: string | null;
  rejectedOn: string | null;
  reasonCode: string | null;
  lastPosition: number;
}

const IN_FLIGHT = `status IN ('requested', 'letter-issued', 'funds-received')`;
/** Past a deadline on $1: the letter not issued by its day, or not completed by its day (as the domain's overdueTransfers). */
const OVERDUE = `(completion_due < $1::date OR (status = 'requested' AND letter_due < $1::date))`;

/** A worker's months per scheme (a month paid in two places counts once). */
export async function getAccounts(db: QueryDb, params: { workerId: string }): Promise<AccountRow[]> {
  const { rows } = await db.query<{ r: unknown }>(`SELECT to_jsonb(a) AS r FROM hrss.accounts a WHERE worker_id = $1 ORDER BY scheme`, [
    params.workerId,
  ]);
  return rows.map((r) => fromJson<AccountRow>(r.r));
}

/** A worker's paid and transferred months, place by place. */
export async function getContributionMonths(
  db: QueryDb,
  params: { workerId: string; scheme?: string },
): Promise<{ scheme: string; month: string; region: string; via: string; transferId: string; baseFen: number }[]> {
  const { rows } = await db.query<{ r: unknown }>(
    `SELECT to_jsonb(c) - 'worker_id' - 'last_position' AS r FROM hrss.contribution_months c
      WHERE worker_id = $1 AND ($2::text IS NULL OR scheme = $2) ORDER BY scheme, month, region, via, transfer_id`,
    [params.workerId, params.scheme ?? null],
  );
  return rows.map((r) => fromJson(r.r));
}

export async function getTransfers(db: QueryDb, params: { workerId: string }): Promise<TransferRow[]> {
  const { rows } = await db.query<{ r: unknown }>(
    `SELECT to_jsonb(t) AS r FROM hrss.transfers t WHERE worker_id = $1 ORDER BY requested_on, transfer_id`,
    [params.workerId],
  );
  return rows.map((r) => fromJson<TransferRow>(r.r));
}

/** Transfers in flight, oldest request first; with `overdueOn`, only those past a deadline that day. */
export async function listTransfersInFlight(
  db: QueryDb,
  params: PageParams & { overdueOn?: string; toRegion?: string },
): Promise<Page<TransferRow>> {
  const limit = pageLimit(params);
  const after = decodeCursor(params.after, 3) as [string, string, string] | null;
  const { rows } = await db.query<{ r: unknown }>(
    `SELECT to_jsonb(t) AS r FROM hrss.transfers t
      WHERE ${IN_FLIGHT} AND ($1::date IS NULL OR ${OVERDUE}) AND ($2::text IS NULL OR to_region = $2)
        AND ($3::date IS NULL OR (requested_on, worker_id, transfer_id) > ($3::date, $4::text, $5::text))
      ORDER BY requested_on, worker_id, transfer_id LIMIT $6`,
    [params.overdueOn ?? null, params.toRegion ?? null, after?.[0] ?? null, after?.[1] ?? null, after?.[2] ?? null, limit + 1],
  );
  return toPage<TransferRow>(
    rows.map((r) => r.r),
    limit,
    (t) => encodeCursor([t.requestedOn, t.workerId, t.transferId]),
  );
}

/** 统计监测: transfers in flight, and how many of them are overdue on `on`. */
export async function countTransfers(db: QueryDb, params: { on: string }): Promise<{ inFlight: number; overdue: number }> {
  const { rows } = await db.query<{ in_flight: string; overdue: string }>(
    `SELECT count(*) AS in_flight, count(*) FILTER (WHERE ${OVERDUE}) AS overdue FROM hrss.transfers WHERE ${IN_FLIGHT}`,
    [params.on],
  );
  return { inFlight: Number(rows[0]?.in_flight ?? 0), overdue: Number(rows[0]?.overdue ?? 0) };
}

/** 统计监测: transfers by status. */
export async function countTransfersByStatus(db: QueryDb): Promise<CountRow[]> {
  return counts(db, `SELECT status AS key, count(*) AS count FROM hrss.transfers GROUP BY 1 ORDER BY 1`);
}

/** A worker's unemployment and employment registrations, and the residence clock that decides the former. */
export async function getRegistrations(db: QueryDb, params: { workerId: string }): Promise<{
  resident: { permitStatus: string; continuousResidenceSince: string | null } | null;
  unemployment: Record<string, unknown>[];
  employment: Record<string, unknown>[];
}> {
  const [resident, unemployment, employment] = await Promise.all([
    db.query<{ r: unknown }>(`SELECT to_jsonb(r) - 'worker_id' AS r FROM hrss.residents r WHERE worker_id = $1`, [params.workerId]),
    db.query<{ r: unknown }>(
      `SELECT to_jsonb(u) - 'worker_id' AS r FROM hrss.unemployment_registrations u WHERE worker_id = $1 ORDER BY stream_revision`,
      [params.workerId],
    ),
    db.query<{ r: unknown }>(
      `SELECT to_jsonb(e) - 'worker_id' AS r FROM hrss.employment_registrations e WHERE worker_id = $1 ORDER BY stream_revision`,
      [params.workerId],
    ),
  ]);
  return {
    resident: resident.rows[0] ? fromJson(resident.rows[0].r) : null,
    unemployment: unemployment.rows.map((r) => fromJson(r.r)),
    employment: employment.rows.map((r) => fromJson(r.r)),
  };
}

/** 统计监测: open unemployment registrations (not yet ended by a job or a public post). */
export async function countOpenUnemployment(db: QueryDb): Promise<number> {
  const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM hrss.unemployment_registrations WHERE ended_on IS NULL`);
  return Number(rows[0]?.n ?? 0);
}

export interface SubsidyRow {
  workerId: string;
  streamRevision: number;
  kind: string;
  refId: string;
  month: string | null;
  amountFen: number | null;
  grantedOn: string;
  ruleId: string;
}

/** Subsidies granted, by kind and a date range, newest first. */
export async function listSubsidies(
  db: QueryDb,
  params: PageParams & { kind?: string; from?: string; to?: string; workerId?: string },
): Promise<Page<SubsidyRow>> {
  const limit = pageLimit(params);
  const after = decodeCursor(params.after, 3) as [string, string, number] | null;
  const { rows } = await db.query<{ r: unknown }>(
    `SELECT to_jsonb(x) AS r FROM hrss.subsidies x
      WHERE ($1::text IS NULL OR kind = $1) AND ($2::date IS NULL OR granted_on >= $2) AND ($3::date IS NULL OR granted_on <= $3)
        AND ($4::text IS NULL OR worker_id = $4)
        AND ($5::date IS NULL OR (granted_on, worker_id, stream_revision) < ($5::date, $6::text, $7::bigint))
      ORDER BY granted_on DESC, worker_id DESC, stream_revision DESC LIMIT $8`,
    [params.kind ?? null, params.from ?? null, params.to ?? null, params.workerId ?? null, after?.[0] ?? null, after?.[1] ?? null, after?.[2] ?? null, limit + 1],
  );
  return toPage<SubsidyRow>(
    rows.map((r) => r.r),
    limit,
    (x) => encodeCursor([x.grantedOn, x.workerId, x.streamRevision]),
  );
}

/** 统计监测: subsidies by kind, count and fen. */
export async function sumSubsidiesByKind(db: QueryDb): Promise<{ kind: string; count: number; amountFen: number }[]> {
  const { rows } = await db.query<{ kind: string; count: string; amount_fen: string | null }>(
    `SELECT kind, count(*) AS count, sum(amount_fen) AS amount_fen FROM hrss.subsidies GROUP BY kind ORDER BY kind`,
  );
  return rows.map((r) => ({ kind: r.kind, count: Number(r.count), amountFen: Number(r.amount_fen ?? 0) }));
}
