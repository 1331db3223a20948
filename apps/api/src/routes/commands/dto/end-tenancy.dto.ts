import { TENANCY_END_REASONS } from '@ledger/housing/domain/events';
import { DateField, EnumField, IdField } from './common';

/** EndTenancy: 退租. */
export class EndTenancyDto {
  @IdField('LS-2024-0001')
  leaseId!: string;

  @DateField('2027-07-09')
  endedOn!: string;

  @EnumField(TENANCY_END_REASONS, 'lease-expired')
  reason!: (typeof TENANCY_END_REASONS)[number];
}
