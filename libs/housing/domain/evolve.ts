import type { HousingEvent } from './events';
import type { HousingState, RentalStatus } from './state';

function withStatus(
  state: HousingState,
  status: RentalStatus,
  extra: { unitId?: string; leaseId?: string } = {},
): HousingState {
  return state.rental ? { ...state, rental: { ...state.rental, status, ...extra } } : state;
}

export function evolve(state: HousingState, event: HousingEvent): HousingState {
  switch (event.type) {
    case 'RentalApplicationSubmitted':
      return {
        ...state,
        workerId: event.data.workerId,
        rental: { applicationId: event.data.applicationId, submittedOn: event.data.submittedOn, status: 'submitted' },
      };
    case 'RentalEligibilityDecided':
      return state;
    case 'Waitlisted':
    case 'WaitlistEntryReinstated':
      return withStatus(state, 'waitlisted');
    case 'WaitlistEntrySuspended':
      return withStatus(state, 'suspended');
    case 'UnitAllocated':
      return withStatus(state, 'allocated', { unitId: event.data.unitId });
    case 'LeaseSigned':
      return withStatus(state, 'leased', { leaseId: event.data.leaseId });
    case 'TenancyEnded':
      return withStatus(state, 'ended');
    case 'HomePurchased':
      return {
        ...state,
        homes: [
          ...state.homes,
          { purchaseId: event.data.purchaseId, purchasedOn: event.data.purchasedOn, homeKind: event.data.homeKind },
        ],
      };
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled housing event ${(unhandled as HousingEvent).type}`);
    }
  }
}
