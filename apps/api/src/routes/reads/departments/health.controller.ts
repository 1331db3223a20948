import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { QueryBus } from '@nestjs/cqrs';
import { RequireScope } from '../../../security/decorators';
import { GetChildVaccinations, GetHealthStatistics, ListCatchUp } from '../queries';
import { PROBLEM_RESPONSE } from '../openapi';
import { OnDateQuery, PageQuery } from './department-queries.dto';
import { oneRow, PAGE_EXAMPLE, paged, READ_MODEL_NOTE } from './read-model-support';

const CHILD = {
  childId: 'c-2',
  certificate: 'incomplete',
  missingVaccines: ['MMR'],
  verifiedOn: '2025-04-02',
  streamRevision: 2,
  lastPosition: 50112,
};

/** 卫健委's read model `health` (docs/architecture.md §2, read models). */
@ApiTags('health')
@Controller('v1/health')
@RequireScope('schooling:read')
export class HealthReadController {
  constructor(private readonly queries: QueryBus) {}

  @Get('vaccinations/:childId')
  @ApiOperation({
    operationId: 'GetChildVaccinations',
    summary: 'A child’s vaccination verification and every check',
    description: `ETag = the schooling stream’s revision. ${READ_MODEL_NOTE}`,
  })
  @ApiParam({ name: 'childId', example: 'c-1' })
  @ApiOkResponse({
    schema: {
      example: {
        ...CHILD,
        checks: [{ verifiedOn: '2025-04-02', certificate: 'incomplete', missingVaccines: ['MMR'], streamRevision: 1 }],
      },
    },
  })
  @ApiNotFoundResponse({ ...PROBLEM_RESPONSE, description: 'No such child' })
  async vaccinations(
    @Param('childId') childId: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const child = await this.queries.execute(new GetChildVaccinations(childId));
    return oneRow(
      child,
      `child ${childId}`,
      (child as { streamRevision?: number } | null)?.streamRevision,
      request,
      response,
    );
  }

  @Get('catch-up')
  @ApiOperation({
    operationId: 'ListCatchUp',
    summary: 'Children referred for 补种 (catch-up vaccination)',
    description: READ_MODEL_NOTE,
  })
  @ApiOkResponse({ schema: { example: PAGE_EXAMPLE(CHILD) } })
  catchUp(@Query() query: PageQuery, @Res({ passthrough: true }) response: Response) {
    return paged(() => this.queries.execute(new ListCatchUp(query)), response, '/v1/health/catch-up', { ...query });
  }

  @Get('statistics')
  @ApiOperation({
    operationId: 'GetHealthStatistics',
    summary: '统计监测: children by certificate state, and coverage',
    description: READ_MODEL_NOTE,
  })
  @ApiOkResponse({
    schema: {
      example: {
        byCertificate: [{ key: 'complete', count: 310 }],
        coverage: { children: 340, checked: 330, recordsOpened: 12, publicHealthCovered: 300, catchUpReferred: 20 },
      },
    },
  })
  async statistics(@Query() query: OnDateQuery) {
    return this.queries.execute(new GetHealthStatistics(query.on));
  }
}
