import { DateField, NestedField, SubjectIdField, TextField } from './common';
import { IsChineseIdNumber } from '../../../security/validators';
import { Matches } from 'class-validator';
import { Transform } from 'class-transformer';
import { ApiProperty } from '@nestjs/swagger';
import { HukouPlaceDto } from './nested.dto';

/** RegisterWorker: 流动人口信息登记. */
export class RegisterWorkerDto {
  @SubjectIdField('workerId', 'w-20240001')
  workerId?: string;

  @TextField('王小明', 50)
  name!: string;

  @ApiProperty({
    example: '11010519491231002X',
    minLength: 18,
    maxLength: 18,
    description: '身份证号, GB 11643 check digit; a lower-case x is read as X',
  })
  @Transform(({ value }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @IsChineseIdNumber()
  idNumber!: string;

  @ApiProperty({ example: '13800138000', pattern: '^\\+?[0-9-]{5,20}$' })
  @Matches(/^\+?[0-9-]{5,20}$/, { message: '$property must be a phone number (digits, - and a leading +)' })
  phone!: string;

  @DateField('1949-12-31')
  birthDate!: string;

  @NestedField(() => HukouPlaceDto, { areaCode: '511621', address: '四川省岳池县九龙镇' })
  hukouPlace!: HukouPlaceDto;

  @DateField('2023-08-31')
  arrivalOn!: string;
}
