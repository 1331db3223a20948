import type { Decided, Decider } from '@ledger/kernel';
import { applyForPermit } from './apply-for-permit';
import type { PermitCommand } from './commands';
import type { PermitContext } from './context';
import { endorsePermit, recordEndorsementLapse } from './endorse-permit';
import { evolvePermit } from './evolve';
import type { PermitEvent } from './events';
import { issuePermit } from './issue-permit';
import { changeAddress, correctArrivalDate, registerResidence, revokePermit } from './register-residence';
import { initialPermitState, PermitState } from './state';

/** Decides a permit command against the stream's state. Pure: today and the pack come in `context`. */
export function decidePermit(command: PermitCommand, state: PermitState, context: PermitContext): Decided<PermitEvent> {
  switch (command.type) {
    case 'RegisterResidence':
      return registerResidence(command, state, context);
    case 'CorrectArrivalDate':
      return correctArrivalDate(command, state, context);
    case 'ApplyForPermit':
      return applyForPermit(command, state, context);
    case 'IssuePermit':
      return issuePermit(command, state, context);
    case 'EndorsePermit':
      return endorsePermit(command, state, context);
    case 'RecordEndorsementLapse':
      return recordEndorsementLapse(command, state, context);
    case 'ChangeAddress':
      return changeAddress(command, state, context);
    case 'RevokePermit':
      return revokePermit(command, state, context);
    default: {
      const unexpected: never = command;
      throw new Error(`unknown permit command ${JSON.stringify(unexpected)}`);
    }
  }
}

/** The `residence-permit-<workerId>` stream's decider. */
export const permitDecider: Decider<PermitCommand, PermitEvent, PermitState, PermitContext> = {
  initialState: initialPermitState,
  decide: decidePermit,
  evolve: evolvePermit,
};
