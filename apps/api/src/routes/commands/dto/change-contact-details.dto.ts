import { SubjectIdField } from './common';
import { Matches } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';

/** ChangeContactDetails: 联系方式变更. */
export class ChangeContactDetailsDto {
  @SubjectIdField('workerId', 'w-20240001')
  workerId?: string;

  @ApiProperty({ example: '13900139000', pattern: '^\\+?[0-9-]{5,20}$' })
  @Matches(/^\+?[0-9-]{5,20}$/, { message: '$property must be a phone number (digits, - and a leading +)' })
  phone!: string;
}
