import type { RecordedEvent } from '@ledger/event-store';
import type { HousingEvent } from '@ledger/housing';
import type { Projection, ProjectionDb } from '@ledger/projections';
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
