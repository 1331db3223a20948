import { LEGAL_AID_CLAIMS } from '@ledger/employment/domain/kinds';
import { EnumField, IdField, SubjectIdField } from './common';

/** ApplyForLegalAid: 法律援助申请. */
export class ApplyForLegalAidDto {
  @SubjectIdField('workerId', 'w-20240001')
  workerId?: string;

  @IdField('LA-2024-0001')
  caseId!: string;

  @EnumField(LEGAL_AID_CLAIMS, 'wage-arrears')
  claim!: (typeof LEGAL_AID_CLAIMS)[number];
}
