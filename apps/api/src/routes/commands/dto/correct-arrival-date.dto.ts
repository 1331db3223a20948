import { DateField, IdField, SubjectIdField } from './common';

/** CorrectArrivalDate: 来住日期更正, on evidence (a tenancy contract). */
export class CorrectArrivalDateDto {
  @SubjectIdField('workerId', 'w-20240001')
  workerId?: string;

  @DateField('2023-07-01')
  arrivalOn!: string;

  @IdField('lease-2023-0701')
  evidenceRef!: string;
}
