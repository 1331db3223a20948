import type { Pool } from 'pg';
import type { RecordedEvent } from '@ledger/event-store';
import { StreamStates } from '@ledger/application';
import { housingDecider, type HousingState } from '@ledger/housing';
import type { IsoDate } from '@ledger/kernel';
import { pointsDecider, type PointsState } from '@ledger/points';
import type { ProjectionDb } from '@ledger/projections';
import type { EndorsementSchedule, PermitRestored, PermitSuspended } from '@ledger/residence-permit';
import { tickDueRows } from './due-tick';
import { runFollowUp, type ProcessManagerDeps } from './follow-up';
import { OUTCOMES_DDL, type FollowUpOutcome } from './outcomes';
import { causeOf, type ProcessManager } from './process-manager';

const NAME = 'permit-lapse';

/**
 * Facts 住建局 attested when it last decided the entry (employment, work spells, contributions):
 * carried forward, since only the permit changed. The permit facts are read afresh by the
 * command's own loader, so they are left out here.
 */
const ATTESTED_HOUSING_FACTS = ['workSpells', 'employed', 'contributionsSince', 'outsideTalentFamily', 'workArea'];

function lastAttestedHousingFacts(events: RecordedEvent[]): Record<string, unknown> {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (!['RentalEligibilityDecided', 'WaitlistEntrySuspended', 'WaitlistEntryReinstated'].includes(e.type)) continue;
    const inputs = ((e.data as { decision?: { inputs?: Record<string, unknown> } }).decision?.inputs ?? {}) as Record<
      string,
      unknown
    >;
    return Object.fromEntries(ATTESTED_HOUSING_FACTS.filter((k) => inputs[k] !== undefined).map((k) => [k, inputs[k]]));
  }
  return {};
}

/**
 * 逾期未办理签注手续的，居住证使用功能中止 (permit.lapse, national-663 第十条): a suspended permit
 * suspends the services keyed on it that hold a standing entitlement, the worker's points and
 * their place on the public-rental waitlist; a late 签注 (permit.restore) resumes the points and
 * has the waitlist entry reviewed again (residence then counts from the late 签注, so the entry
 * may stay suspended until the rule is met again). Other services (school admission,
 * unemployment registration) read the permit when they decide and need no reaction.
 *
 * The lapse itself is time-based, so nobody has to record it by hand: every event that sets
 * the next 签注 (PermitIssued, PermitEndorsed, PermitRestored) keeps the permit's first overdue
 * day in `due`; `tick(today)` records the lapse (RecordEndorsementLapse → PermitSuspended, dated
 * from the overdue day) of every permit overdue by then. The key derives from the event that set
 * that due date (one due date per event), so a replay or a second replica appends nothing twice.
 */
export function permitLapseProcessManager(deps: ProcessManagerDeps): ProcessManager {
  const states = () => new StreamStates(deps.store);

  async function react(db: ProjectionDb, event: RecordedEvent, workerId: string, on: IsoDate, suspend: boolean) {
    const cause = causeOf(event);
    const points = await states().load<PointsState, never>(`points-${workerId}`, pointsDecider as never);
    if (points.revision >= 0) {
      await runFollowUp(deps, db, {
        processManager: NAME,
        cause,
        category: 'points',
        subjectId: workerId,
        command: suspend
          ? { type: 'SuspendPoints', data: { workerId, suspendedOn: on } }
          : { type: 'ResumePoints', data: { workerId, resumedOn: on } },
      });
    }
    const housing = await states().load<HousingState, never>(`housing-${workerId}`, housingDecider as never);
    const rental = housing.state.rental;
    if (rental && (rental.status === 'waitlisted' || rental.status === 'suspended')) {
      await runFollowUp(deps, db, {
        processManager: NAME,
        cause,
        category: 'housing',
        subjectId: workerId,
        command: { type: 'ReviewWaitlistEntry', data: { applicationId: rental.applicationId, reviewedOn: on } },
        attested: { facts: lastAttestedHousingFacts(housing.events) },
      });
    }
  }

  async function schedule(db: ProjectionDb, schema: string, event: RecordedEvent) {
    const d = event.data as unknown as { workerId: string; nextEndorsement?: EndorsementSchedule };
    if (!d.nextEndorsement) return;
    await db.query(
      `INSERT INTO ${schema}.due (worker_id, overdue_from, due_on, caused_by, correlation_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (worker_id) DO UPDATE SET overdue_from = excluded.overdue_from, due_on = excluded.due_on,
         caused_by = excluded.caused_by, correlation_id = excluded.correlation_id`,
      [d.workerId, d.nextEndorsement.overdueFrom, d.nextEndorsement.dueOn, event.eventId, event.metadata.correlationId ?? null],
    );
  }

  return {
    name: 'pm_permit_lapse',
    processManager: NAME,
    version: 2,
    eventTypes: ['PermitIssued', 'PermitEndorsed', 'PermitSuspended', 'PermitRestored', 'PermitRevoked'],
    createTables: (schema) => `${OUTCOMES_DDL}
      CREATE TABLE ${schema}.due (
        worker_id text PRIMARY KEY,
        overdue_from date NOT NULL,
        due_on date NOT NULL,
        caused_by text NOT NULL,
        correlation_id text
      );
      CREATE INDEX due_by_overdue ON ${schema}.due (overdue_from);`,
    async apply(db, schema, event) {
      if (event.type === 'PermitIssued' || event.type === 'PermitEndorsed') {
        await schedule(db, schema, event);
      } else if (event.type === 'PermitSuspended') {
        const d = event.data as unknown as PermitSuspended['data'];
        await db.query(`DELETE FROM ${schema}.due WHERE worker_id = $1`, [d.workerId]);
        await react(db, event, d.workerId, d.suspendedOn, true);
      } else if (event.type === 'PermitRestored') {
        const d = event.data as unknown as PermitRestored['data'];
        await schedule(db, schema, event);
        await react(db, event, d.workerId, d.endorsedOn, false);
      } else if (event.type === 'PermitRevoked') {
        await db.query(`DELETE FROM ${schema}.due WHERE worker_id = $1`, [(event.data as { workerId: string }).workerId]);
      }
    },

    /**
     * Records the lapse of every permit overdue by `today`, in one transaction with the rows it
     * takes (FOR UPDATE SKIP LOCKED: replicas ticking at once split them). A refusal naming a
     * later day (a 签注 made since, which the table has not seen yet) moves the row there; any
     * other outcome (recorded, already suspended, revoked) removes it.
     */
    tick(pool: Pool, today: IsoDate, schemaName = 'pm_permit_lapse'): Promise<FollowUpOutcome[]> {
      return tickDueRows(deps, pool, { schemaName, keyColumn: 'worker_id', dateColumn: 'overdue_from' }, today, (row) => ({
        processManager: NAME,
        category: 'residence-permit',
        subjectId: row.subjectId,
        command: { type: 'RecordEndorsementLapse', data: { workerId: row.subjectId } },
      }));
    },
  };
}
