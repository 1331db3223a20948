import { IdField, SubjectIdField } from './common';

/** IssueTransferLetter: 转移接续联系函. */
export class IssueTransferLetterDto {
  @SubjectIdField('workerId', 'w-20240001')
  workerId?: string;

  @IdField('T-2024-0001')
  transferId!: string;

  @IdField('L-2024-0001')
  letterId!: string;
}
