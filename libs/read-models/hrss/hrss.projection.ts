import type { RecordedEvent } from '@ledger/event-store';
import type { EmploymentEvent } from '@ledger/employment';
import type { InsuranceEvent } from '@ledger/insurance';
import { RowSet, subjects, type Projection, type ProjectionDb, type Row, type TableSpec } from '@ledger/projections';
import type { PermitEvent } from '@ledger/residence-permit';
import { domainEventOf, effectiveOnOf, subjectOf } from '../shared';

const INSURANCE_EVENTS = [
  'ContributionsRecorded',
  'EnrolledInSchemes',
  'TransferRequested',
  'TransferLetterIssued',
  'TransferFundsReceived',
  'TransferCompleted',
  'TransferRejected',
] as const;
const EMPLOYMENT_EVENTS = [
  'UnemploymentRegistered',
  'EmploymentRegistered',
  'PlacedOnPublicPost',
  'PublicPostSubsidyGranted',
  'StartupSubsidyGranted',
  'StartupJobsSubsidyGranted',
  'GuaranteedLoanApproved',
  'AppraisalSubsidyGranted',
  'TrainingSubsidyUplifted',
  'TrainingAppraisalSubsidyGranted',
  'LegalAidMeansTestWaived',
] as const;
/** Residence decides unemployment registration (panzhihua-2016-10 §(一)): the permit stream's clock. */
const PERMIT_EVENTS = ['ResidenceRegistered', 'ArrivalDateCorrected', 'PermitIssued', 'PermitSuspended', 'PermitRestored', 'PermitRevoked'] as const;

/**
 * 人社局's read model: contributions month by month and per scheme, enrolments, transfers in
 * flight with their deadlines, unemployment and employment registrations, subsidies granted,
 * and each worker's residence clock from the permit stream.
 */
export const hrssProjection: Projection = {
  name: 'hrss',
  version: 1,
  eventTypes: [...INSURANCE_EVENTS, ...EMPLOYMENT_EVENTS, ...PERMIT_EVENTS],
  createTables: (s) => `
    CREATE TABLE ${s}.contribution_months (
      worker_id text NOT NULL,
      scheme text NOT NULL,
      month text NOT NULL,
      region text NOT NULL,
      via text NOT NULL,
      transfer_id text NOT NULL DEFAULT '',
      base_fen bigint NOT NULL,
      last_position bigint NOT NULL,
      PRIMARY KEY (worker_id, scheme, month, region, via, transfer_id)
    );
    CREATE TABLE ${s}.accounts (
      worker_id text NOT NULL,
      scheme text NOT NULL,
      months int NOT NULL,
      months_paid_twice int NOT NULL,
      first_month text,
      last_month text,
      regions text[] NOT NULL,
      last_position bigint NOT NULL,
      PRIMARY KEY (worker_id, scheme)
    );
    CREATE TABLE ${s}.enrolments (
      worker_id text NOT NULL,
      scheme text NOT NULL,
      basis text NOT NULL,
      project_id text NOT NULL DEFAULT '',
      employer_id text,
      since date NOT NULL,
      rule_id text NOT NULL,
      last_position bigint NOT NULL,
      PRIMARY KEY (worker_id, scheme, basis, project_id)
    );
    CREATE TABLE ${s}.transfers (
      worker_id text NOT NULL,
      transfer_id text NOT NULL,
      status text NOT NULL,
      from_scheme text NOT NULL,
      to_scheme text NOT NULL,
      from_region text NOT NULL,
      to_region text NOT NULL,
      requested_on date NOT NULL,
      letter_due date,
      completion_due date,
      rule_id text NOT NULL,
      letter_id text,
      letter_issued_on date,
      months text[],
      amount_fen bigint,
      funds_received_on date,
      months_credited int,
      months_already_held int,
      completed_on date,
      rejected_on date,
      reason_code text,
      last_position bigint NOT NULL,
      PRIMARY KEY (worker_id, transfer_id)
    );
    CREATE INDEX ON ${s}.transfers (status, requested_on);
    CREATE TABLE ${s}.unemployment_registrations (
      worker_id text NOT NULL,
      stream_revision bigint NOT NULL,
      registered_on date NOT NULL,
      continuous_residence_since date NOT NULL,
      rule_id text NOT NULL,
      ended_on date,
      ended_by text,
      last_position bigint NOT NULL,
      PRIMARY KEY (worker_id, stream_revision)
    );
    CREATE TABLE ${s}.employment_registrations (
      worker_id text NOT NULL,
      stream_revision bigint NOT NULL,
      kind text NOT NULL,
      employer_id text NOT NULL,
      post_id text,
      started_on date NOT NULL,
      registered_on date NOT NULL,
      last_position bigint NOT NULL,
      PRIMARY KEY (worker_id, stream_revision)
    );
    CREATE TABLE ${s}.subsidies (
      worker_id text NOT NULL,
      stream_revision bigint NOT NULL,
      kind text NOT NULL,
      ref_id text NOT NULL,
      month text,
      amount_fen bigint,
      granted_on date NOT NULL,
      rule_id text NOT NULL,
      last_position bigint NOT NULL,
      PRIMARY KEY (worker_id, stream_revision)
    );
    CREATE INDEX ON ${s}.subsidies (kind, granted_on);
    CREATE TABLE ${s}.residents (
      worker_id text PRIMARY KEY,
      permit_status text NOT NULL,
      continuous_residence_since date,
      last_position bigint NOT NULL
    );`,
  async apply(db, s, event) {
    if (event.streamName.startsWith('insurance-')) return applyInsurance(db, s, event);
    if (event.streamName.startsWith('employment-')) return applyEmployment(db, s, event);
    if (event.streamName.startsWith('residence-permit-')) return applyResidence(db, s, event);
  },
  applyBatch: (db, s, events) => applyHrssBatch(db, s, events),
};

/** Recounts a scheme's account from its months: a month paid in two places counts once (docs/policy-rules.md §3). */
async function recount(db: ProjectionDb, s: string, workerId: string, scheme: string, position: number): Promise<void> {
  await db.query(
    `INSERT INTO ${s}.accounts AS a (worker_id, scheme, months, months_paid_twice, first_month, last_month, regions, last_position)
     SELECT $1, $2, count(DISTINCT month), count(*) FILTER (WHERE n > 1), min(month), max(month),
            coalesce((SELECT array_agg(DISTINCT region ORDER BY region) FROM ${s}.contribution_months
                       WHERE worker_id = $1 AND scheme = $2), '{}'), $3
       FROM (SELECT month, count(*) AS n FROM ${s}.contribution_months WHERE worker_id = $1 AND scheme = $2 GROUP BY month) m
     ON CONFLICT (worker_id, scheme) DO UPDATE SET months = excluded.months, months_paid_twice = excluded.months_paid_twice,
       first_month = excluded.first_month, last_month = excluded.last_month, regions = excluded.regions,
       last_position = excluded.last_position`,
    [workerId, scheme, position],
  );
}

const ruleOf = (decision: { rules: { ruleId: string }[] }) => decision.rules[0]?.ruleId ?? '';

async function applyInsurance(db: ProjectionDb, s: string, recorded: RecordedEvent): Promise<void> {
  const workerId = subjectOf(recorded, 'insurance');
  const event = domainEventOf(recorded) as unknown as InsuranceEvent;
  const pos = recorded.globalPosition;
  switch (event.type) {
    case 'ContributionsRecorded': {
      const d = event.data;
      // A place's own payment for a month replaces itself (a correction), as the domain folds it.
      await db.query(
        `INSERT INTO ${s}.contribution_months (worker_id, scheme, month, region, via, transfer_id, base_fen, last_position)
         SELECT $1, $2, m, $3, 'paid', '', $4, $5 FROM unnest($6::text[]) AS m
         ON CONFLICT (worker_id, scheme, month, region, via, transfer_id)
         DO UPDATE SET base_fen = excluded.base_fen, last_position = excluded.last_position`,
        [workerId, d.scheme, d.region, d.baseFen, pos, d.months],
      );
      await recount(db, s, workerId, d.scheme, pos);
      return;
    }
    case 'EnrolledInSchemes': {
      const d = event.data;
      await db.query(
        `INSERT INTO ${s}.enrolments (worker_id, scheme, basis, project_id, employer_id, since, rule_id, last_position)
         SELECT $1, scheme, $2, $3, $4, $5, $6, $7 FROM unnest($8::text[]) AS scheme
         ON CONFLICT (worker_id, scheme, basis, project_id) DO UPDATE SET employer_id = excluded.employer_id,
           since = excluded.since, rule_id = excluded.rule_id, last_position = excluded.last_position`,
        [workerId, d.basis, d.projectId ?? '', d.employerId ?? null, d.enrolledOn, ruleOf(d.decision), pos, d.schemes],
      );
      return;
    }
    case 'TransferRequested': {
      const d = event.data;
      await db.query(
        `INSERT INTO ${s}.transfers (worker_id, transfer_id, status, from_scheme, to_scheme, from_region, to_region,
           requested_on, letter_due, completion_due, rule_id, last_position)
         VALUES ($1, $2, 'requested', $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [workerId, d.transferId, d.fromScheme, d.toScheme, d.fromRegion, d.toRegion, d.requestedOn, d.letterDue ?? null,
          d.completionDue ?? null, ruleOf(d.decision), pos],
      );
      return;
    }
    case 'TransferLetterIssued':
      await db.query(
        `UPDATE ${s}.transfers SET status = 'letter-issued', letter_id = $3, letter_issued_on = $4, last_position = $5
          WHERE worker_id = $1 AND transfer_id = $2`,
        [workerId, event.data.transferId, event.data.letterId, event.data.issuedOn, pos],
      );
      return;
    case 'TransferFundsReceived':
      await db.query(
        `UPDATE ${s}.transfers SET status = 'funds-received', months = $3, amount_fen = $4, funds_received_on = $5, last_position = $6
          WHERE worker_id = $1 AND transfer_id = $2`,
        [workerId, event.data.transferId, event.data.months, event.data.amountFen, event.data.receivedOn, pos],
      );
      return;
    case 'TransferCompleted': {
      const d = event.data;
      const { rows } = await db.query<{ from_scheme: string; to_scheme: string; from_region: string; to_region: string; months: string[] | null }>(
        `SELECT from_scheme, to_scheme, from_region, to_region, months FROM ${s}.transfers WHERE worker_id = $1 AND transfer_id = $2`,
        [workerId, d.transferId],
      );
      const t = rows[0];
      if (t) {
        // The account moves (as the domain folds it): each month leaves the source scheme and
        // place, keeping its base, and joins the destination beside any payment held there.
        const months = t.months ?? [];
        const bases = await db.query<{ month: string; base_fen: string }>(
          `SELECT DISTINCT ON (month) month, base_fen FROM ${s}.contribution_months
            WHERE worker_id = $1 AND scheme = $2 AND region = $3 AND month = ANY($4::text[])
            ORDER BY month, via, transfer_id`,
          [workerId, t.from_scheme, t.from_region, months],
        );
        const baseOf = new Map(bases.rows.map((r) => [r.month, r.base_fen]));
        await db.query(
          `DELETE FROM ${s}.contribution_months WHERE worker_id = $1 AND scheme = $2 AND region = $3 AND month = ANY($4::text[])`,
          [workerId, t.from_scheme, t.from_region, months],
        );
        await db.query(
          `INSERT INTO ${s}.contribution_months (worker_id, scheme, month, region, via, transfer_id, base_fen, last_position)
           SELECT $1, $2, m.month, $3, 'transfer', $4, m.base, $5 FROM unnest($6::text[], $7::bigint[]) AS m(month, base)
           ON CONFLICT (worker_id, scheme, month, region, via, transfer_id)
           DO UPDATE SET base_fen = excluded.base_fen, last_position = excluded.last_position`,
          [workerId, t.to_scheme, t.to_region, d.transferId, pos, months, months.map((m) => baseOf.get(m) ?? '0')],
        );
        await recount(db, s, workerId, t.from_scheme, pos);
        if (t.to_scheme !== t.from_scheme) await recount(db, s, workerId, t.to_scheme, pos);
      }
      await db.query(
        `UPDATE ${s}.transfers SET status = 'completed', completed_on = $3, months_credited = $4, months_already_held = $5,
           last_position = $6 WHERE worker_id = $1 AND transfer_id = $2`,
        [workerId, d.transferId, d.completedOn, d.monthsCredited.length, d.monthsAlreadyHeld.length, pos],
      );
      return;
    }
    case 'TransferRejected':
      await db.query(
        `UPDATE ${s}.transfers SET status = 'rejected', rejected_on = $3, reason_code = $4, last_position = $5
          WHERE worker_id = $1 AND transfer_id = $2`,
        [workerId, event.data.transferId, event.data.rejectedOn, event.data.reasonCode, pos],
      );
      return;
    default: {
      const unexpected: never = event;
      throw new Error(`unknown insurance event ${(unexpected as { type: string }).type}`);
    }
  }
}

async function applyEmployment(db: ProjectionDb, s: string, recorded: RecordedEvent): Promise<void> {
  const workerId = subjectOf(recorded, 'employment');
  const event = domainEventOf(recorded) as unknown as EmploymentEvent;
  const at = [workerId, recorded.streamRevision, recorded.globalPosition];
  const subsidy = (kind: string, refId: string, amountFen: number | null, month: string | null = null) =>
    db.query(
      `INSERT INTO ${s}.subsidies (worker_id, stream_revision, last_position, kind, ref_id, month, amount_fen, granted_on, rule_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [...at, kind, refId, month, amountFen, event.data.decision.decidedOn ?? effectiveOnOf(recorded), ruleOf(event.data.decision)],
    );
  // A job (or a public post) ends the open unemployment registration.
  const endUnemployment = (on: string, by: string) =>
    db.query(
      `UPDATE ${s}.unemployment_registrations SET ended_on = $2, ended_by = $3, last_position = $4
        WHERE worker_id = $1 AND ended_on IS NULL`,
      [workerId, on, by, recorded.globalPosition],
    );
  switch (event.type) {
    case 'UnemploymentRegistered':
      await db.query(
        `INSERT INTO ${s}.unemployment_registrations (worker_id, stream_revision, last_position, registered_on,
           continuous_residence_since, rule_id) VALUES ($1, $2, $3, $4, $5, $6)`,
        [...at, event.data.registeredOn, event.data.continuousResidenceSince, ruleOf(event.data.decision)],
      );
      return;
    case 'EmploymentRegistered':
      await endUnemployment(event.data.startedOn, 'employment');
      await db.query(
        `INSERT INTO ${s}.employment_registrations (worker_id, stream_revision, last_position, kind, employer_id, started_on, registered_on)
         VALUES ($1, $2, $3, 'employment', $4, $5, $6)`,
        [...at, event.data.employerId, event.data.startedOn, event.data.registeredOn],
      );
      return;
    case 'PlacedOnPublicPost':
      await endUnemployment(event.data.startedOn, 'public-post');
      await db.query(
        `INSERT INTO ${s}.employment_registrations (worker_id, stream_revision, last_position, kind, employer_id, post_id,
           started_on, registered_on) VALUES ($1, $2, $3, 'public-post', $4, $5, $6, $7)`,
        [...at, event.data.employerId, event.data.postId, event.data.startedOn, event.data.decision.decidedOn ?? event.data.startedOn],
      );
      return;
    case 'PublicPostSubsidyGranted':
      await subsidy('public-post', event.data.postId, event.data.totalFen, event.data.month);
      return;
    case 'StartupSubsidyGranted':
      await subsidy('startup', event.data.ventureId, event.data.amountFen);
      return;
    case 'StartupJobsSubsidyGranted':
      await subsidy('startup-jobs', event.data.ventureId, event.data.amountFen);
      return;
    case 'GuaranteedLoanApproved':
      await subsidy('guaranteed-loan', event.data.loanId, event.data.amountFen);
      return;
    case 'AppraisalSubsidyGranted':
      await subsidy('appraisal', event.data.certificateId, event.data.amountFen);
      return;
    case 'TrainingSubsidyUplifted':
      await subsidy('training-uplift', event.data.trainingId, event.data.amountFen);
      return;
    case 'TrainingAppraisalSubsidyGranted':
      await subsidy('training-appraisal', event.data.claimId, event.data.amountFen);
      return;
    case 'LegalAidMeansTestWaived':
      await subsidy('legal-aid', event.data.caseId, null);
      return;
    default: {
      const unexpected: never = event;
      throw new Error(`unknown employment event ${(unexpected as { type: string }).type}`);
    }
  }
}

async function applyResidence(db: ProjectionDb, s: string, recorded: RecordedEvent): Promise<void> {
  const workerId = subjectOf(recorded, 'residence-permit');
  const event = domainEventOf(recorded) as unknown as PermitEvent;
  const upsert = (status: string | null, since: string | null | undefined) =>
    db.query(
      `INSERT INTO ${s}.residents AS r (worker_id, permit_status, continuous_residence_since, last_position)
       VALUES ($1, coalesce($2, 'none'), $3, $4)
       ON CONFLICT (worker_id) DO UPDATE SET permit_status = coalesce($2, r.permit_status),
         continuous_residence_since = CASE WHEN $5 THEN excluded.continuous_residence_since ELSE r.continuous_residence_since END,
         last_position = excluded.last_position`,
      [workerId, status, since ?? null, recorded.globalPosition, since !== undefined],
    );
  switch (event.type) {
    case 'ResidenceRegistered':
      await upsert(null, event.data.arrivalOn);
      await db.query(`UPDATE ${s}.residents SET permit_status = 'none' WHERE worker_id = $1 AND permit_status = 'revoked'`, [workerId]);
      return;
    case 'ArrivalDateCorrected':
      await upsert(null, event.data.arrivalOn);
      return;
    case 'PermitIssued':
      await upsert('active', event.data.continuousResidenceSince);
      return;
    case 'PermitSuspended':
      await upsert('suspended', undefined);
      return;
    case 'PermitRestored':
      await upsert('active', event.data.continuousResidenceSince);
      return;
    case 'PermitRevoked':
      await upsert('revoked', event.data.reason === 'moved-away' ? null : undefined);
      return;
    default:
      return;
  }
}

// ——— Set-based (issue 13): the same rows as the statements above, folded in memory per batch ———

const TABLES: TableSpec[] = [
  { name: 'contribution_months', key: ['worker_id', 'scheme', 'month', 'region', 'via', 'transfer_id'] },
  { name: 'accounts', key: ['worker_id', 'scheme'] },
  { name: 'enrolments', key: ['worker_id', 'scheme', 'basis', 'project_id'] },
  { name: 'transfers', key: ['worker_id', 'transfer_id'] },
  { name: 'unemployment_registrations', key: ['worker_id', 'stream_revision'] },
  { name: 'employment_registrations', key: ['worker_id', 'stream_revision'] },
  { name: 'subsidies', key: ['worker_id', 'stream_revision'] },
  { name: 'residents', key: ['worker_id'] },
];

const workerOfStream = (e: RecordedEvent): string | undefined => {
  for (const prefix of ['insurance-', 'employment-', 'residence-permit-']) if (e.streamName.startsWith(prefix)) return e.streamName.slice(prefix.length);
  return undefined;
};

async function applyHrssBatch(db: ProjectionDb, s: string, events: readonly RecordedEvent[]): Promise<void> {
  const rows = new RowSet(db, s, TABLES);
  const of = (prefix: string) => subjects(events, (e) => (e.streamName.startsWith(prefix) ? workerOfStream(e) : undefined));
  const insured = of('insurance-');
  // A completed transfer moves months out of a scheme and place: those workers' months are all
  // loaded and their accounts recounted. Everyone else's months only ever gain rows, so an
  // account goes on from its stored counts and the months the batch pays, loaded by (worker,
  // scheme, month): a batch reads what it touches, not every month a worker ever paid.
  const moving = new Set(subjects(events, (e) => (e.type === 'TransferCompleted' && e.streamName.startsWith('insurance-') ? workerOfStream(e) : undefined)));
  const paid = new Map<string, [string, string, string]>();
  /** (worker, scheme) → the months the batch pays into it. */
  const paidInto = new Map<string, Set<string>>();
  for (const e of events) {
    if (e.type !== 'ContributionsRecorded' || !e.streamName.startsWith('insurance-')) continue;
    const workerId = workerOfStream(e)!;
    if (moving.has(workerId)) continue;
    const d = (domainEventOf(e) as unknown as Extract<InsuranceEvent, { type: 'ContributionsRecorded' }>).data;
    const account = `${workerId}\u0000${d.scheme}`;
    const months = paidInto.get(account) ?? new Set<string>();
    paidInto.set(account, months);
    for (const month of d.months) {
      paid.set(monthKey(workerId, d.scheme, month), [workerId, d.scheme, month]);
      months.add(month);
    }
  }
  await rows.load('contribution_months', moving);
  await rows.loadMatching('contribution_months', ['worker_id', 'scheme', 'month'], [...paid.values()]);
  await rows.load('accounts', subjects([...paid.values()], ([workerId]) => workerId));
  await rows.load('transfers', insured);
  await rows.load('unemployment_registrations', of('employment-'));
  await rows.load('residents', of('residence-permit-'));
  const rowsPerMonth = (workerId: string) => {
    const n = new Map<string, { rows: number; regions: Set<string> }>();
    for (const m of rows.of('contribution_months', workerId)) {
      const key = monthKey(workerId, m.scheme as string, m.month as string);
      const at = n.get(key) ?? { rows: 0, regions: new Set<string>() };
      at.rows += 1;
      at.regions.add(m.region as string);
      n.set(key, at);
    }
    return n;
  };
  const before = new Map<string, number>();
  for (const workerId of new Set([...paid.values()].map(([w]) => w))) for (const [key, { rows: n }] of rowsPerMonth(workerId)) before.set(key, n);
  // The accounts a batch touched, folded once at its end: no recount per event.
  const accounts = new Map<string, { workerId: string; scheme: string; position: number }>();
  const touch = (workerId: string, scheme: string, position: number) => accounts.set(`${workerId}\u0000${scheme}`, { workerId, scheme, position });
  for (const recorded of events) {
    if (recorded.streamName.startsWith('insurance-')) foldInsurance(rows, recorded, touch);
    else if (recorded.streamName.startsWith('employment-')) foldEmployment(rows, recorded);
    else if (recorded.streamName.startsWith('residence-permit-')) foldResidence(rows, recorded);
  }
  const after = new Map<string, Map<string, { rows: number; regions: Set<string> }>>();
  for (const { workerId, scheme, position } of accounts.values()) {
    if (moving.has(workerId)) {
      rows.put('accounts', recountInMemory(rows, workerId, scheme, position));
      continue;
    }
    let perMonth = after.get(workerId);
    if (!perMonth) after.set(workerId, (perMonth = rowsPerMonth(workerId)));
    const old = rows.get('accounts', [workerId, scheme]);
    let months = Number(old?.months ?? 0);
    let twice = Number(old?.months_paid_twice ?? 0);
    let first = (old?.first_month as string | null | undefined) ?? null;
    let last = (old?.last_month as string | null | undefined) ?? null;
    const regions = new Set<string>((old?.regions as string[] | undefined) ?? []);
    for (const month of paidInto.get(`${workerId}\u0000${scheme}`) ?? []) {
      const key = monthKey(workerId, scheme, month);
      const was = before.get(key) ?? 0;
      const now = perMonth.get(key);
      const is = now?.rows ?? 0;
      months += Number(is > 0) - Number(was > 0);
      twice += Number(is > 1) - Number(was > 1);
      if (is > 0) {
        if (first === null || month < first) first = month;
        if (last === null || month > last) last = month;
        for (const region of now!.regions) regions.add(region);
      }
    }
    rows.put('accounts', {
      worker_id: workerId,
      scheme,
      months,
      months_paid_twice: twice,
      first_month: first,
      last_month: last,
      regions: [...regions].sort(),
      last_position: position,
    });
  }
  await rows.flush();
}

const monthKey = (workerId: string, scheme: string, month: string) => `${workerId}\u0000${scheme}\u0000${month}`;

/** A scheme's account counted from all of a worker's months (loaded whole): as `recount` does in SQL. */
function recountInMemory(rows: RowSet, workerId: string, scheme: string, position: number): Row {
  const perMonth = new Map<string, number>();
  const regions = new Set<string>();
  for (const m of rows.of('contribution_months', workerId)) {
    if (m.scheme !== scheme) continue;
    perMonth.set(m.month as string, (perMonth.get(m.month as string) ?? 0) + 1);
    regions.add(m.region as string);
  }
  const months = [...perMonth.keys()].sort();
  return {
    worker_id: workerId,
    scheme,
    months: months.length,
    months_paid_twice: [...perMonth.values()].filter((n) => n > 1).length,
    first_month: months[0] ?? null,
    last_month: months[months.length - 1] ?? null,
    regions: [...regions].sort(),
    last_position: position,
  };
}

function foldInsurance(rows: RowSet, recorded: RecordedEvent, touch: (workerId: string, scheme: string, position: number) => void): void {
  const workerId = subjectOf(recorded, 'insurance');
  const event = domainEventOf(recorded) as unknown as InsuranceEvent;
  const pos = recorded.globalPosition;
  const transfer = (transferId: string, changes: Record<string, unknown>) =>
    rows.update('transfers', [workerId, transferId], { ...changes, last_position: pos });
  switch (event.type) {
    case 'ContributionsRecorded': {
      const d = event.data;
      for (const month of d.months) {
        rows.put('contribution_months', { worker_id: workerId, scheme: d.scheme, month, region: d.region, via: 'paid', transfer_id: '', base_fen: d.baseFen, last_position: pos });
      }
      touch(workerId, d.scheme, pos);
      return;
    }
    case 'EnrolledInSchemes': {
      const d = event.data;
      for (const scheme of d.schemes) {
        rows.put('enrolments', {
          worker_id: workerId,
          scheme,
          basis: d.basis,
          project_id: d.projectId ?? '',
          employer_id: d.employerId ?? null,
          since: d.enrolledOn,
          rule_id: ruleOf(d.decision),
          last_position: pos,
        });
      }
      return;
    }
    case 'TransferRequested': {
      const d = event.data;
      rows.put('transfers', {
        worker_id: workerId,
        transfer_id: d.transferId,
        status: 'requested',
        from_scheme: d.fromScheme,
        to_scheme: d.toScheme,
        from_region: d.fromRegion,
        to_region: d.toRegion,
        requested_on: d.requestedOn,
        letter_due: d.letterDue ?? null,
        completion_due: d.completionDue ?? null,
        rule_id: ruleOf(d.decision),
        letter_id: null,
        letter_issued_on: null,
        months: null,
        amount_fen: null,
        funds_received_on: null,
        months_credited: null,
        months_already_held: null,
        completed_on: null,
        rejected_on: null,
        reason_code: null,
        last_position: pos,
      });
      return;
    }
    case 'TransferLetterIssued':
      transfer(event.data.transferId, { status: 'letter-issued', letter_id: event.data.letterId, letter_issued_on: event.data.issuedOn });
      return;
    case 'TransferFundsReceived':
      transfer(event.data.transferId, { status: 'funds-received', months: event.data.months, amount_fen: event.data.amountFen, funds_received_on: event.data.receivedOn });
      return;
    case 'TransferCompleted': {
      const d = event.data;
      const t = rows.get('transfers', [workerId, d.transferId]);
      if (t) {
        const months = new Set((t.months as string[] | null) ?? []);
        // The account moves: each month leaves the source scheme and place with its base (the
        // first by via, transfer id) and joins the destination beside any payment held there.
        const leaving = rows
          .of('contribution_months', workerId)
          .filter((m) => m.scheme === t.from_scheme && m.region === t.from_region && months.has(m.month as string))
          .sort((a, b) => cmp(a.via, b.via) || cmp(a.transfer_id, b.transfer_id));
        const baseOf = new Map<string, unknown>();
        for (const m of leaving) if (!baseOf.has(m.month as string)) baseOf.set(m.month as string, m.base_fen);
        for (const m of leaving) rows.delete('contribution_months', m);
        for (const month of (t.months as string[] | null) ?? []) {
          rows.put('contribution_months', {
            worker_id: workerId,
            scheme: t.to_scheme,
            month,
            region: t.to_region,
            via: 'transfer',
            transfer_id: d.transferId,
            base_fen: Number(baseOf.get(month) ?? 0),
            last_position: pos,
          });
        }
        touch(workerId, t.from_scheme as string, pos);
        if (t.to_scheme !== t.from_scheme) touch(workerId, t.to_scheme as string, pos);
      }
      transfer(d.transferId, {
        status: 'completed',
        completed_on: d.completedOn,
        months_credited: d.monthsCredited.length,
        months_already_held: d.monthsAlreadyHeld.length,
      });
      return;
    }
    case 'TransferRejected':
      transfer(event.data.transferId, { status: 'rejected', rejected_on: event.data.rejectedOn, reason_code: event.data.reasonCode });
      return;
    default: {
      const unexpected: never = event;
      throw new Error(`unknown insurance event ${(unexpected as { type: string }).type}`);
    }
  }
}

const cmp = (a: unknown, b: unknown) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0);

function foldEmployment(rows: RowSet, recorded: RecordedEvent): void {
  const workerId = subjectOf(recorded, 'employment');
  const event = domainEventOf(recorded) as unknown as EmploymentEvent;
  const at = { worker_id: workerId, stream_revision: recorded.streamRevision, last_position: recorded.globalPosition };
  const subsidy = (kind: string, refId: string, amountFen: number | null, month: string | null = null) =>
    rows.put('subsidies', {
      ...at,
      kind,
      ref_id: refId,
      month,
      amount_fen: amountFen,
      granted_on: event.data.decision.decidedOn ?? effectiveOnOf(recorded),
      rule_id: ruleOf(event.data.decision),
    });
  const endUnemployment = (on: string, by: string) => {
    for (const u of rows.of('unemployment_registrations', workerId)) {
      if (u.ended_on !== null && u.ended_on !== undefined) continue;
      Object.assign(u, { ended_on: on, ended_by: by, last_position: recorded.globalPosition });
      rows.touch('unemployment_registrations', u);
    }
  };
  const employment = (kind: string, employerId: string, postId: string | null, startedOn: string, registeredOn: string) =>
    rows.put('employment_registrations', { ...at, kind, employer_id: employerId, post_id: postId, started_on: startedOn, registered_on: registeredOn });
  switch (event.type) {
    case 'UnemploymentRegistered':
      rows.put('unemployment_registrations', {
        ...at,
        registered_on: event.data.registeredOn,
        continuous_residence_since: event.data.continuousResidenceSince,
        rule_id: ruleOf(event.data.decision),
        ended_on: null,
        ended_by: null,
      });
      return;
    case 'EmploymentRegistered':
      endUnemployment(event.data.startedOn, 'employment');
      employment('employment', event.data.employerId, null, event.data.startedOn, event.data.registeredOn);
      return;
    case 'PlacedOnPublicPost':
      endUnemployment(event.data.startedOn, 'public-post');
      employment('public-post', event.data.employerId, event.data.postId, event.data.startedOn, event.data.decision.decidedOn ?? event.data.startedOn);
      return;
    case 'PublicPostSubsidyGranted':
      subsidy('public-post', event.data.postId, event.data.totalFen, event.data.month);
      return;
    case 'StartupSubsidyGranted':
      subsidy('startup', event.data.ventureId, event.data.amountFen);
      return;
    case 'StartupJobsSubsidyGranted':
      subsidy('startup-jobs', event.data.ventureId, event.data.amountFen);
      return;
    case 'GuaranteedLoanApproved':
      subsidy('guaranteed-loan', event.data.loanId, event.data.amountFen);
      return;
    case 'AppraisalSubsidyGranted':
      subsidy('appraisal', event.data.certificateId, event.data.amountFen);
      return;
    case 'TrainingSubsidyUplifted':
      subsidy('training-uplift', event.data.trainingId, event.data.amountFen);
      return;
    case 'TrainingAppraisalSubsidyGranted':
      subsidy('training-appraisal', event.data.claimId, event.data.amountFen);
      return;
    case 'LegalAidMeansTestWaived':
      subsidy('legal-aid', event.data.caseId, null);
      return;
    default: {
      const unexpected: never = event;
      throw new Error(`unknown employment event ${(unexpected as { type: string }).type}`);
    }
  }
}

function foldResidence(rows: RowSet, recorded: RecordedEvent): void {
  const workerId = subjectOf(recorded, 'residence-permit');
  const event = domainEventOf(recorded) as unknown as PermitEvent;
  /** status null keeps the current one; since undefined keeps the current clock. */
  const upsert = (status: string | null, since: string | null | undefined) => {
    const r = rows.get('residents', [workerId]);
    if (!r) {
      return rows.put('residents', { worker_id: workerId, permit_status: status ?? 'none', continuous_residence_since: since ?? null, last_position: recorded.globalPosition });
    }
    if (status !== null) r.permit_status = status;
    if (since !== undefined) r.continuous_residence_since = since;
    r.last_position = recorded.globalPosition;
    rows.touch('residents', r);
    return r;
  };
  switch (event.type) {
    case 'ResidenceRegistered': {
      const r = upsert(null, event.data.arrivalOn);
      if (r.permit_status === 'revoked') r.permit_status = 'none';
      return;
    }
    case 'ArrivalDateCorrected':
      upsert(null, event.data.arrivalOn);
      return;
    case 'PermitIssued':
      upsert('active', event.data.continuousResidenceSince);
      return;
    case 'PermitSuspended':
      upsert('suspended', undefined);
      return;
    case 'PermitRestored':
      upsert('active', event.data.continuousResidenceSince);
      return;
    case 'PermitRevoked':
      upsert('revoked', event.data.reason === 'moved-away' ? null : undefined);
      return;
    default:
      return;
  }
}
