import { ADJUSTMENT_KINDS } from './domain-values';
import { EnumField, IdField, SubjectIdField } from './common';

/** AdjustPoints: 积分调整 for a violation found or annulled. */
export class AdjustPointsDto {
  @SubjectIdField('workerId', 'w-20240001')
  workerId?: string;

  @EnumField(ADJUSTMENT_KINDS, 'violation-deduction')
  kind!: (typeof ADJUSTMENT_KINDS)[number];

  @IdField('V-2024-0001')
  violationId!: string;
}
