import { SKILL_LEVELS } from '@ledger/worker/domain/levels';
import { EnumField, IdField, SubjectIdField } from './common';

/** GrantAppraisalSubsidy: 职业技能鉴定补贴. */
export class GrantAppraisalSubsidyDto {
  @SubjectIdField('workerId', 'w-20240001')
  workerId?: string;

  @IdField('S2023510400123')
  certificateId!: string;

  @EnumField(SKILL_LEVELS, '中级')
  skillLevel!: (typeof SKILL_LEVELS)[number];
}
