import { DateField, IntField } from './common';

/** DecideExamEligibility: 就地升学考试资格. */
export class DecideExamEligibilityDto {
  @IntField(2027, 2000, 2100)
  examYear!: number;

  @DateField('2027-03-01')
  decidedOn!: string;
}
