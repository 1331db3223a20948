import { IdField, SubjectIdField } from './common';

/** RegisterSiteWorker: 工地实名制登记 on a project’s roster. */
export class RegisterSiteWorkerDto {
  @SubjectIdField('employerId', 'e-510400-0001')
  employerId?: string;

  @IdField('PRJ-510400-0001')
  projectId!: string;

  @IdField('w-20240001')
  workerId!: string;
}
