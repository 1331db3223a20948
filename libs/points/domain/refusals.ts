import { DomainStateError } from '@ledger/kernel';

/** Codes of the points refusals, stable for clients. */
export const PointsRefusalCode = {
  vetoed: 'POINTS_VETOED',
  noActivePermit: 'NO_ACTIVE_PERMIT',
  threeUnified: 'THREE_UNIFIED',
  notAssessed: 'NOT_ASSESSED',
  notAVetoGround: 'NOT_A_VETO_GROUND',
  notDeducted: 'VIOLATION_NOT_DEDUCTED',
} as const;

/** A command the stream cannot take as it stands (a round dated after today, facts missing): bad input. */
export class PointsStateError extends DomainStateError {}
