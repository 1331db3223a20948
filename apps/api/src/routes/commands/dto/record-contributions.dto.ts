import { SCHEMES } from '@ledger/insurance/domain/schemes';
import { EnumField, FenField, IdField, SubjectIdField, TextField } from './common';
import { IsMonthSpan } from '../validators';
import { ApiProperty } from '@nestjs/swagger';

/** RecordContributions: 社保缴费记录 the fund reports. */
export class RecordContributionsDto {
  @SubjectIdField('workerId', 'w-20240001')
  workerId?: string;

  @EnumField(SCHEMES, 'employee-pension')
  scheme!: (typeof SCHEMES)[number];

  @TextField('510400', 32, { description: 'the place (统筹地区) the months were paid in' })
  region!: string;

  @ApiProperty({
    example: { from: '2023-09', to: '2024-02' },
    oneOf: [
      { type: 'array', items: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' } },
      { type: 'object', properties: { from: { type: 'string' }, to: { type: 'string' } } },
    ],
    description: 'months YYYY-MM: a list, or a range { from, to }',
  })
  @IsMonthSpan()
  months!: string[] | { from: string; to: string };

  @FenField(350000, { description: '缴费基数, integer fen' })
  baseFen!: number;

  @IdField('e-510400-0001', { optional: true })
  employerId?: string;
}
