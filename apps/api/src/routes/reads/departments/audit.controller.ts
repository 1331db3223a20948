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
  packVersion: '1.0.0',
  provisional: false,
  rules: [
    { ruleId: 'permit.apply.conditions', source: 'national-663 第二条', quote: '居住半年以上', status: 'in-force', effectiveFrom: '2016-01-01' },
    { ruleId: 'permit.endorse.yearly', source: 'national-663 第十条', quote: '居住每满1年之日前1个月内', status: 'in-force', effectiveFrom: '2016-01-01' },
  ],
  inputs: { appliedOn: '2022-07-10', ground: 'stable-job', continuousResidenceSince: '2022-01-05' },
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
        byRule: [{ key: 'permit.apply.conditions', source: 'national-663 第二条', count: 1820 }],
        byPack: [{ key: 'panzhihua@1.0.0', count: 5120 }],
      },
    },
  })
  async statistics() {
    return this.queries.execute(new GetAuditStatistics());
  }
}
