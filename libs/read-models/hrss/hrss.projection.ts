import type { RecordedEvent } from '@ledger/event-store';
import type { EmploymentEvent } from '@ledger/employment';
import type { InsuranceEvent } from '@ledger/insurance';
import type { Projection, ProjectionDb } from '@ledger/projections';
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
