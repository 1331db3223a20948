import { DateField, FenField, IdField } from './common';

/** SignLease: 签订租赁合同. */
export class SignLeaseDto {
  @IdField('H-2024-0001')
  applicationId!: string;

  @IdField('LS-2024-0001')
  leaseId!: string;

  @DateField('2024-07-05')
  signedOn!: string;

  @DateField('2024-07-10')
  startsOn!: string;

  @DateField('2027-07-09', { optional: true })
  endsOn?: string;

  @FenField(48000, { description: 'monthly rent, integer fen' })
  monthlyRentFen!: number;
}
