import { FenField, IdField, SubjectIdField } from './common';
import { IsMonthSpan } from '../validators';
import { ApiProperty } from '@nestjs/swagger';

/** ReceiveTransferFunds: 转移基金到账. */
export class ReceiveTransferFundsDto {
  @SubjectIdField('workerId', 'w-20240001')
  workerId?: string;

  @IdField('T-2024-0001')
  transferId!: string;

  @ApiProperty({
    example: { from: '2020-01', to: '2022-12' },
    description: 'months YYYY-MM: a list, or a range { from, to }',
  })
  @IsMonthSpan()
  months!: string[] | { from: string; to: string };

  @FenField(2880000)
  amountFen!: number;
}
