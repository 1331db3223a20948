import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { QueryBus } from '@nestjs/cqrs';
import type { Request, Response } from 'express';
import { problem, ProblemError } from '../../problem/problem';
import { RequireScope } from '../../security/decorators';
import { readScope } from '../../security/scopes';
import { credentialOf } from './access';
import { parseClocks } from './clocks';
import { SummaryQuery } from './dto/summary.query';
import { notModified } from './etag';
import { PROBLEM_RESPONSE } from './openapi';
import { GetWorkerSummary } from './queries';

const SUMMARY_EXAMPLE = {
  workerId: 'w-zhang',
  illustrativeRules: ['points.factors'],
  asOf: '2026-08-31',
  knownAt: null,
  worker: {
    stream: 'worker-w-zhang',
    revision: 1,
    eventsApplied: 2,
    registered: true,
    name: '张*',
    idNumber: '5104**********1234',
    phone: '139****0001',
    birthDate: '1990-01-01',
    hukouAreaCode: '513401',
    arrivalOn: '2022-01-05',
    education: null,
    skill: null,
    certificates: [],
    violations: [],
    settled: null,
  },
  residencePermit: {
    stream: 'residence-permit-w-zhang',
    revision: 4,
    eventsApplied: 4,
    status: 'active',
    arrivalOn: '2022-01-05',
    address: { line: '***', districtCode: '510402' },
    addressSince: '2022-01-05',
    permitNumber: '510402000000000002',
    issuedOn: '2022-07-20',
    validUntil: '2027-07-20',
    continuousResidenceSince: '2022-01-05',
  },
  points: {
    stream: 'points-w-zhang',
    revision: 0,
    eventsApplied: 1,
    status: 'assessed',
    total: 112,
    assessedOn: '2025-07-05',
  },
  insurance: {
    stream: 'insurance-w-zhang',
    revision: 6,
    eventsApplied: 7,
    contributionMonths: { 'employee-pension': 47 },
    transfersInFlight: [],
  },
  employment: { stream: 'employment-w-zhang', revision: -1, eventsApplied: 0, unemployment: null, employment: null },
  housing: {
    stream: 'housing-w-zhang',
    revision: 1,
    eventsApplied: 2,
    rental: { applicationId: 'a-1', status: 'waitlisted', submittedOn: '2025-03-01' },
    homes: [],
  },
  children: [
    {
      stream: 'schooling-c-1',
      revision: 6,
      eventsApplied: 7,
      childId: 'c-1',
      enrolment: { schoolId: 's-renhe-1', grade: 3, enrolledOn: '2024-09-01' },
    },
  ],
};

/** A worker's whole picture on one page (docs/architecture.md §1), under either clock (principle 9). */
@ApiTags('workers')
@Controller('v1/workers')
@RequireScope(readScope('worker'))
export class WorkerSummaryController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':workerId/summary')
  @ApiOperation({
    operationId: 'GetWorkerSummary',
    summary: 'A worker’s whole picture, folded from the store, as of a day and as the ledger knew it at an instant',
    description:
      '`asOf`: what was true in the world on that day (events whose effectiveOn — or, without one, recording day in Asia/Shanghai — is on or before it). ' +
      '`knownAt`: what the ledger knew then (events recorded by that instant). Without either: everything recorded. ' +
      'Each section gives its stream, the revision the ledger knew and status fields; sections outside the credential’s categories say `visible: false`. ' +
      '`illustrativeRules`: the illustrative rules (示例参数: numbers the seed does not give) whose figures the visible sections show, [] when none. ' +
      'ETag = a hash of the stream revisions. 身份证号, name, phone and address line are masked outside residence-office and public-security.',
  })
  @ApiParam({ name: 'workerId', example: 'w-zhang' })
  @ApiOkResponse({
    description: 'The summary; ETag = hash of the sections’ stream revisions',
    schema: { example: SUMMARY_EXAMPLE },
  })
  @ApiBadRequestResponse({
    ...PROBLEM_RESPONSE,
    description: 'asOf or knownAt malformed (problem type validation-failed)',
  })
  @ApiNotFoundResponse({
    ...PROBLEM_RESPONSE,
    description: 'No worker or residence stream for this id (as the ledger knew it)',
  })
  async summary(
    @Param('workerId') workerId: string,
    @Query() query: SummaryQuery,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const credential = credentialOf(request);
    const clocks = parseClocks(query.asOf, query.knownAt);
    const summary = await this.queries.execute(new GetWorkerSummary(workerId, clocks, credential));
    if (!summary.found) throw new ProblemError(problem('not-found', `No worker ${workerId}`));
    if (notModified(request, response, summary.etag)) return undefined;
    return summary.body;
  }
}
