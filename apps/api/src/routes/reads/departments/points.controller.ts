import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Pool } from 'pg';
import { pointsQueries as q } from '@ledger/read-models';
import { RequireScope } from '../../../security/decorators';
import { POLICY, READ_POOL } from '../../../tokens';
import type { PolicyView } from '@ledger/policy';
import { illustrativeRuleIds } from '../illustrative';
import { PROBLEM_RESPONSE } from '../openapi';
import { PointsStatisticsQuery, RankingQuery } from './department-queries.dto';
import { oneRow, PAGE_EXAMPLE, paged, READ_MODEL_NOTE } from './read-model-support';

/** The read model `points` (流动人口服务管理局; docs/architecture.md §2, read models). */
@ApiTags('points')
@Controller('v1/points')
@RequireScope('points:read')
export class PointsController {
  constructor(
    @Inject(READ_POOL) private readonly pool: Pool,
    @Inject(POLICY) private readonly policy: PolicyView,
  ) {}

  /** Points are scored under the pack's points.factors: flagged when its numbers are illustrative. */
  private illustrativeRules(): string[] {
    return illustrativeRuleIds(this.policy, ['points.factors']);
  }

  @Get('ranking')
  @ApiOperation({
    summary: 'A round’s ranking: points, then the earlier permit (tie rule)',
    description: `${READ_MODEL_NOTE} \`illustrativeRules\` lists the rules whose numbers scored the points and are illustrative (示例参数), [] when none.`,
  })
  @ApiOkResponse({
    schema: {
      example: PAGE_EXAMPLE({
        rank: 1,
        workerId: 'w-li',
        total: 112,
        permitIssuedOn: '2022-07-12',
        roundId: '2025-H1',
      }),
    },
  })
  async ranking(@Query() query: RankingQuery, @Res({ passthrough: true }) response: Response) {
    const page = await paged(() => q.rankRound(this.pool, { ...query, roundId: query.round }), response, '/v1/points/ranking', {
      ...query,
    });
    return { ...page, illustrativeRules: this.illustrativeRules() };
  }

  @Get('workers/:workerId')
  @ApiOperation({
    summary: 'A worker’s current points with breakdown and adjustments',
    description: `ETag = the points stream’s revision. ${READ_MODEL_NOTE} \`illustrativeRules\`: the illustrative rules (示例参数) the points were scored under.`,
  })
  @ApiParam({ name: 'workerId', example: 'w-zhang' })
  @ApiOkResponse({
    schema: {
      example: {
        workerId: 'w-zhang',
        status: 'assessed',
        total: 112,
        roundId: '2025-H1',
        breakdown: [],
        adjustments: [],
        streamRevision: 0,
        illustrativeRules: ['points.factors'],
      },
    },
  })
  @ApiNotFoundResponse({ ...PROBLEM_RESPONSE, description: 'No points for this worker' })
  async worker(
    @Param('workerId') workerId: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const row = await q.getPoints(this.pool, { workerId });
    const found = oneRow(
      row,
      `points for worker ${workerId}`,
      (row as { streamRevision?: number } | null)?.streamRevision,
      request,
      response,
    );
    if (!found) return undefined;
    return {
      ...found,
      adjustments: await q.getAdjustments(this.pool, { workerId }),
      illustrativeRules: this.illustrativeRules(),
    };
  }

  @Get('statistics')
  @ApiOperation({ summary: '统计监测: points bands and workers by status', description: READ_MODEL_NOTE })
  @ApiOkResponse({
    schema: { example: { bands: [{ key: '100-109', count: 40 }], byStatus: [{ key: 'assessed', count: 380 }] } },
  })
  async statistics(@Query() query: PointsStatisticsQuery) {
    const [bands, byStatus] = await Promise.all([
      q.countPointsBands(this.pool, { width: query.width, roundId: query.round }),
      q.countPointsByStatus(this.pool),
    ]);
    return { bands, byStatus };
  }
}
