import { CERTIFICATE_STATES } from '@ledger/schooling/domain/events';
import { DateField, EnumField } from './common';
import { ArrayMaxSize, IsArray, IsString, MaxLength } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';

/** RecordVaccinationCheck: 预防接种证查验 by 卫健委. */
export class RecordVaccinationCheckDto {
  @DateField('2024-05-10')
  verifiedOn!: string;

  @EnumField(CERTIFICATE_STATES, 'gaps')
  certificate!: (typeof CERTIFICATE_STATES)[number];

  @ApiProperty({ example: ['MMR-2'], type: [String], maxItems: 50 })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  missingVaccines!: string[];
}
