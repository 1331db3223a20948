import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** `?after&limit&wait` of the integration feed. */
export class FeedQuery {
  @ApiPropertyOptional({
    description: 'Exclusive: events after this global position (the previous page’s `next`)',
    example: 0,
    minimum: 0,
    maximum: Number.MAX_SAFE_INTEGER,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER) // positions are PostgreSQL bigints read as safe JS integers
  after?: number;

  @ApiPropertyOptional({
    description: 'At most this many events (1–1000, default 100)',
    example: 100,
    minimum: 1,
    maximum: 1000,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({
    description: 'Long-poll: when nothing visible is new, wait up to this many seconds (0–30)',
    example: 20,
    minimum: 0,
    maximum: 30,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(30)
  wait?: number;
}

/** `?after` of the SSE stream; the `Last-Event-ID` header wins when both are sent. */
export class FeedStreamQuery {
  @ApiPropertyOptional({
    description: 'Exclusive start position when no Last-Event-ID is sent',
    example: 0,
    minimum: 0,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  after?: number;
}
