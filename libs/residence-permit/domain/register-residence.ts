import { compareDates } from '@ledger/kernel';
import type { Decided } from '@ledger/kernel';
import type { ChangeAddress, CorrectArrivalDate, RegisterResidence, RevokePermit } from './commands';
import type { PermitContext } from './context';
import type { AddressChanged, ArrivalDateCorrected, PermitRevoked, ResidenceRegistered } from './events';
import { PermitStateError } from './refusals';
import type { PermitState } from './state';

function notAfterToday(date: string, today: string, what: string): void {
  if (compareDates(date, today) > 0)
    throw new PermitStateError('DATE_IN_FUTURE', `${what} ${date} is after today ${today}`);
}

/** 居住登记. Its effectiveOn is the arrival, which may be well before the counter visit. */
export function registerResidence(
  command: RegisterResidence,
  state: PermitState,
  { today }: PermitContext,
): Decided<ResidenceRegistered> {
  notAfterToday(command.data.arrivalOn, today, 'arrival');
  if (state.continuousResidenceSince && state.status !== 'revoked') {
    throw new PermitStateError(
      'ALREADY_REGISTERED',
      `residence registered since ${state.arrivalOn}; record a move with ChangeAddress`,
    );
  }
  return [
    {
      type: 'ResidenceRegistered',
      effectiveOn: command.data.arrivalOn,
      data: {
        workerId: command.data.workerId,
        address: command.data.address,
        arrivalOn: command.data.arrivalOn,
        registeredOn: today,
      },
    },
  ];
}

/**
 * Backdates the arrival on evidence. Only before a permit is issued: afterwards residence
 * counts from what the permit's decisions saw, and a late 签注 may have restarted it.
 */
export function correctArrivalDate(
  command: CorrectArrivalDate,
  state: PermitState,
  { today }: PermitContext,
): Decided<ArrivalDateCorrected> {
  notAfterToday(command.data.arrivalOn, today, 'arrival');
  if (!state.arrivalOn) throw new PermitStateError('NOT_REGISTERED', 'no 居住登记 to correct');
  if (state.status !== 'none' && state.status !== 'applied') {
    throw new PermitStateError('PERMIT_ISSUED', 'the arrival cannot be corrected once a permit is issued');
  }
  return [
    {
      type: 'ArrivalDateCorrected',
      effectiveOn: command.data.arrivalOn,
      data: {
        workerId: command.data.workerId,
        arrivalOn: command.data.arrivalOn,
        previousArrivalOn: state.arrivalOn,
        evidenceRef: command.data.evidenceRef,
        correctedOn: today,
      },
    },
  ];
}

/** A move within the city; may be backdated (effectiveOn = the day of the move). */
export function changeAddress(
  command: ChangeAddress,
  state: PermitState,
  { today }: PermitContext,
): Decided<AddressChanged> {
  notAfterToday(command.data.movedOn, today, 'move');
  if (!state.arrivalOn || state.status === 'revoked')
    throw new PermitStateError('NOT_REGISTERED', 'no current 居住登记');
  if (compareDates(command.data.movedOn, state.arrivalOn) < 0) {
    throw new PermitStateError(
      'BEFORE_ARRIVAL',
      `a move on ${command.data.movedOn} is before the arrival ${state.arrivalOn}`,
    );
  }
  return [
    {
      type: 'AddressChanged',
      effectiveOn: command.data.movedOn,
      data: { workerId: command.data.workerId, address: command.data.address, movedOn: command.data.movedOn },
    },
  ];
}

/** 注销: a fact the police record (moved away, settled locally, fraud), not a points-of-policy decision. */
export function revokePermit(
  command: RevokePermit,
  state: PermitState,
  { today }: PermitContext,
): Decided<PermitRevoked> {
  if (state.status === 'none' || state.status === 'revoked') {
    throw new PermitStateError('NO_PERMIT', `nothing to revoke (${state.status})`);
  }
  return [
    { type: 'PermitRevoked', data: { workerId: command.data.workerId, revokedOn: today, reason: command.data.reason } },
  ];
}
