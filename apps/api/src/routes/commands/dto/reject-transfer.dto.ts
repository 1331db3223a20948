import { IdField, SubjectIdField } from './common';

/** RejectTransfer: 转移接续不予受理. */
export class RejectTransferDto {
  @SubjectIdField('workerId', 'w-20240001')
  workerId?: string;

  @IdField('T-2024-0001')
  transferId!: string;

  @IdField('DUPLICATE_ACCOUNT')
  reasonCode!: string;
}
