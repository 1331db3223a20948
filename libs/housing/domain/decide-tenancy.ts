import { compareDates, type Decided } from '@ledger/kernel';
import type { AllocateUnit, EndTenancy, SignLease } from './commands';
import type { HousingContext } from './context';
import { effectiveOn, requireApplication } from './decide-rental';
import { InvalidHousingCommand } from './errors';
import type { HousingEvent } from './events';
import type { HousingState } from './state';

/** Only an entry in good standing gets a unit: a suspended one waits for its reinstatement. */
export function allocateUnit(
  command: AllocateUnit,
  state: HousingState,
  context: HousingContext,
): Decided<HousingEvent> {
  const { data } = command;
  requireApplication(state, data.applicationId, ['waitlisted']);
  return [{ type: 'UnitAllocated', data, ...effectiveOn(data.allocatedOn, context.today) }];
}

export function signLease(command: SignLease, state: HousingState, context: HousingContext): Decided<HousingEvent> {
  const { data } = command;
  const application = requireApplication(state, data.applicationId, ['allocated']);
  if (data.endsOn && compareDates(data.endsOn, data.startsOn) < 0) {
    throw new InvalidHousingCommand('LEASE_ENDS_BEFORE_START', `lease ${data.leaseId} ends before it starts`);
  }
  if (!Number.isInteger(data.monthlyRentFen) || data.monthlyRentFen < 0) {
    throw new InvalidHousingCommand('BAD_RENT', 'monthlyRentFen must be a whole number of fen');
  }
  return [
    {
      type: 'LeaseSigned',
      data: { ...data, unitId: application.unitId ?? '' },
      ...effectiveOn(data.signedOn, context.today),
    },
  ];
}

export function endTenancy(command: EndTenancy, state: HousingState, context: HousingContext): Decided<HousingEvent> {
  const { data } = command;
  const rental = state.rental;
  if (!rental || rental.status !== 'leased' || rental.leaseId !== data.leaseId) {
    throw new InvalidHousingCommand('NO_SUCH_TENANCY', `no current tenancy under lease ${data.leaseId}`);
  }
  return [
    {
      type: 'TenancyEnded',
      data: { applicationId: rental.applicationId, ...data },
      ...effectiveOn(data.endedOn, context.today),
    },
  ];
}
