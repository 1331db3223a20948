import { IdField, SubjectIdField } from './common';
import { Matches } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';

/** IssuePermit: 居住证签发. */
export class IssuePermitDto {
  @SubjectIdField('workerId', 'w-20240001')
  workerId?: string;

  @IdField('510402202403010001')
  permitNumber!: string;

  @ApiProperty({ example: '510402', pattern: '^\\d{6}$' })
  @Matches(/^\d{6}$/, { message: '$property must be a 6-digit 行政区划代码' })
  issuingOfficeCode!: string;
}
