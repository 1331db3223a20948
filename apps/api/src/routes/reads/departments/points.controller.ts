import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { QueryBus } from '@nestjs/cqrs';
import { RequireScope } from '../../../security/decorators';
import { POLICY } from '../../../tokens';
import type { PolicyView } from '@ledger/policy';
import { illustrativeRuleIds } from '../illustrative';
import { GetPointsStatistics, GetWorkerPoints, RankPointsRound } from '../queries';
import { PROBLEM_RESPONSE } from '../openapi';
import { PointsStatisticsQuery, RankingQuery } from './department-queries.dto';
import { oneRow, PAGE_EXAMPLE, paged, READ_MODEL_NOTE } from './read-model-support';

/** The read model `points` (流动人口服务管理局; docs/architecture.md §2, read models). */
@ApiTags('points')
@Controller('v1/points')
@RequireScope('points:read')
export class PointsController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(POLICY) private readonly policy: PolicyView,
  ) {}

  /** Points are scored under the pack's points.factors: flagged when its numbers are illustrative. */
  private illustrativeRules(): string[] {
    return illustrativeRuleIds(this.policy, ['points.factors']);
  }

  @Get('ranking')
  @ApiOperation({
    operationId: 'RankPointsRound',
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
    const page = await paged(
      () => this.queries.execute(new RankPointsRound({ ...query, roundId: query.round })),
      response,
      '/v1/points/ranking',
      { ...query },
    );
    return { ...page, illustrativeRules: this.illustrativeRules() };
  }

  @Get('workers/:workerId')
  @ApiOperation({
    operationId: 'GetWorkerPoints',
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
    const found = await this.queries.execute(new GetWorkerPoints(workerId));
    const points = found ? { ...found, illustrativeRules: this.illustrativeRules() } : null;
    return oneRow(
      points,
      `points for worker ${workerId}`,
      (points as { streamRevision?: number } | null)?.streamRevision,
      request,
      response,
    );
  }

  @Get('statistics')
  @ApiOperation({
    operationId: 'GetPointsStatistics',
    summary: '统计监测: points bands and workers by status',
    description: READ_MODEL_NOTE,
  })
  @ApiOkResponse({
    schema: { example: { bands: [{ key: '100-109', count: 40 }], byStatus: [{ key: 'assessed', count: 380 }] } },
  })
  async statistics(@Query() query: PointsStatisticsQuery) {
    return this.queries.execute(new GetPointsStatistics(query.width, query.round));
  }
}
