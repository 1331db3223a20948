import { LAND_RIGHTS } from '@ledger/worker/domain/levels';
import { NestedField, SubjectIdField, TextField } from './common';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { SettlementConditionDto } from './nested.dto';

/** ApplyForSettlement: 落户申请, with the conditions the office set. */
export class ApplyForSettlementDto {
  @SubjectIdField('workerId', 'w-20240001')
  workerId?: string;

  @TextField('攀枝花市东区炳草岗大街1号', 200)
  settleAt!: string;

  @NestedField(() => SettlementConditionDto, [{ kind: 'document', documentType: '居住证' }], { each: true })
  @ArrayMaxSize(50)
  conditions!: SettlementConditionDto[];

  @ApiProperty({ enum: [...LAND_RIGHTS], isArray: true, example: ['land-contract', 'homestead'] })
  @IsArray()
  @ArrayMaxSize(LAND_RIGHTS.length)
  @ArrayUnique()
  @IsIn([...LAND_RIGHTS], { each: true })
  homeVillageRights!: (typeof LAND_RIGHTS)[number][];
}
