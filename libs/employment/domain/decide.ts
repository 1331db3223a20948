import type { Decided, Decider } from '@ledger/kernel';
import type { EmploymentCommand } from './commands';
import type { EmploymentContext } from './context';
import { applyForLegalAid } from './decide-legal-aid';
import { grantPublicPostSubsidy, placeOnPublicPost } from './decide-public-post';
import { registerEmployment, registerUnemployment } from './decide-registration';
import {
  approveGuaranteedLoan,
  grantAppraisalSubsidy,
  grantStartupJobsSubsidy,
  grantStartupSubsidy,
  grantTrainingAppraisalSubsidy,
  upliftTrainingSubsidy,
} from './decide-subsidies';
import type { EmploymentEvent } from './events';
import { evolve } from './evolve';
import { initialEmploymentState, type EmploymentState } from './state';

/** Decides one command against the worker's `employment-<workerId>` stream. Pure. */
export function decide(
  command: EmploymentCommand,
  state: EmploymentState,
  context: EmploymentContext,
): Decided<EmploymentEvent> {
  switch (command.type) {
    case 'RegisterUnemployment':
      return registerUnemployment(command, state, context);
    case 'RegisterEmployment':
      return registerEmployment(command, state, context);
    case 'PlaceOnPublicPost':
      return placeOnPublicPost(command, state, context);
    case 'GrantPublicPostSubsidy':
      return grantPublicPostSubsidy(command, state, context);
    case 'GrantStartupSubsidy':
      return grantStartupSubsidy(command, state, context);
    case 'GrantStartupJobsSubsidy':
      return grantStartupJobsSubsidy(command, state, context);
    case 'ApproveGuaranteedLoan':
      return approveGuaranteedLoan(command, state, context);
    case 'GrantAppraisalSubsidy':
      return grantAppraisalSubsidy(command, state, context);
    case 'UpliftTrainingSubsidy':
      return upliftTrainingSubsidy(command, state, context);
    case 'GrantTrainingAppraisalSubsidy':
      return grantTrainingAppraisalSubsidy(command, state, context);
    case 'ApplyForLegalAid':
      return applyForLegalAid(command, state, context);
    default: {
      const unreachable: never = command;
      throw new RangeError(`unknown employment command ${(unreachable as { type: string }).type}`);
    }
  }
}

/** The `employment-<workerId>` stream's decider. */
export const employmentDecider: Decider<EmploymentCommand, EmploymentEvent, EmploymentState, EmploymentContext> = {
  initialState: initialEmploymentState,
  decide,
  evolve,
};
