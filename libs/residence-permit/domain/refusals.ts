import { DomainStateError, type IsoDate, type Refusal } from '@ledger/kernel';
import { notProvided, PolicyView, ResolvedRule } from '@ledger/policy';

/** Codes of the permit's refusals, stable for clients (problem+json `code`). */
export const PermitRefusalCode = {
  notRegistered: 'NOT_REGISTERED',
  residenceTooShort: 'RESIDENCE_TOO_SHORT',
  noQualifyingGround: 'NO_QUALIFYING_GROUND',
  alreadyApplied: 'ALREADY_APPLIED',
  noApplication: 'NO_APPLICATION',
  noActivePermit: 'NO_ACTIVE_PERMIT',
  permitRevoked: 'PERMIT_REVOKED',
  endorsementNotYetOpen: 'ENDORSEMENT_NOT_YET_OPEN',
  endorsementNotOverdue: 'ENDORSEMENT_NOT_OVERDUE',
  alreadySuspended: 'ALREADY_SUSPENDED',
  permitSuspended: 'PERMIT_SUSPENDED',
} as const;

/**
 * A command that makes no sense for the stream as it stands (registering twice, an address
 * before arrival): bad input for the handler to answer 409/400, not a policy refusal.
 */
export class PermitStateError extends DomainStateError {}

/** The rule in force on `on`, or the refusal that says the pack has none. */
export function ruleOn<P>(view: PolicyView, ruleId: string, on: IsoDate, decision: string): ResolvedRule<P> | Refusal {
  return view.find<P>(ruleId, on) ?? notProvided(view, ruleId, decision);
}
