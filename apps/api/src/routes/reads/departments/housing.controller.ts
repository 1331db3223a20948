import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Clock } from '@ledger/application';
import { QueryBus } from '@nestjs/cqrs';
import { RequireScope } from '../../../security/decorators';
import { LEDGER_CLOCK } from '../../../tokens';
import { GetHousingStatistics, GetWorkerHousing, ListWaitlist } from '../queries';
import { OnDateQuery, PageQuery } from './department-queries.dto';
import { PAGE_EXAMPLE, paged, READ_MODEL_NOTE } from './read-model-support';

/** 住建局's read model `housing` (docs/architecture.md §2, read models). */
@ApiTags('housing')
@Controller('v1/housing')
@RequireScope('housing:read')
export class HousingController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(LEDGER_CLOCK) private readonly clock: Clock,
  ) {}

  @Get('waitlist')
  @ApiOperation({
    operationId: 'ListWaitlist',
    summary: 'The public-rental waitlist in order',
    description: READ_MODEL_NOTE,
  })
  @ApiOkResponse({
    schema: {
      example: PAGE_EXAMPLE({ position: 1, workerId: 'w-zhang', applicationId: 'a-1', waitlistedOn: '2025-03-01' }),
    },
  })
  waitlist(@Query() query: PageQuery, @Res({ passthrough: true }) response: Response) {
    return paged(() => this.queries.execute(new ListWaitlist(query)), response, '/v1/housing/waitlist', { ...query });
  }

  @Get('workers/:workerId')
  @ApiOperation({
    operationId: 'GetWorkerHousing',
    summary: 'A worker’s rental applications, tenancies and homes',
    description: READ_MODEL_NOTE,
  })
  @ApiParam({ name: 'workerId', example: 'w-zhang' })
  @ApiOkResponse({
    schema: {
      example: {
        workerId: 'w-zhang',
        applications: [{ applicationId: 'a-1', status: 'waitlisted' }],
        tenancies: [],
        homes: [],
      },
    },
  })
  async worker(@Param('workerId') workerId: string) {
    return this.queries.execute(new GetWorkerHousing(workerId));
  }

  @Get('statistics')
  @ApiOperation({
    operationId: 'GetHousingStatistics',
    summary: '统计监测: waitlist length, applications by status, tenancies and homes on a day',
    description: READ_MODEL_NOTE,
  })
  @ApiOkResponse({
    schema: {
      example: {
        on: '2026-11-24',
        waitlist: 57,
        applicationsByStatus: [{ key: 'waitlisted', count: 57 }],
        tenancies: 120,
        homes: [{ key: 'commercial', count: 33 }],
      },
    },
  })
  async statistics(@Query() query: OnDateQuery) {
    const on = query.on ?? this.clock.today();
    return this.queries.execute(new GetHousingStatistics(on));
  }
}
