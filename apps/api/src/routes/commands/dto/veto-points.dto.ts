import { IdField, SubjectIdField, TextField } from './common';

/** VetoPoints: 积分一票否决. */
export class VetoPointsDto {
  @SubjectIdField('workerId', 'w-20240001')
  workerId?: string;

  @TextField('fraud', 64, { description: 'a ground the policy pack names' })
  ground!: string;

  @IdField('case-2024-017')
  ref!: string;
}
