import type { IsoDate } from '@ledger/kernel';
import type { HomeKind } from './events';

export type RentalStatus = 'submitted' | 'waitlisted' | 'suspended' | 'allocated' | 'leased' | 'ended';

export interface RentalApplication {
  applicationId: string;
  submittedOn: IsoDate;
  status: RentalStatus;
  unitId?: string;
  leaseId?: string;
}

export interface HousingState {
  workerId?: string;
  /** The current (latest) rental application; a new one may follow a tenancy that ended. */
  rental?: RentalApplication;
  homes: { purchaseId: string; purchasedOn: IsoDate; homeKind: HomeKind }[];
}

export const initialHousingState: HousingState = { homes: [] };
