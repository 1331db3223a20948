import { DateField, SubjectIdField } from './common';

/** DecideWorkerPublicHealthCoverage: 农民工本人纳入基本公共卫生服务. */
export class DecideWorkerPublicHealthCoverageDto {
  @SubjectIdField('workerId', 'w-20240001')
  workerId?: string;

  @DateField('2024-03-05')
  decidedOn!: string;
}
