import type { RecordedEvent } from '@ledger/event-store';
import type { HousingEvent } from '@ledger/housing';
import { RowSet, subjects, type Projection, type ProjectionDb, type TableSpec } from '@ledger/projections';
import { domainEventOf, subjectOf } from '../shared';

const HOUSING_EVENTS = [
  'RentalApplicationSubmitted',
  'RentalEligibilityDecided',
  'Waitlisted',
  'WaitlistEntrySuspended',
  'WaitlistEntryReinstated',
  'UnitAllocated',
  'LeaseSigned',
  'TenancyEnded',
  'HomePurchased',
] as const;

/**
 * 住建局's read model: rental applications and the waitlist in order, tenancies, home purchases,
 * and each applicant's permit status and points (from their own streams) beside the list.
 */
export const housingProjection: Projection = {
  name: 'housing',
  version: 1,
  eventTypes: [...HOUSING_EVENTS, 'PermitIssued', 'PermitSuspended', 'PermitRestored', 'PermitRevoked', 'ResidenceRegistered', 'PointsAssessed', 'PointsAdjusted', 'PointsVetoed', 'PointsContributionsRecounted'],
  createTables: (s) => `
    CREATE TABLE ${s}.rental_applications (
      worker_id text NOT NULL,
      application_id text NOT NULL,
      status text NOT NULL,
      submitted_on date NOT NULL,
      household_size int NOT NULL,
      eligible_on date,
      rule_id text,
      provisional boolean,
      waitlisted_on date,
      -- the global position of the Waitlisted event: the list's order among the same day's entries
      waitlist_position bigint,
      suspended_on date,
      suspension_ground text,
      reinstated_on date,
      unit_id text,
      allocated_on date,
      lease_id text,
      stream_revision bigint NOT NULL,
      last_position bigint NOT NULL,
      PRIMARY KEY (worker_id, application_id)
    );
    CREATE INDEX ON ${s}.rental_applications (waitlisted_on, waitlist_position) WHERE status = 'waitlisted';
    CREATE TABLE ${s}.tenancies (
      worker_id text NOT NULL,
      lease_id text NOT NULL,
      application_id text NOT NULL,
      unit_id text NOT NULL,
      signed_on date NOT NULL,
      starts_on date NOT NULL,
      ends_on date,
      monthly_rent_fen bigint NOT NULL,
      ended_on date,
      end_reason text,
      last_position bigint NOT NULL,
      PRIMARY KEY (worker_id, lease_id)
    );
    CREATE TABLE ${s}.home_purchases (
      worker_id text NOT NULL,
      purchase_id text NOT NULL,
      purchased_on date NOT NULL,
      home_kind text NOT NULL,
      tax_relief text[],
      rule_id text,
      last_position bigint NOT NULL,
      PRIMARY KEY (worker_id, purchase_id)
    );
    CREATE TABLE ${s}.applicants (
      worker_id text PRIMARY KEY,
      permit_status text NOT NULL DEFAULT 'none',
      points_total int,
      points_vetoed boolean NOT NULL DEFAULT false,
      last_position bigint NOT NULL
    );`,
  async apply(db, s, recorded) {
    if (recorded.streamName.startsWith('housing-')) return applyHousing(db, s, recorded);
    if (recorded.streamName.startsWith('residence-permit-')) return applyPermit(db, s, recorded);
    if (recorded.streamName.startsWith('points-')) return applyPoints(db, s, recorded);
  },
  applyBatch: (db, s, events) => applyHousingBatch(db, s, events),
};

async function applicant(db: ProjectionDb, s: string, workerId: string, set: string, values: unknown[], position: number): Promise<void> {
  await db.query(
    `INSERT INTO ${s}.applicants (worker_id, last_position) VALUES ($1, $2) ON CONFLICT (worker_id) DO NOTHING`,
    [workerId, position],
  );
  await db.query(`UPDATE ${s}.applicants SET ${set}, last_position = $2 WHERE worker_id = $1`, [workerId, position, ...values]);
}

async function applyPermit(db: ProjectionDb, s: string, recorded: RecordedEvent): Promise<void> {
  const workerId = subjectOf(recorded, 'residence-permit');
  const status: Record<string, string> = { PermitIssued: 'valid', PermitRestored: 'valid', PermitSuspended: 'suspended', PermitRevoked: 'revoked' };
  if (recorded.type === 'ResidenceRegistered') {
    // a new 居住登记 after a revocation: no permit until one is issued
    await db.query(`UPDATE ${s}.applicants SET permit_status = 'none', last_position = $2 WHERE worker_id = $1 AND permit_status = 'revoked'`, [
      workerId,
      recorded.globalPosition,
    ]);
    return;
  }
  await applicant(db, s, workerId, 'permit_status = $3', [status[recorded.type]], recorded.globalPosition);
}

async function applyPoints(db: ProjectionDb, s: string, recorded: RecordedEvent): Promise<void> {
  const workerId = subjectOf(recorded, 'points');
  const d = domainEventOf<{ total?: number; totalAfter?: number }>(recorded).data;
  if (recorded.type === 'PointsVetoed') {
    await applicant(db, s, workerId, 'points_vetoed = true, points_total = 0', [], recorded.globalPosition);
    return;
  }
  await applicant(db, s, workerId, 'points_total = $3', [d.total ?? d.totalAfter ?? 0], recorded.globalPosition);
}

async function applyHousing(db: ProjectionDb, s: string, recorded: RecordedEvent): Promise<void> {
  const workerId = subjectOf(recorded, 'housing');
  const event = domainEventOf(recorded) as unknown as HousingEvent;
  const rev = recorded.streamRevision;
  const pos = recorded.globalPosition;
  const update = (applicationId: string, set: string, values: unknown[]) =>
    db.query(
      `UPDATE ${s}.rental_applications SET ${set}, stream_revision = $3, last_position = $4 WHERE worker_id = $1 AND application_id = $2`,
      [workerId, applicationId, rev, pos, ...values],
    );
  switch (event.type) {
    case 'RentalApplicationSubmitted': {
      const d = event.data;
      await db.query(
        `INSERT INTO ${s}.rental_applications (worker_id, application_id, status, submitted_on, household_size, stream_revision, last_position)
         VALUES ($1, $2, 'submitted', $3, $4, $5, $6)`,
        [workerId, d.applicationId, d.submittedOn, d.householdSize, rev, pos],
      );
      return;
    }
    case 'RentalEligibilityDecided':
      await update(event.data.applicationId, 'eligible_on = $5, rule_id = $6, provisional = $7', [
        event.data.assessedOn,
        event.data.decision.rules[0]?.ruleId ?? null,
        event.data.decision.provisional,
      ]);
      return;
    case 'Waitlisted':
      await update(event.data.applicationId, `status = 'waitlisted', waitlisted_on = $5, waitlist_position = $4`, [event.data.waitlistedOn]);
      return;
    case 'WaitlistEntrySuspended':
      await update(event.data.applicationId, `status = 'suspended', suspended_on = $5, suspension_ground = $6`, [
        event.data.suspendedOn,
        event.data.ground,
      ]);
      return;
    case 'WaitlistEntryReinstated':
      // Back on the list in the place it had: the order is the original waitlisting.
      await update(event.data.applicationId, `status = 'waitlisted', suspended_on = NULL, suspension_ground = NULL, reinstated_on = $5`, [
        event.data.reinstatedOn,
      ]);
      return;
    case 'UnitAllocated':
      await update(event.data.applicationId, `status = 'allocated', unit_id = $5, allocated_on = $6`, [event.data.unitId, event.data.allocatedOn]);
      return;
    case 'LeaseSigned': {
      const d = event.data;
      await update(d.applicationId, `status = 'leased', lease_id = $5`, [d.leaseId]);
      await db.query(
        `INSERT INTO ${s}.tenancies (worker_id, lease_id, application_id, unit_id, signed_on, starts_on, ends_on, monthly_rent_fen, last_position)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [workerId, d.leaseId, d.applicationId, d.unitId, d.signedOn, d.startsOn, d.endsOn ?? null, d.monthlyRentFen, pos],
      );
      return;
    }
    case 'TenancyEnded': {
      const d = event.data;
      await update(d.applicationId, `status = 'ended'`, []);
      await db.query(
        `UPDATE ${s}.tenancies SET ended_on = $3, end_reason = $4, last_position = $5 WHERE worker_id = $1 AND lease_id = $2`,
        [workerId, d.leaseId, d.endedOn, d.reason, pos],
      );
      return;
    }
    case 'HomePurchased': {
      const d = event.data;
      await db.query(
        `INSERT INTO ${s}.home_purchases (worker_id, purchase_id, purchased_on, home_kind, tax_relief, rule_id, last_position)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [workerId, d.purchaseId, d.purchasedOn, d.homeKind, d.taxRelief?.taxes ?? null, d.decision.rules[0]?.ruleId ?? null, pos],
      );
      return;
    }
    default: {
      const unexpected: never = event;
      throw new Error(`unknown housing event ${(unexpected as { type: string }).type}`);
    }
  }
}

// ——— Set-based (issue 13): the same rows as the statements above, folded in memory per batch ———

const TABLES: TableSpec[] = [
  { name: 'rental_applications', key: ['worker_id', 'application_id'] },
  { name: 'tenancies', key: ['worker_id', 'lease_id'] },
  { name: 'home_purchases', key: ['worker_id', 'purchase_id'] },
  { name: 'applicants', key: ['worker_id'] },
];

const PERMIT_STATUS: Record<string, string> = { PermitIssued: 'valid', PermitRestored: 'valid', PermitSuspended: 'suspended', PermitRevoked: 'revoked' };

async function applyHousingBatch(db: ProjectionDb, s: string, events: readonly RecordedEvent[]): Promise<void> {
  const rows = new RowSet(db, s, TABLES);
  const housing = subjects(events, (e) => (e.streamName.startsWith('housing-') ? subjectOf(e, 'housing') : undefined));
  const applicants = subjects(events, (e) =>
    e.streamName.startsWith('residence-permit-') ? subjectOf(e, 'residence-permit') : e.streamName.startsWith('points-') ? subjectOf(e, 'points') : undefined,
  );
  await rows.load('rental_applications', housing);
  await rows.load('tenancies', housing);
  await rows.load('applicants', applicants);
  for (const recorded of events) {
    if (recorded.streamName.startsWith('housing-')) foldHousing(rows, recorded);
    else if (recorded.streamName.startsWith('residence-permit-')) foldApplicantPermit(rows, recorded);
    else if (recorded.streamName.startsWith('points-')) foldApplicantPoints(rows, recorded);
  }
  await rows.flush();
}

function applicantRow(rows: RowSet, workerId: string, changes: Record<string, unknown>, position: number): void {
  const a = rows.get('applicants', [workerId]) ?? rows.put('applicants', { worker_id: workerId, permit_status: 'none', points_total: null, points_vetoed: false, last_position: position });
  Object.assign(a, changes, { last_position: position });
  rows.touch('applicants', a);
}

function foldApplicantPermit(rows: RowSet, recorded: RecordedEvent): void {
  const workerId = subjectOf(recorded, 'residence-permit');
  if (recorded.type === 'ResidenceRegistered') {
    // a new 居住登记 after a revocation: no permit until one is issued
    const a = rows.get('applicants', [workerId]);
    if (a?.permit_status === 'revoked') rows.update('applicants', [workerId], { permit_status: 'none', last_position: recorded.globalPosition });
    return;
  }
  applicantRow(rows, workerId, { permit_status: PERMIT_STATUS[recorded.type] }, recorded.globalPosition);
}

function foldApplicantPoints(rows: RowSet, recorded: RecordedEvent): void {
  const workerId = subjectOf(recorded, 'points');
  if (recorded.type === 'PointsVetoed') {
    applicantRow(rows, workerId, { points_vetoed: true, points_total: 0 }, recorded.globalPosition);
    return;
  }
  const d = domainEventOf<{ total?: number; totalAfter?: number }>(recorded).data;
  applicantRow(rows, workerId, { points_total: d.total ?? d.totalAfter ?? 0 }, recorded.globalPosition);
}

function foldHousing(rows: RowSet, recorded: RecordedEvent): void {
  const workerId = subjectOf(recorded, 'housing');
  const event = domainEventOf(recorded) as unknown as HousingEvent;
  const rev = recorded.streamRevision;
  const pos = recorded.globalPosition;
  const update = (applicationId: string, changes: Record<string, unknown>) =>
    rows.update('rental_applications', [workerId, applicationId], { ...changes, stream_revision: rev, last_position: pos });
  switch (event.type) {
    case 'RentalApplicationSubmitted': {
      const d = event.data;
      rows.put('rental_applications', {
        worker_id: workerId,
        application_id: d.applicationId,
        status: 'submitted',
        submitted_on: d.submittedOn,
        household_size: d.householdSize,
        eligible_on: null,
        rule_id: null,
        provisional: null,
        waitlisted_on: null,
        waitlist_position: null,
        suspended_on: null,
        suspension_ground: null,
        reinstated_on: null,
        unit_id: null,
        allocated_on: null,
        lease_id: null,
        stream_revision: rev,
        last_position: pos,
      });
      return;
    }
    case 'RentalEligibilityDecided':
      update(event.data.applicationId, {
        eligible_on: event.data.assessedOn,
        rule_id: event.data.decision.rules[0]?.ruleId ?? null,
        provisional: event.data.decision.provisional,
      });
      return;
    case 'Waitlisted':
      update(event.data.applicationId, { status: 'waitlisted', waitlisted_on: event.data.waitlistedOn, waitlist_position: pos });
      return;
    case 'WaitlistEntrySuspended':
      update(event.data.applicationId, { status: 'suspended', suspended_on: event.data.suspendedOn, suspension_ground: event.data.ground });
      return;
    case 'WaitlistEntryReinstated':
      // Back on the list in the place it had: the order is the original waitlisting.
      update(event.data.applicationId, { status: 'waitlisted', suspended_on: null, suspension_ground: null, reinstated_on: event.data.reinstatedOn });
      return;
    case 'UnitAllocated':
      update(event.data.applicationId, { status: 'allocated', unit_id: event.data.unitId, allocated_on: event.data.allocatedOn });
      return;
    case 'LeaseSigned': {
      const d = event.data;
      update(d.applicationId, { status: 'leased', lease_id: d.leaseId });
      rows.put('tenancies', {
        worker_id: workerId,
        lease_id: d.leaseId,
        application_id: d.applicationId,
        unit_id: d.unitId,
        signed_on: d.signedOn,
        starts_on: d.startsOn,
        ends_on: d.endsOn ?? null,
        monthly_rent_fen: d.monthlyRentFen,
        ended_on: null,
        end_reason: null,
        last_position: pos,
      });
      return;
    }
    case 'TenancyEnded': {
      const d = event.data;
      update(d.applicationId, { status: 'ended' });
      rows.update('tenancies', [workerId, d.leaseId], { ended_on: d.endedOn, end_reason: d.reason, last_position: pos });
      return;
    }
    case 'HomePurchased': {
      const d = event.data;
      rows.put('home_purchases', {
        worker_id: workerId,
        purchase_id: d.purchaseId,
        purchased_on: d.purchasedOn,
        home_kind: d.homeKind,
        tax_relief: d.taxRelief?.taxes ?? null,
        rule_id: d.decision.rules[0]?.ruleId ?? null,
        last_position: pos,
      });
      return;
    }
    default: {
      const unexpected: never = event;
      throw new Error(`unknown housing event ${(unexpected as { type: string }).type}`);
    }
  }
}
