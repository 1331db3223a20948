import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { QueryBus } from '@nestjs/cqrs';
import { RequireScope } from '../../../security/decorators';
import { GetAuditStatistics, ListDecisions } from '../queries';
import { DecisionsQuery } from './department-queries.dto';
import { PAGE_EXAMPLE, paged, READ_MODEL_NOTE } from './read-model-support';

const DECISION = {
  eventId: '0b8f6f0e-8d0e-4f43-9a8c-3c1a9b0d2e11',
  streamName: 'residence-permit-w-zhang',
  streamRevision: 2,
  globalPosition: 20480,
  eventType: 'PermitIssued',
  decidedOn: '2022-07-20',
  packId: 'panzhihua',
  packVersion: '2016.10',
  provisional: false,
  rules: [
    {
      ruleId: 'permit.issue',
      source: 'panzhihua-2016-10 §(一)',
      quote: '…',
      status: 'in-force',
      effectiveFrom: '2016-10-01',
    },
  ],
  inputs: { residenceMonths: 6 },
};

/** The auditors' read model `audit`: decisions with their policy citations (docs/architecture.md §2, read models). */
@ApiTags('audit')
@Controller('v1/audit')
@RequireScope('audit:read')
export class AuditReadController {
  constructor(private readonly queries: QueryBus) {}

  @Get('decisions')
  @ApiOperation({
    operationId: 'ListDecisions',
    summary:
      'Decisions in the global order, with rules, clauses and inputs; `ruleId` keeps those that applied the rule',
    description: READ_MODEL_NOTE,
  })
  @ApiOkResponse({ schema: { example: PAGE_EXAMPLE(DECISION) } })
  decisions(@Query() query: DecisionsQuery, @Res({ passthrough: true }) response: Response) {
    return paged(() => this.queries.execute(new ListDecisions(query)), response, '/v1/audit/decisions', { ...query });
  }

  @Get('statistics')
  @ApiOperation({
    operationId: 'GetAuditStatistics',
    summary: '统计监测: decisions by rule and by policy pack',
    description: READ_MODEL_NOTE,
  })
  @ApiOkResponse({
    schema: {
      example: {
        byRule: [{ key: 'permit.issue', source: 'panzhihua-2016-10 §(一)', count: 1820 }],
        byPack: [{ key: 'panzhihua@2016.10', count: 5120 }],
      },
    },
  })
  async statistics() {
    return this.queries.execute(new GetAuditStatistics());
  }
}
