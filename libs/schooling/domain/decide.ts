import type { Decided, Decider } from '@ledger/kernel';
import type { SchoolingCommand } from './commands';
import type { SchoolingContext } from './context';
import { applyForEnrollment, decideEnrollmentEligibility } from './decide-enrollment';
import { decideExamEligibility } from './decide-exam';
import {
  decidePublicHealthCoverage,
  openVaccinationRecord,
  recordVaccinationCheck,
  registerChild,
} from './decide-health';
import { grantSettledBuyerPriority } from './decide-priority';
import { declineAdmission, enroll, offerSeat } from './decide-seat';
import type { SchoolingEvent } from './events';
import { evolve } from './evolve';
import { initialSchoolingState, type SchoolingState } from './state';

/** Pure: the stream's state, today, the pack and other streams' facts in; events or a refusal out. */
export function decide(
  command: SchoolingCommand,
  state: SchoolingState,
  context: SchoolingContext,
): Decided<SchoolingEvent> {
  switch (command.type) {
    case 'RegisterChild':
      return registerChild(command, state, context);
    case 'RecordVaccinationCheck':
      return recordVaccinationCheck(command, state, context);
    case 'OpenVaccinationRecord':
      return openVaccinationRecord(command, state, context);
    case 'DecidePublicHealthCoverage':
      return decidePublicHealthCoverage(command, state, context);
    case 'ApplyForEnrollment':
      return applyForEnrollment(command, state, context);
    case 'DecideEnrollmentEligibility':
      return decideEnrollmentEligibility(command, state, context);
    case 'OfferSeat':
      return offerSeat(command, state, context);
    case 'DeclineAdmission':
      return declineAdmission(command, state, context);
    case 'Enroll':
      return enroll(command, state, context);
    case 'DecideExamEligibility':
      return decideExamEligibility(command, state, context);
    case 'GrantSettledBuyerPriority':
      return grantSettledBuyerPriority(command, state, context);
    default: {
      const unhandled: never = command;
      throw new Error(`unhandled schooling command ${(unhandled as SchoolingCommand).type}`);
    }
  }
}

/** The `schooling-<childId>` stream's decider. */
export const schoolingDecider: Decider<SchoolingCommand, SchoolingEvent, SchoolingState, SchoolingContext> = {
  initialState: initialSchoolingState,
  decide,
  evolve,
};
