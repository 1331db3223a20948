import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { QueryBus } from '@nestjs/cqrs';
import { RequireScope } from '../../../security/decorators';
import { GetChildSchooling, GetEducationStatistics, ListEnrollments, RankEnrollments } from '../queries';
import { PROBLEM_RESPONSE } from '../openapi';
import { EducationStatisticsQuery, EnrollmentsQuery, RankedEnrollmentsQuery } from './department-queries.dto';
import { oneRow, PAGE_EXAMPLE, paged, READ_MODEL_NOTE } from './read-model-support';

const APPLICATION = {
  childId: 'c-2',
  applicationId: 'e-2',
  status: 'eligible',
  schoolYear: 2025,
  grade: 1,
  area: '510411',
  appliedOn: '2025-05-10',
  streamRevision: 3,
  lastPosition: 51230,
};

/** 教育局's read model `education` (docs/architecture.md §2, read models). */
@ApiTags('education')
@Controller('v1/education')
@RequireScope('schooling:read')
export class EducationController {
  constructor(private readonly queries: QueryBus) {}

  @Get('enrollments')
  @ApiOperation({
    operationId: 'ListEnrollments',
    summary: 'Enrollment applications per district and school year, in the order applied',
    description: READ_MODEL_NOTE,
  })
  @ApiOkResponse({ schema: { example: PAGE_EXAMPLE(APPLICATION) } })
  enrollments(@Query() query: EnrollmentsQuery, @Res({ passthrough: true }) response: Response) {
    return paged(
      () => this.queries.execute(new ListEnrollments({ ...query, area: query.district })),
      response,
      '/v1/education/enrollments',
      { ...query },
    );
  }

  @Get('enrollments/ranking')
  @ApiOperation({
    operationId: 'RankEnrollments',
    summary: 'Eligible applications of a school year ranked: priority, ranking points, first come',
    description: READ_MODEL_NOTE,
  })
  @ApiOkResponse({ schema: { example: PAGE_EXAMPLE({ ...APPLICATION, rank: 1 }) } })
  ranking(@Query() query: RankedEnrollmentsQuery, @Res({ passthrough: true }) response: Response) {
    return paged(
      () => this.queries.execute(new RankEnrollments({ ...query, area: query.district })),
      response,
      '/v1/education/enrollments/ranking',
      { ...query },
    );
  }

  @Get('children/:childId')
  @ApiOperation({
    operationId: 'GetChildSchooling',
    summary: 'A child with applications, offers, enrolments and exam eligibility',
    description: READ_MODEL_NOTE,
  })
  @ApiParam({ name: 'childId', example: 'c-1' })
  @ApiOkResponse({
    schema: {
      example: {
        child: { childId: 'c-1', parentWorkerIds: ['w-zhang'] },
        applications: [APPLICATION],
        offers: [],
        enrolments: [],
        exams: [],
      },
    },
  })
  @ApiNotFoundResponse({ ...PROBLEM_RESPONSE, description: 'No such child' })
  async child(
    @Param('childId') childId: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const found = await this.queries.execute(new GetChildSchooling(childId));
    return oneRow(
      found,
      `child ${childId}`,
      (found?.child as { streamRevision?: number } | undefined)?.streamRevision,
      request,
      response,
    );
  }

  @Get('statistics')
  @ApiOperation({
    operationId: 'GetEducationStatistics',
    summary: '统计监测: enrolment by district, and applications by status for a school year',
    description: READ_MODEL_NOTE,
  })
  @ApiOkResponse({
    schema: {
      example: {
        schoolYear: 2024,
        enrolmentsByDistrict: [{ key: '510411', count: 88 }],
        applicationsByStatus: [{ key: 'enrolled', count: 88 }],
      },
    },
  })
  async statistics(@Query() query: EducationStatisticsQuery) {
    return this.queries.execute(new GetEducationStatistics(query.schoolYear));
  }
}
