import { DomainStateError } from '@ledger/kernel';

/** A command that makes no sense for the stream as it stands: bad input (4xx), not a policy refusal. */
export class InvalidSchoolingCommand extends DomainStateError {}
