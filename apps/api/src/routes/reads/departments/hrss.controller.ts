import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Clock } from '@ledger/application';
import { QueryBus } from '@nestjs/cqrs';
import { problem, ProblemError } from '../../../problem/problem';
import { RequireScope } from '../../../security/decorators';
import { LEDGER_CLOCK, POLICY } from '../../../tokens';
import type { PolicyView } from '@ledger/policy';
import { illustrativeRuleIds } from '../illustrative';
import { GetHrssStatistics, GetWorkerInsurance, ListTransfersInFlight } from '../queries';
import { PROBLEM_RESPONSE } from '../openapi';
import { OnDateQuery, TransfersQuery } from './department-queries.dto';
import { PAGE_EXAMPLE, paged, READ_MODEL_NOTE } from './read-model-support';

const TRANSFER = {
  workerId: 'w-li',
  transferId: 't-2',
  status: 'requested',
  fromRegion: '510100',
  toRegion: '510400',
  requestedOn: '2024-04-01',
  letterDue: '2024-04-16',
  completionDue: null,
  streamRevision: 2,
  lastPosition: 30211,
  illustrativeRules: ['si.transfer.terms'],
};

/** What a transfer row carries: its deadlines, at least. */
type TransferRow = { letterDue?: string | null; completionDue?: string | null };

/** 人社局's read model `hrss` (docs/architecture.md §2, read models). */
@ApiTags('hrss')
@Controller('v1/hrss')
@RequireScope('insurance:read')
export class HrssController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(LEDGER_CLOCK) private readonly clock: Clock,
    @Inject(POLICY) private readonly policy: PolicyView,
  ) {}

  /** A transfer's deadlines come from si.transfer.terms: flagged when its numbers are illustrative. */
  private flagged<T extends object>(row: T): T & { illustrativeRules: string[] } {
    const r = row as TransferRow;
    const hasDeadline = Boolean(r.letterDue || r.completionDue);
    return { ...row, illustrativeRules: hasDeadline ? illustrativeRuleIds(this.policy, ['si.transfer.terms']) : [] };
  }

  @Get('transfers')
  @ApiOperation({
    operationId: 'ListTransfersInFlight',
    summary: '社保关系转移接续 in flight, oldest request first; `overdueOn` keeps those past a deadline that day',
    description: `${READ_MODEL_NOTE} Each transfer's \`illustrativeRules\` names the rule its deadlines come from when its numbers are illustrative (示例参数).`,
  })
  @ApiOkResponse({ schema: { example: PAGE_EXAMPLE(TRANSFER) } })
  @ApiBadRequestResponse({
    ...PROBLEM_RESPONSE,
    description: 'inFlight=false: finished transfers are listed per worker',
  })
  async transfers(@Query() query: TransfersQuery, @Res({ passthrough: true }) response: Response) {
    if (query.inFlight === false) {
      throw new ProblemError(
        problem(
          'validation-failed',
          'Only transfers in flight are listed; a worker’s finished transfers are at /v1/hrss/workers/{workerId}/insurance',
          {
            parameter: 'inFlight',
          },
        ),
      );
    }
    const page = await paged(() => this.queries.execute(new ListTransfersInFlight(query)), response, '/v1/hrss/transfers', {
      ...query,
    });
    return { ...page, rows: page.rows.map((row) => this.flagged(row)) };
  }

  @Get('workers/:workerId/insurance')
  @ApiOperation({
    operationId: 'GetWorkerInsurance',
    summary: 'A worker’s insurance accounts and transfers',
    description: READ_MODEL_NOTE,
  })
  @ApiParam({ name: 'workerId', example: 'w-zhang' })
  @ApiOkResponse({
    schema: {
      example: {
        workerId: 'w-zhang',
        accounts: [{ scheme: 'employee-pension', region: '510400', months: 23 }],
        transfers: [TRANSFER],
      },
    },
  })
  async insurance(@Param('workerId') workerId: string) {
    const insurance = await this.queries.execute(new GetWorkerInsurance(workerId));
    return { ...insurance, transfers: insurance.transfers.map((row) => this.flagged(row)) };
  }

  @Get('statistics')
  @ApiOperation({
    operationId: 'GetHrssStatistics',
    summary: '统计监测: transfers in flight and overdue, by status; open unemployment registrations; subsidies by kind',
    description: READ_MODEL_NOTE,
  })
  @ApiOkResponse({
    schema: {
      example: {
        on: '2026-11-24',
        transfers: { inFlight: 14, overdue: 3 },
        transfersByStatus: [
          { key: 'completed', count: 210 },
          { key: 'requested', count: 9 },
        ],
        openUnemployment: 31,
        subsidies: [{ kind: 'public-post', count: 12, amountFen: 5400000 }],
      },
    },
  })
  async statistics(@Query() query: OnDateQuery) {
    const on = query.on ?? this.clock.today();
    return this.queries.execute(new GetHrssStatistics(on));
  }
}
