import { EDUCATION_LEVELS } from '@ledger/worker/domain/levels';
import { DateField, EnumField, SubjectIdField, TextField } from './common';

/** RecordEducation: 学历登记. */
export class RecordEducationDto {
  @SubjectIdField('workerId', 'w-20240001')
  workerId?: string;

  @EnumField(EDUCATION_LEVELS, '大专')
  level!: (typeof EDUCATION_LEVELS)[number];

  @TextField('攀枝花学院', 100)
  institution!: string;

  @DateField('2015-06-30')
  completedOn!: string;
}
