import { DateField, IdField } from './common';

/** Enroll: 入学注册. */
export class EnrollDto {
  @IdField('E-2024-0001')
  applicationId!: string;

  @DateField('2024-09-01')
  enrolledOn!: string;
}
