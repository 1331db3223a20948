import type { IsoDate } from '@ledger/kernel';
import type { PermitGround } from '@ledger/policy/params/permit';
import type { Address } from './commands';
import type { EndorsementSchedule } from './events';

export type PermitStatus = 'none' | 'applied' | 'active' | 'suspended' | 'revoked';

export interface AddressPeriod {
  address: Address;
  /** When the worker moved there (the event's effectiveOn; may be backdated). */
  since: IsoDate;
}

/** One worker's residence registration and permit, as other contexts need them. */
export interface PermitState {
  workerId?: string;
  status: PermitStatus;
  /** 居住登记's arrival date (after any correction); undefined before registration. */
  arrivalOn?: IsoDate;
  /** Addresses in the order they took effect, whatever order they were recorded in. */
  addresses: AddressPeriod[];
  /** Where the worker lives now: the address that took effect last. */
  address?: Address;
  appliedOn?: IsoDate;
  ground?: PermitGround;
  permitNumber?: string;
  issuingOfficeCode?: string | null;
  issuedOn?: IsoDate;
  /**
   * The day continuous residence counts from: arrival, restarted by a late 签注
   * (national-663 第十条). Points, housing and schooling read it.
   */
  continuousResidenceSince?: IsoDate;
  /** The next 签注 for an active or suspended permit. */
  nextEndorsement?: EndorsementSchedule;
  /** Last day the permit's use holds without a further 签注. */
  validUntil?: IsoDate;
  suspendedOn?: IsoDate;
  revokedOn?: IsoDate;
  endorsements: { endorsedOn: IsoDate; late: boolean }[];
}

export const initialPermitState: PermitState = { status: 'none', addresses: [], endorsements: [] };
