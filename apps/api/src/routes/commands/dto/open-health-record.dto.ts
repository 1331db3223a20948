import { DateField, SubjectIdField } from './common';

/** OpenHealthRecord: 购房进城农民工健康档案. */
export class OpenHealthRecordDto {
  @SubjectIdField('workerId', 'w-20240001')
  workerId?: string;

  @DateField('2024-03-05')
  openedOn!: string;
}
