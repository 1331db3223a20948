import { FenField, IdField, SubjectIdField } from './common';

/** GrantStartupJobsSubsidy: 创业带动就业补贴. */
export class GrantStartupJobsSubsidyDto {
  @SubjectIdField('workerId', 'w-20240001')
  workerId?: string;

  @IdField('V-510400-0001')
  ventureId!: string;

  @FenField(200000)
  requestedFen!: number;
}
