import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Clock } from '@ledger/application';
import { QueryBus } from '@nestjs/cqrs';
import { RequireScope } from '../../../security/decorators';
import { LEDGER_CLOCK } from '../../../tokens';
import { GetPermit, GetPublicSecurityStatistics, ListEndorsementsDue, ListPermits } from '../queries';
import { PROBLEM_RESPONSE } from '../openapi';
import { EndorsementsDueQuery, PermitsQuery, PublicSecurityStatisticsQuery } from './department-queries.dto';
import { oneRow, PAGE_EXAMPLE, paged, READ_MODEL_NOTE } from './read-model-support';

const PERMIT = {
  workerId: 'w-zhang',
  status: 'active',
  permitNumber: '510402000000000002',
  issuedOn: '2022-07-20',
  validUntil: '2027-07-20',
  nextDueOn: '2027-07-20',
  continuousResidenceSince: '2022-01-05',
  addressDistrict: '510411',
  streamRevision: 5,
  lastPosition: 40963,
};

/** 公安局's read model `public_security` (docs/architecture.md §2, read models). */
@ApiTags('public-security')
@Controller('v1/public-security')
@RequireScope('residence-permit:read')
export class PublicSecurityController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(LEDGER_CLOCK) private readonly clock: Clock,
  ) {}

  @Get('permits/:workerId')
  @ApiOperation({
    operationId: 'GetPermit',
    summary: 'A worker’s permit with its 签注',
    description: `ETag = the permit stream’s revision. ${READ_MODEL_NOTE}`,
  })
  @ApiParam({ name: 'workerId', example: 'w-zhang' })
  @ApiOkResponse({
    schema: {
      example: {
        ...PERMIT,
        endorsements: [{ endorsedOn: '2023-07-01', late: false, endorsedYear: 1, streamRevision: 4 }],
      },
    },
  })
  @ApiNotFoundResponse({ ...PROBLEM_RESPONSE, description: 'No permit row for this worker' })
  async permit(
    @Param('workerId') workerId: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const permit = await this.queries.execute(new GetPermit(workerId));
    return oneRow(permit, `permit for worker ${workerId}`, permit?.streamRevision, request, response);
  }

  @Get('permits')
  @ApiOperation({
    operationId: 'ListPermits',
    summary: 'Permits by status and district, keyset-paged by worker id',
    description: READ_MODEL_NOTE,
  })
  @ApiOkResponse({ schema: { example: PAGE_EXAMPLE(PERMIT) } })
  permits(@Query() query: PermitsQuery, @Res({ passthrough: true }) response: Response) {
    return paged(() => this.queries.execute(new ListPermits(query)), response, '/v1/public-security/permits', {
      ...query,
    });
  }

  @Get('endorsements-due')
  @ApiOperation({
    operationId: 'ListEndorsementsDue',
    summary: 'The counter’s 签注 work list: windows open on a day, soonest due first',
    description: READ_MODEL_NOTE,
  })
  @ApiOkResponse({ schema: { example: PAGE_EXAMPLE(PERMIT) } })
  endorsementsDue(@Query() query: EndorsementsDueQuery, @Res({ passthrough: true }) response: Response) {
    const on = query.on ?? this.clock.today();
    return paged(
      () => this.queries.execute(new ListEndorsementsDue({ ...query, on })),
      response,
      '/v1/public-security/endorsements-due',
      { ...query, on },
    );
  }

  @Get('statistics')
  @ApiOperation({
    operationId: 'GetPublicSecurityStatistics',
    summary: '统计监测: workers by permit status (overdue counted on a day) and by district',
    description: READ_MODEL_NOTE,
  })
  @ApiOkResponse({
    schema: {
      example: {
        on: '2026-11-24',
        byStatus: [
          { key: 'active', count: 1820 },
          { key: 'overdue', count: 12 },
          { key: 'suspended', count: 40 },
        ],
        byDistrict: [
          { key: '510402', count: 1203 },
          { key: '510411', count: 669 },
        ],
      },
    },
  })
  async statistics(@Query() query: PublicSecurityStatisticsQuery) {
    const on = query.on ?? this.clock.today();
    return this.queries.execute(new GetPublicSecurityStatistics(on, query.district));
  }
}
