import { IdField, SubjectIdField } from './common';

/** CompleteTransfer: 转移接续办结. */
export class CompleteTransferDto {
  @SubjectIdField('workerId', 'w-20240001')
  workerId?: string;

  @IdField('T-2024-0001')
  transferId!: string;
}
