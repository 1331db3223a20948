import { DateField, EnumField, IntField } from './common';

/** DecideExamEligibility: 就地升学考试资格. */
export class DecideExamEligibilityDto {
  @IntField(2027, 2000, 2100)
  examYear!: number;

  @DateField('2027-03-01')
  decidedOn!: string;

  /** 小学毕业考试 by default; 中考 / 高考 where the pack lets migrant pupils sit them locally. */
  @EnumField(['primary-graduation', 'zhongkao', 'gaokao'], 'primary-graduation', { optional: true })
  exam?: 'primary-graduation' | 'zhongkao' | 'gaokao';
}
