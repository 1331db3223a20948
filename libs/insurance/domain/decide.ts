import type { Decided, Decider } from '@ledger/kernel';
import type { InsuranceCommand } from './commands';
import type { InsuranceContext } from './context';
import { recordContributions } from './decide-contributions';
import { enrolWorker } from './decide-enrolment';
import {
  completeTransfer,
  issueTransferLetter,
  receiveTransferFunds,
  rejectTransfer,
  requestTransfer,
} from './decide-transfer';
import type { InsuranceEvent } from './events';
import { evolve } from './evolve';
import { initialInsuranceState, type InsuranceState } from './state';

/** Decides one insurance command against the worker's stream. Pure. */
export function decide(
  command: InsuranceCommand,
  state: InsuranceState,
  context: InsuranceContext,
): Decided<InsuranceEvent> {
  switch (command.type) {
    case 'RecordContributions':
      return recordContributions(command, state, context);
    case 'EnrolWorker':
      return enrolWorker(command, state, context);
    case 'RequestTransfer':
      return requestTransfer(command, state, context);
    case 'IssueTransferLetter':
      return issueTransferLetter(command, state, context);
    case 'ReceiveTransferFunds':
      return receiveTransferFunds(command, state, context);
    case 'CompleteTransfer':
      return completeTransfer(command, state, context);
    case 'RejectTransfer':
      return rejectTransfer(command, state, context);
    default: {
      const unreachable: never = command;
      throw new RangeError(`unknown insurance command ${(unreachable as { type: string }).type}`);
    }
  }
}

/** The `insurance-<workerId>` stream's decider. */
export const insuranceDecider: Decider<InsuranceCommand, InsuranceEvent, InsuranceState, InsuranceContext> = {
  initialState: initialInsuranceState,
  decide,
  evolve,
};
