import { addDays, compareDates } from '@ledger/kernel';
import type { AddressPeriod, PermitState } from './state';
import type { EndorsementSchedule, PermitEvent } from './events';

function withAddress(addresses: AddressPeriod[], next: AddressPeriod): AddressPeriod[] {
  // A backdated change slots in by the day it took effect; a later one recorded earlier stays current.
  return [...addresses, next].sort((a, b) => compareDates(a.since, b.since));
}

function scheduled(state: PermitState, next: EndorsementSchedule): PermitState {
  return { ...state, nextEndorsement: next, validUntil: addDays(next.overdueFrom, -1) };
}

/** Folds one event into the permit's state. Pure. */
export function evolvePermit(state: PermitState, event: PermitEvent): PermitState {
  switch (event.type) {
    case 'ResidenceRegistered': {
      const addresses = withAddress(state.status === 'revoked' ? [] : state.addresses, {
        address: event.data.address,
        since: event.data.arrivalOn,
      });
      return {
        ...state,
        workerId: event.data.workerId,
        status: state.status === 'revoked' ? 'none' : state.status,
        arrivalOn: event.data.arrivalOn,
        continuousResidenceSince: event.data.arrivalOn,
        addresses,
        address: addresses[addresses.length - 1]?.address,
      };
    }
    case 'ArrivalDateCorrected': {
      const addresses = state.addresses.map((a, i) => (i === 0 ? { ...a, since: event.data.arrivalOn } : a));
      return { ...state, arrivalOn: event.data.arrivalOn, continuousResidenceSince: event.data.arrivalOn, addresses };
    }
    case 'PermitApplied':
      return { ...state, status: 'applied', appliedOn: event.data.appliedOn, ground: event.data.ground };
    case 'PermitIssued':
      return scheduled(
        {
          ...state,
          status: 'active',
          permitNumber: event.data.permitNumber,
          issuingOfficeCode: event.data.issuingOfficeCode,
          issuedOn: event.data.issuedOn,
          continuousResidenceSince: event.data.continuousResidenceSince,
          endorsements: [],
        },
        event.data.nextEndorsement,
      );
    case 'PermitEndorsed':
      return scheduled(
        { ...state, endorsements: [...state.endorsements, { endorsedOn: event.data.endorsedOn, late: false }] },
        event.data.nextEndorsement,
      );
    case 'PermitSuspended':
      return { ...state, status: 'suspended', suspendedOn: event.data.suspendedOn };
    case 'PermitRestored':
      return scheduled(
        {
          ...state,
          status: 'active',
          suspendedOn: undefined,
          continuousResidenceSince: event.data.continuousResidenceSince,
          endorsements: [...state.endorsements, { endorsedOn: event.data.endorsedOn, late: true }],
        },
        event.data.nextEndorsement,
      );
    case 'AddressChanged': {
      const addresses = withAddress(state.addresses, { address: event.data.address, since: event.data.movedOn });
      return { ...state, addresses, address: addresses[addresses.length - 1]?.address };
    }
    case 'PermitRevoked':
      return {
        ...state,
        status: 'revoked',
        revokedOn: event.data.revokedOn,
        nextEndorsement: undefined,
        validUntil: undefined,
        // Moving away ends residence here; a return starts a new 居住登记.
        continuousResidenceSince: event.data.reason === 'moved-away' ? undefined : state.continuousResidenceSince,
      };
    default: {
      const unexpected: never = event;
      throw new Error(`unknown permit event ${JSON.stringify(unexpected)}`);
    }
  }
}
