import type { WorkerEvent } from './events';
import { higherEducation, higherSkill, WorkerState } from './state';

/** Folds one event into the worker's state. Pure. */
export function evolveWorker(state: WorkerState, event: WorkerEvent): WorkerState {
  switch (event.type) {
    case 'WorkerRegistered': {
      const { workerId, name, idNumber, phone, birthDate, hukouPlace, arrivalOn } = event.data;
      return { ...state, registered: true, workerId, name, idNumber, phone, birthDate, hukouPlace, arrivalOn };
    }
    case 'ContactDetailsChanged':
      return { ...state, phone: event.data.phone };
    case 'SkillCertificateRecorded':
      return {
        ...state,
        skill: higherSkill(state.skill, event.data.level),
        certificates: [...state.certificates, event.data.certificateNumber],
      };
    case 'EducationRecorded':
      return { ...state, education: higherEducation(state.education, event.data.level) };
    case 'ViolationRecorded':
      return {
        ...state,
        violations: [
          ...state.violations,
          { violationId: event.data.violationId, ground: event.data.ground, occurredOn: event.data.occurredOn },
        ],
      };
    case 'WorkerSettled':
      return {
        ...state,
        hukouMovedOn: event.data.settledOn,
        settled: {
          settledOn: event.data.settledOn,
          settleAt: event.data.settleAt,
          landRightsKept: event.data.landRightsKept,
        },
      };
    case 'HukouMoved':
      return { ...state, hukouPlace: event.data.hukouPlace, hukouMovedOn: event.data.movedOn };
    default: {
      const unexpected: never = event;
      throw new Error(`unknown worker event ${JSON.stringify(unexpected)}`);
    }
  }
}
