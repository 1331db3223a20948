import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `?after&limit`: keyset paging over a read model (the previous page's `next`). */
export class PageQuery {
  @ApiPropertyOptional({ description: 'The previous page’s `next` cursor', example: 'WyJ3LXpoYW5nIl0' })
  @IsOptional()
  @IsString()
  @MaxLength(400)
  after?: string;

  @ApiPropertyOptional({ description: '1–500, default 50', example: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class PermitsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['none', 'applied', 'active', 'suspended', 'revoked'], example: 'active' })
  @IsOptional()
  @IsIn(['none', 'applied', 'active', 'suspended', 'revoked'])
  status?: 'none' | 'applied' | 'active' | 'suspended' | 'revoked';

  @ApiPropertyOptional({ description: '行政区划代码 of the district of residence', example: '510411' })
  @IsOptional()
  @Matches(/^\d{6}$/)
  district?: string;
}

export class OnDateQuery {
  @ApiPropertyOptional({
    description: 'The day to count on (YYYY-MM-DD, Asia/Shanghai); default today',
    example: '2026-11-24',
  })
  @IsOptional()
  @Matches(DATE, { message: 'on must be a date YYYY-MM-DD' })
  on?: string;
}

export class EndorsementsDueQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'The day the work list is for; default today', example: '2026-11-24' })
  @IsOptional()
  @Matches(DATE, { message: 'on must be a date YYYY-MM-DD' })
  on?: string;
}

export class PublicSecurityStatisticsQuery extends OnDateQuery {
  @ApiPropertyOptional({ example: '510411' })
  @IsOptional()
  @Matches(/^\d{6}$/)
  district?: string;
}

export class TransfersQuery extends PageQuery {
  @ApiPropertyOptional({
    description: 'Only transfers in flight (the read model lists those; default true)',
    example: true,
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  inFlight?: boolean;

  @ApiPropertyOptional({ description: 'Only those past a deadline on this day', example: '2026-11-24' })
  @IsOptional()
  @Matches(DATE, { message: 'overdueOn must be a date YYYY-MM-DD' })
  overdueOn?: string;

  @ApiPropertyOptional({ description: 'Receiving region (行政区划代码)', example: '510400' })
  @IsOptional()
  @Matches(/^\d{6}$/)
  toRegion?: string;
}

export class RankingQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'The points round', example: '2025-H1' })
  @IsString()
  @MaxLength(40)
  round!: string;
}

export class PointsStatisticsQuery {
  @ApiPropertyOptional({ description: 'Band width in points (default 10)', example: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  width?: number;

  @ApiPropertyOptional({ example: '2025-H1' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  round?: string;
}

export class EnrollmentsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'District applied in (行政区划代码)', example: '510411' })
  @IsOptional()
  @Matches(/^\d{6}$/)
  district?: string;

  @ApiPropertyOptional({ example: 2024 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  schoolYear?: number;

  @ApiPropertyOptional({ enum: ['applied', 'eligible', 'offered', 'enrolled'] })
  @IsOptional()
  @IsIn(['applied', 'eligible', 'offered', 'enrolled'])
  status?: 'applied' | 'eligible' | 'offered' | 'enrolled';
}

export class RankedEnrollmentsQuery extends PageQuery {
  @ApiPropertyOptional({ example: 2025 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  schoolYear!: number;

  @ApiPropertyOptional({ example: '510411' })
  @IsOptional()
  @Matches(/^\d{6}$/)
  district?: string;

  @ApiPropertyOptional({ example: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(12)
  grade?: number;
}

export class EducationStatisticsQuery {
  @ApiPropertyOptional({ example: 2024 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  schoolYear?: number;
}

export class DecisionsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only decisions that applied this rule', example: 'permit.apply.conditions' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  ruleId?: string;

  @ApiPropertyOptional({ example: 'panzhihua' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  packId?: string;

  @ApiPropertyOptional({ example: 'PermitIssued' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  eventType?: string;
}
