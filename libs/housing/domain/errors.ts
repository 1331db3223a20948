import { DomainStateError } from '@ledger/kernel';

/**
 * A command that makes no sense for the stream as it stands (no such application, a lease
 * before an allocation): bad input, answered 4xx, never a policy refusal.
 */
export class InvalidHousingCommand extends DomainStateError {}
