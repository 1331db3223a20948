import { SCHEMES } from '@ledger/insurance/domain/schemes';
import { EnumField, IdField, SubjectIdField, TextField } from './common';

/** RequestTransfer: 社保关系转移申请. */
export class RequestTransferDto {
  @SubjectIdField('workerId', 'w-20240001')
  workerId?: string;

  @IdField('T-2024-0001')
  transferId!: string;

  @EnumField(SCHEMES, 'employee-pension')
  fromScheme!: (typeof SCHEMES)[number];

  @EnumField(SCHEMES, 'employee-pension')
  toScheme!: (typeof SCHEMES)[number];

  @TextField('350400', 32)
  fromRegion!: string;

  @TextField('510400', 32)
  toRegion!: string;
}
