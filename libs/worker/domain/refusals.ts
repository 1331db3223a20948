import { DomainStateError } from '@ledger/kernel';

/** Codes of the worker stream's refusals, stable for clients. */
export const WorkerRefusalCode = {
  settlementRestricted: 'SETTLEMENT_RESTRICTED',
  landSurrenderCondition: 'LAND_SURRENDER_CONDITION',
  landRightEnded: 'LAND_RIGHT_ENDED',
} as const;

/** A command the stream cannot take as it stands (unregistered worker, duplicate record): bad input, not policy. */
export class WorkerStateError extends DomainStateError {}
