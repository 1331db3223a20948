import type { Decided, Decider } from '@ledger/kernel';
import type { HousingCommand } from './commands';
import type { HousingContext } from './context';
import { recordHomePurchase } from './decide-home-purchase';
import { decideRentalEligibility, reviewWaitlistEntry, submitRentalApplication } from './decide-rental';
import { allocateUnit, endTenancy, signLease } from './decide-tenancy';
import type { HousingEvent } from './events';
import { evolve } from './evolve';
import { initialHousingState, type HousingState } from './state';

/** Pure: the stream's state, today, the pack and other streams' facts in; events or a refusal out. */
export function decide(command: HousingCommand, state: HousingState, context: HousingContext): Decided<HousingEvent> {
  switch (command.type) {
    case 'SubmitRentalApplication':
      return submitRentalApplication(command, state, context);
    case 'DecideRentalEligibility':
      return decideRentalEligibility(command, state, context);
    case 'ReviewWaitlistEntry':
      return reviewWaitlistEntry(command, state, context);
    case 'AllocateUnit':
      return allocateUnit(command, state, context);
    case 'SignLease':
      return signLease(command, state, context);
    case 'EndTenancy':
      return endTenancy(command, state, context);
    case 'RecordHomePurchase':
      return recordHomePurchase(command, state, context);
    default: {
      const unhandled: never = command;
      throw new Error(`unhandled housing command ${(unhandled as HousingCommand).type}`);
    }
  }
}

/** The `housing-<workerId>` stream's decider. */
export const housingDecider: Decider<HousingCommand, HousingEvent, HousingState, HousingContext> = {
  initialState: initialHousingState,
  decide,
  evolve,
};
