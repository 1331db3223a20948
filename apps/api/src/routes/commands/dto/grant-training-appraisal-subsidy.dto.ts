import { FenField, IdField, SubjectIdField } from './common';

/** GrantTrainingAppraisalSubsidy: 培训鉴定补贴. */
export class GrantTrainingAppraisalSubsidyDto {
  @SubjectIdField('workerId', 'w-20240001')
  workerId?: string;

  @IdField('C-2024-0001')
  claimId!: string;

  @FenField(80000)
  requestedFen!: number;
}
