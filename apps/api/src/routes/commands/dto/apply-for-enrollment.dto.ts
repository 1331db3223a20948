import { DateField, IdField, IntField, TextField } from './common';

/** ApplyForEnrollment: 入学申请; grade 1 is entry, a higher grade a transfer. */
export class ApplyForEnrollmentDto {
  @IdField('E-2024-0001')
  applicationId!: string;

  @DateField('2024-06-01')
  appliedOn!: string;

  @IntField(2024, 2000, 2100)
  schoolYear!: number;

  @IntField(1, 1, 12)
  grade!: number;

  @TextField('东区', 50, { optional: true })
  area?: string;
}
