import { DISABILITY_LEVELS } from '@ledger/policy/params/schooling';
import { DateField, EnumField, ID_PATTERN, ID_PATTERN_TEXT, SubjectIdField } from './common';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsString, Matches } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';

/** RegisterChild: 随迁子女登记. */
export class RegisterChildDto {
  @SubjectIdField('childId', 'c-20240001')
  childId?: string;

  @DateField('2018-05-20')
  birthDate!: string;

  @ApiProperty({ example: ['w-20240001'], type: [String], minItems: 1, maxItems: 2 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(ID_PATTERN, { each: true, message: `each $property must be an id: ${ID_PATTERN_TEXT}` })
  parentWorkerIds!: string[];

  @EnumField(DISABILITY_LEVELS, 'none')
  disability!: (typeof DISABILITY_LEVELS)[number];

  @DateField('2024-03-01')
  registeredOn!: string;
}
