import { POINTS_PURPOSES } from './domain-values';
import { BoolField, EnumField, NestedField, SubjectIdField } from './common';
import type { PointsPurpose } from '@ledger/points/domain/commands';
import { PointsRoundDto } from './nested.dto';

/** AssessPoints: 积分评定 for a round; permit, contributions, education and home are read from the ledger. */
export class AssessPointsDto {
  @SubjectIdField('workerId', 'w-20240001')
  workerId?: string;

  @NestedField(() => PointsRoundDto, { roundId: '2024-spring', referenceDate: '2024-03-01' })
  round!: PointsRoundDto;

  @EnumField(POINTS_PURPOSES, 'public-services')
  purpose!: PointsPurpose;

  @BoolField(false, { optional: true, description: 'school admission: 户籍、房产、实际居住 三统一 parents' })
  threeUnified?: boolean;
}
