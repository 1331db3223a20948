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

const ENDORSE_YEARLY = { ruleId: 'permit.endorse.yearly', source: 'national-663 第十条', quote: '居住每满1年之日前1个月内', status: 'in-force', effectiveFrom: '2016-01-01' };

const SUMMARY_EXAMPLE = {
  workerId: 'w-zhang',
  illustrativeRules: ['points.factors'],
  asOf: '2026-08-31',
  knownAt: null,
  worker: {
    stream: 'worker-w-zhang',
    revision: 1,
    eventsApplied: 2,
    rules: [],
    illustrative: false,
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
    rules: [
      { ruleId: 'permit.apply.conditions', source: 'national-663 第二条', quote: '居住半年以上', status: 'in-force', effectiveFrom: '2016-01-01' },
      ENDORSE_YEARLY,
      { ruleId: 'permit.equal-services', source: 'panzhihua-2016-10 §(十二)', quote: '持居住证享有与当地户籍人口同等的劳动就业', status: 'in-force', effectiveFrom: '2016-03-27' },
    ],
    illustrative: false,
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
    rules: [
      { ruleId: 'points.factors', source: 'shaoxing-2016-11 §(四)', quote: '科学构建流动人口公共服务积分制供给体系', status: 'illustrative', effectiveFrom: '2016-01-01' },
    ],
    illustrative: true,
    status: 'assessed',
    total: 112,
    assessedOn: '2025-07-05',
  },
  insurance: {
    stream: 'insurance-w-zhang',
    revision: 6,
    eventsApplied: 7,
    rules: [],
    illustrative: false,
    contributionMonths: { 'employee-pension': 47 },
    transfersInFlight: [],
  },
  employment: { stream: 'employment-w-zhang', visible: false },
  housing: {
    stream: 'housing-w-zhang',
    revision: 1,
    eventsApplied: 2,
    rules: [
      { ruleId: 'housing.rental.stable-employment', source: 'panzhihua-2016-10 §(十五)', quote: '在城镇稳定就业并居住一定年限的农民工', status: 'illustrative', effectiveFrom: '2016-03-27' },
    ],
    illustrative: true,
    rental: { applicationId: 'a-1', status: 'waitlisted', submittedOn: '2025-03-01' },
    homes: [],
  },
  children: [
    {
      stream: 'schooling-c-1',
      revision: 6,
      eventsApplied: 7,
      childId: 'c-1',
      rules: [
        { ruleId: 'school.admission.guarantee', source: 'panzhihua-2016-10 §(十三)', quote: '确保进城务工人员随迁子女 100%入学', status: 'in-force', effectiveFrom: '2016-03-27' },
      ],
      illustrative: false,
      vaccination: { verifiedOn: '2024-03-02', certificate: 'complete', missingVaccines: [] },
      vaccinationRecord: null,
      publicHealthCoveredFrom: '2024-03-03',
      health: {
        rules: [
          { ruleId: 'health.basic-public', source: 'panzhihua-2016-10 §(十四)', quote: '将在城镇居住半年以上的农民工及其子女纳入', status: 'in-force', effectiveFrom: '2016-03-27' },
        ],
        illustrative: false,
      },
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
      'Each visible section gives the clauses behind it: `rules`, every rule the decisions in effect in it applied (rule id, policy short name and clause, the clause’s words, status), under the same clocks, [] when its figures are recorded facts no rule decided; `illustrative` when one of them carries illustrative numbers. ' +
      'A child’s `rules` are its schooling’s; its vaccination and basic public health (the `health.*` rules) are in `health`, beside `vaccination` (卫健委’s latest check) and `vaccinationRecord`. ' +
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
