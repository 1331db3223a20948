import { DateField, IdField, SubjectIdField } from './common';

/** RegisterEmployment: 就业登记. */
export class RegisterEmploymentDto {
  @SubjectIdField('workerId', 'w-20240001')
  workerId?: string;

  @IdField('e-510400-0001')
  employerId!: string;

  @DateField('2024-03-01')
  startedOn!: string;
}
