import { CLASS_COMPOSITIONS } from '@ledger/schooling/domain/events';
import { SCHOOL_TYPES } from '@ledger/policy/params/schooling';
import { BoolField, DateField, EnumField, IdField, NestedField } from './common';
import { SeatFeesDto } from './nested.dto';

/** OfferSeat: 学位安排. */
export class OfferSeatDto {
  @IdField('E-2024-0001')
  applicationId!: string;

  @IdField('SCH-510402-007')
  schoolId!: string;

  @EnumField(SCHOOL_TYPES, 'public')
  schoolType!: (typeof SCHOOL_TYPES)[number];

  @EnumField(CLASS_COMPOSITIONS, 'mixed')
  classComposition!: (typeof CLASS_COMPOSITIONS)[number];

  @NestedField(() => SeatFeesDto, { schoolChoiceFen: 0, guestStudyFen: 0 })
  fees!: SeatFeesDto;

  @BoolField(true, { description: '教育局: a public seat was available on the offer date' })
  publicSeatAvailable!: boolean;

  @BoolField(false, { description: '政府购买服务' })
  governmentFunded!: boolean;

  @DateField('2024-07-15')
  offeredOn!: string;
}
