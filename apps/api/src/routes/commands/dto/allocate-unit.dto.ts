import { DateField, IdField } from './common';

/** AllocateUnit: 公租房配租. */
export class AllocateUnitDto {
  @IdField('H-2024-0001')
  applicationId!: string;

  @IdField('U-0102-0304')
  unitId!: string;

  @DateField('2024-07-01')
  allocatedOn!: string;
}
