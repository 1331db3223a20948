import { PREMARITAL_SERVICES } from '@ledger/policy/params/health';
import { DateField, EnumField, FenField, SubjectIdField } from './common';

/** RecordPremaritalCheck: 婚前医学检查 / 孕前检查 (免费). */
export class RecordPremaritalCheckDto {
  @SubjectIdField('workerId', 'w-20240001')
  workerId?: string;

  @EnumField(PREMARITAL_SERVICES, 'premarital')
  service!: (typeof PREMARITAL_SERVICES)[number];

  @DateField('2024-04-01')
  checkedOn!: string;

  @FenField(0)
  chargedFen!: number;
}
