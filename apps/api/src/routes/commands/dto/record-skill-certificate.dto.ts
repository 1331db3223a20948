import { SKILL_LEVELS } from '@ledger/worker/domain/levels';
import { DateField, EnumField, IdField, SubjectIdField, TextField } from './common';

/** RecordSkillCertificate: 职业资格证书登记. */
export class RecordSkillCertificateDto {
  @SubjectIdField('workerId', 'w-20240001')
  workerId?: string;

  @IdField('S2023510400123')
  certificateNumber!: string;

  @EnumField(SKILL_LEVELS, '中级')
  level!: (typeof SKILL_LEVELS)[number];

  @TextField('焊工', 100)
  occupation!: string;

  @DateField('2023-05-10')
  issuedOn!: string;

  @TextField('攀枝花市职业技能鉴定中心', 100)
  issuer!: string;
}
