import type { RecordedEvent } from '@ledger/event-store';
import { StreamStates } from '@ledger/application';
import { housingDecider, type HousingState } from '@ledger/housing';
import type { IsoDate } from '@ledger/kernel';
import { pointsDecider, type PointsState } from '@ledger/points';
import type { ProjectionDb } from '@ledger/projections';
import type { PermitRestored, PermitSuspended } from '@ledger/residence-permit';
import { runFollowUp, type ProcessManagerDeps } from './follow-up';
import { OUTCOMES_DDL } from './outcomes';
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

  return {
    name: 'pm_permit_lapse',
    processManager: NAME,
    version: 1,
    eventTypes: ['PermitSuspended', 'PermitRestored'],
    createTables: () => OUTCOMES_DDL,
    async apply(db, _schema, event) {
      if (event.type === 'PermitSuspended') {
        const d = event.data as unknown as PermitSuspended['data'];
        await react(db, event, d.workerId, d.suspendedOn, true);
      } else if (event.type === 'PermitRestored') {
        const d = event.data as unknown as PermitRestored['data'];
        await react(db, event, d.workerId, d.endorsedOn, false);
      }
    },
  };
}
