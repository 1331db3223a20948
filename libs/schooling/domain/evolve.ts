import type { SchoolingEvent } from './events';
import type { EnrollmentApplication, SchoolingState } from './state';

function withApplication(state: SchoolingState, change: Partial<EnrollmentApplication>): SchoolingState {
  return state.application ? { ...state, application: { ...state.application, ...change } } : state;
}

export function evolve(state: SchoolingState, event: SchoolingEvent): SchoolingState {
  switch (event.type) {
    case 'ChildRegistered': {
      const { childId, birthDate, parentWorkerIds, disability } = event.data;
      return { ...state, child: { childId, birthDate, parentWorkerIds, disability } };
    }
    case 'VaccinationVerified':
      return { ...state, vaccination: { ...event.data } };
    case 'VaccinationRecordOpened':
      return { ...state, vaccinationRecord: { recordKind: event.data.recordKind, openedOn: event.data.openedOn } };
    case 'PublicHealthCoverageDecided':
      return { ...state, publicHealthCoveredFrom: event.data.coveredFrom };
    case 'EnrollmentApplied':
      return { ...state, application: { ...event.data, status: 'applied' } };
    case 'EnrollmentEligibilityDecided':
      return withApplication(state, { status: 'eligible', attendance: event.data.attendance });
    case 'SeatOffered':
      return withApplication(state, {
        status: 'offered',
        offer: { schoolId: event.data.schoolId, schoolType: event.data.schoolType },
      });
    case 'AdmissionDeclined':
      return withApplication(state, { status: 'eligible', offer: undefined });
    case 'Enrolled':
      return {
        ...withApplication(state, { status: 'enrolled' }),
        enrolment: { schoolId: event.data.schoolId, grade: event.data.grade, enrolledOn: event.data.enrolledOn },
      };
    case 'VaccinationCatchUpReferred':
      return state;
    case 'SettledBuyerPriorityGranted':
      return {
        ...state,
        settledBuyerPriority: { parentWorkerId: event.data.parentWorkerId, from: event.data.grantedFrom },
      };
    case 'ExamEligibilityDecided':
      return { ...state, examYears: [...state.examYears, event.data.examYear] };
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled schooling event ${(unhandled as SchoolingEvent).type}`);
    }
  }
}
