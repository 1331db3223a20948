import type { DisabilityLevel } from '@ledger/policy/params/schooling';
import type { PolicyView } from '@ledger/policy';
import type { ChildFacts, SchoolingContext } from './context';
import type { SchoolingEvent } from './events';

/** Shared Given/When/Then fixtures for the schooling specs. */
export const ctx = (policy: PolicyView, today: string, facts?: ChildFacts): SchoolingContext => ({
  policy,
  today,
  facts,
});

export const registered = (birthDate = '2017-05-10', disability: DisabilityLevel = 'none'): SchoolingEvent => ({
  type: 'ChildRegistered',
  data: { childId: 'c1', birthDate, parentWorkerIds: ['w1', 'w2'], disability, registeredOn: '2020-01-01' },
});

export const applied = (
  appliedOn: string,
  grade = 3,
  schoolYear = Number(appliedOn.slice(0, 4)),
  area?: string,
): SchoolingEvent => ({
  type: 'EnrollmentApplied',
  data: { applicationId: 'e1', appliedOn, schoolYear, grade, ...(area ? { area } : {}) },
});

export const eligible = (attendance: 'regular' | 'deferred' | 'exempt' = 'regular'): SchoolingEvent => ({
  type: 'EnrollmentEligibilityDecided',
  data: {
    applicationId: 'e1',
    assessedOn: '2024-06-01',
    priority: false,
    rankingPoints: null,
    attendance,
    homeTeaching: attendance !== 'regular',
    decision: {} as never,
  },
});

export const offered = (schoolId = 's1'): SchoolingEvent => ({
  type: 'SeatOffered',
  data: {
    applicationId: 'e1',
    schoolId,
    schoolType: 'public',
    classComposition: 'mixed',
    fees: { schoolChoiceFen: 0, guestStudyFen: 0 },
    governmentFunded: true,
    offeredOn: '2024-07-01',
    decision: {} as never,
  },
});

export const decideE1 = { type: 'DecideEnrollmentEligibility' as const, data: { applicationId: 'e1' } };
