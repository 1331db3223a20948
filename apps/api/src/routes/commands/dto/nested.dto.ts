import { LAND_RIGHTS } from '@ledger/worker/domain/levels';
import { DateField, EnumField, FenField, IdField, TextField } from './common';
import { PresentOnlyWhen } from '../validators';
import { IsIn, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';

/** A residence address (居住地址); personal data, encrypted by the store's writers. */
export class AddressDto {
  @TextField('攀枝花市东区炳草岗大街1号3栋2单元501', 200)
  line!: string;

  @ApiProperty({ example: '510402', required: false, pattern: '^\\d{6}$', description: '行政区划代码 of the district' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: '$property must be a 6-digit 行政区划代码' })
  districtCode?: string;
}

/** 户籍地: where the worker's household is registered. */
export class HukouPlaceDto {
  @ApiProperty({ example: '511621', pattern: '^\\d{6}$', description: '行政区划代码' })
  @Matches(/^\d{6}$/, { message: '$property must be a 6-digit 行政区划代码' })
  areaCode!: string;

  @TextField('四川省岳池县九龙镇', 200, { description: 'as written on the 户口簿' })
  address!: string;
}

const SETTLEMENT_CONDITION_KINDS = ['surrender-right', 'threshold', 'document'] as const;
const SETTLEMENT_THRESHOLDS = ['residence', 'contributions', 'employment', 'home-purchase'] as const;

/** A condition the settling office set: `right` for surrender-right, `what` for threshold, `documentType` for document. */
export class SettlementConditionDto {
  @EnumField(SETTLEMENT_CONDITION_KINDS, 'document')
  kind!: (typeof SETTLEMENT_CONDITION_KINDS)[number];

  @ApiProperty({
    enum: [...LAND_RIGHTS],
    example: 'land-contract',
    required: false,
    description: 'kind surrender-right only',
  })
  @ValidateIf((o: SettlementConditionDto) => o.kind === 'surrender-right' || o.right !== undefined)
  @PresentOnlyWhen((o) => o.kind === 'surrender-right', 'kind is surrender-right')
  @IsIn([...LAND_RIGHTS])
  right?: (typeof LAND_RIGHTS)[number];

  @ApiProperty({
    enum: [...SETTLEMENT_THRESHOLDS],
    example: 'residence',
    required: false,
    description: 'kind threshold only',
  })
  @ValidateIf((o: SettlementConditionDto) => o.kind === 'threshold' || o.what !== undefined)
  @PresentOnlyWhen((o) => o.kind === 'threshold', 'kind is threshold')
  @IsIn([...SETTLEMENT_THRESHOLDS])
  what?: (typeof SETTLEMENT_THRESHOLDS)[number];

  @ApiProperty({ example: '居住证', required: false, maxLength: 100, description: 'kind document only' })
  @ValidateIf((o: SettlementConditionDto) => o.kind === 'document' || o.documentType !== undefined)
  @PresentOnlyWhen((o) => o.kind === 'document', 'kind is document')
  @IsString()
  @MaxLength(100)
  documentType?: string;
}

/** A points round: everyone in it is scored as of the same reference date. */
export class PointsRoundDto {
  @IdField('2024-spring')
  roundId!: string;

  @DateField('2024-03-01')
  referenceDate!: string;
}

export class SeatFeesDto {
  @FenField(0, { description: '择校费, integer fen' })
  schoolChoiceFen!: number;

  @FenField(0, { description: '借读费, integer fen' })
  guestStudyFen!: number;
}

/** One uninterrupted spell of work in the city; `to` absent while it lasts. */
export class WorkSpellDto {
  @DateField('2021-03-01')
  from!: string;

  @DateField('2023-12-31', { optional: true })
  to?: string;
}
