import { ATTENDANCE } from '@ledger/schooling/domain/events';
import { EnumField, IdField } from './common';

/** DecideEnrollmentEligibility: 入学资格审核, as of the application date. */
export class DecideEnrollmentEligibilityDto {
  @IdField('E-2024-0001')
  applicationId!: string;

  @EnumField(ATTENDANCE, 'regular', {
    optional: true,
    description: '教育局: 缓学/免学 for a severely disabled child; regular when absent',
  })
  attendance?: (typeof ATTENDANCE)[number];
}
