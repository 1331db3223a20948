import { DECLINE_GROUNDS } from '@ledger/schooling/domain/events';
import { DateField, EnumField, IdField } from './common';

/** DeclineAdmission: 学校不予接收. */
export class DeclineAdmissionDto {
  @IdField('E-2024-0001')
  applicationId!: string;

  @IdField('SCH-510402-007')
  schoolId!: string;

  @EnumField(DECLINE_GROUNDS, 'capacity')
  ground!: (typeof DECLINE_GROUNDS)[number];

  @DateField('2024-07-20')
  declinedOn!: string;
}
