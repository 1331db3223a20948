import type { IsoDate } from '@ledger/kernel';
import { InvalidSchoolingCommand } from './errors';
import type { EnrollmentApplication, EnrollmentStatus, SchoolingState } from './state';

/** effectiveOn only where the fact took effect on another day than it is recorded. */
export function effectiveOn(date: IsoDate, today: IsoDate): { effectiveOn?: IsoDate } {
  return date === today ? {} : { effectiveOn: date };
}

export function requireChild(state: SchoolingState): NonNullable<SchoolingState['child']> {
  if (!state.child)
    throw new InvalidSchoolingCommand('CHILD_NOT_REGISTERED', 'the child is not registered on this stream');
  return state.child;
}

export function requireApplication(
  state: SchoolingState,
  applicationId: string,
  allowed: EnrollmentStatus[],
): EnrollmentApplication {
  const application = state.application;
  if (!application || application.applicationId !== applicationId) {
    throw new InvalidSchoolingCommand(
      'UNKNOWN_APPLICATION',
      `no enrolment application ${applicationId} on this stream`,
    );
  }
  if (!allowed.includes(application.status)) {
    throw new InvalidSchoolingCommand(
      'WRONG_APPLICATION_STATUS',
      `application ${applicationId} is ${application.status}, not ${allowed.join(' or ')}`,
    );
  }
  return application;
}
