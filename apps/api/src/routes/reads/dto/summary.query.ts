import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** `?asOf&knownAt` of a worker's summary: the two clocks of docs/architecture.md principle 9. */
export class SummaryQuery {
  @ApiPropertyOptional({
    description: 'What was true in the world on this day (Asia/Shanghai): events in effect by then',
    example: '2026-08-31',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'asOf must be a date YYYY-MM-DD' })
  asOf?: string;

  @ApiPropertyOptional({
    description:
      'What the ledger knew at this instant: events recorded by then. A date means the end of that day in Asia/Shanghai',
    example: '2026-11-24T10:00:00+08:00',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  knownAt?: string;
}
