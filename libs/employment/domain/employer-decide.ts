import type { Decided, Decider } from '@ledger/kernel';
import { approveFirmGuaranteedLoan, awardAgencyPlacement } from './decide-firm';
import { recordWagePayment, registerSiteWorker } from './decide-wages';
import type { EmployerCommand } from './employer-commands';
import type { EmployerContext } from './employer-context';
import type { EmployerEvent } from './employer-events';
import { evolveEmployer, initialEmployerState, type EmployerState } from './employer-state';

/** Decides one command against a firm's `employer-<employerId>` stream. Pure. */
export function decideEmployer(
  command: EmployerCommand,
  state: EmployerState,
  context: EmployerContext,
): Decided<EmployerEvent> {
  switch (command.type) {
    case 'RegisterSiteWorker':
      return registerSiteWorker(command, state, context);
    case 'RecordWagePayment':
      return recordWagePayment(command, state, context);
    case 'AwardAgencyPlacement':
      return awardAgencyPlacement(command, state, context);
    case 'ApproveFirmGuaranteedLoan':
      return approveFirmGuaranteedLoan(command, state, context);
    default: {
      const unreachable: never = command;
      throw new RangeError(`unknown employer command ${(unreachable as { type: string }).type}`);
    }
  }
}

/** The `employer-<employerId>` stream's decider. */
export const employerDecider: Decider<EmployerCommand, EmployerEvent, EmployerState, EmployerContext> = {
  initialState: initialEmployerState,
  decide: decideEmployer,
  evolve: evolveEmployer,
};
