import { PERMIT_GROUNDS } from '@ledger/policy/params/permit';
import { EnumField, IdField, SubjectIdField } from './common';

/** ApplyForPermit: 居住证申领. */
export class ApplyForPermitDto {
  @SubjectIdField('workerId', 'w-20240001')
  workerId?: string;

  @EnumField(PERMIT_GROUNDS, 'stable-job')
  ground!: (typeof PERMIT_GROUNDS)[number];

  @IdField('labour-contract-2023-118', { optional: true })
  evidenceRef?: string;
}
