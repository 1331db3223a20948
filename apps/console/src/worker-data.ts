import type { AppliedRule, LedgerClient } from './api';

/* The worker summary as GET /v1/workers/{id}/summary answers it (docs/api-reads.md). */
export interface Section {
  stream: string;
  revision: number;
  visible?: boolean;
  /** The clauses behind the section: the rules its decisions in effect applied ([] for recorded facts). */
  rules?: AppliedRule[];
  /** One of them carries illustrative numbers (示例参数). */
  illustrative?: boolean;
}
export interface Transfer {
  transferId: string;
  status: string;
  fromRegion: string;
  toRegion: string;
  letterDue: string | null;
  completionDue: string | null;
}
export interface Child extends Section {
  childId: string;
  birthDate?: string | null;
  application?: { status?: string; schoolYear?: number; grade?: number } | null;
  enrolment?: { schoolId?: string; grade?: number; enrolledOn?: string } | null;
  /** 卫健委's latest check of the 预防接种证. */
  vaccination?: { verifiedOn: string; certificate: string; missingVaccines: string[] } | null;
  vaccinationRecord?: { recordKind: string; openedOn: string } | null;
  publicHealthCoveredFrom?: string | null;
  /** The clauses behind the vaccination and basic public health (the health.* rules); `rules` above are the schooling's. */
  health?: { rules: AppliedRule[]; illustrative: boolean };
}
export interface Summary {
  workerId: string;
  worker: Section & {
    registered?: boolean;
    name?: string;
    idNumber?: string;
    phone?: string;
    birthDate?: string;
    hukouAreaCode?: string;
    arrivalOn?: string;
    settled?: unknown;
  };
  residencePermit: Section & {
    status?: string;
    arrivalOn?: string;
    address?: { line?: string; districtCode?: string } | null;
    addressSince?: string | null;
    permitNumber?: string | null;
    issuedOn?: string | null;
    validUntil?: string | null;
    continuousResidenceSince?: string | null;
    /** permit.endorse.yearly: the next 签注's window, due day and overdue day. */
    nextEndorsement?: { windowOpensOn: string; dueOn: string; overdueFrom: string } | null;
  };
  points: Section & { status?: string; total?: number; assessedOn?: string };
  insurance: Section & { contributionMonths?: Record<string, number>; transfersInFlight?: string[]; transfers?: Transfer[] };
  housing: Section & { rental?: { status?: string; submittedOn?: string } | null; homes?: unknown[] };
  children?: Child[];
}

/** 流动人口服务管理局's read model row: the points and how they were reached. */
export interface PointsRow {
  status: string;
  total: number;
  roundId: string | null;
  assessedOn: string | null;
  breakdown: { factor: string; basis: unknown; points: number; capped: boolean }[];
  factorsPackId: string | null;
  factorsPackVersion: string | null;
  factorsEffectiveFrom: string | null;
}

/** What the worker's picture draws: the summary and, when assessed, the points with their breakdown. */
export interface WorkerPicture {
  summary: Summary;
  points: PointsRow | null;
}

/** Both reads at once. From the store (never lags), not a read model: right after a 签注 it shows the next one. */
export function fetchWorkerPicture(client: LedgerClient, workerId: string): Promise<WorkerPicture> {
  return Promise.all([
    client.get<Summary>(`/v1/workers/${encodeURIComponent(workerId)}/summary`),
    // The breakdown lives in the points read model; none (404) for a worker never assessed.
    client.get<PointsRow>(`/v1/points/workers/${encodeURIComponent(workerId)}`).catch(() => null),
  ]).then(([summary, points]) => ({ summary, points }));
}

let early: { client: LedgerClient; workerId: string; picture: Promise<WorkerPicture> } | null = null;

/**
 * Asked as soon as the clerk chooses a result (Enter or a click), while the picture's script may
 * still be on its way: the picture then draws from this answer instead of asking only once it is up.
 */
export function prefetchWorkerPicture(client: LedgerClient, workerId: string): void {
  const picture = fetchWorkerPicture(client, workerId);
  picture.catch(() => undefined); // the picture shows the error when it takes this answer
  early = { client, workerId, picture };
}

/** The prefetched answer for this worker (once), or a fresh read. */
export function takeWorkerPicture(client: LedgerClient, workerId: string): Promise<WorkerPicture> {
  const found = early;
  early = null;
  if (found && found.client === client && found.workerId === workerId) return found.picture;
  return fetchWorkerPicture(client, workerId);
}
