import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ExecuteDeps } from '@ledger/application';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { explainDecision, type DecisionExplanation } from '@ledger/audit';
import { problem, ProblemError } from '../../problem/problem';
import { invalidInput } from '../../problem/validation-errors';
import { RequireScope } from '../../security/decorators';
import { AUDIT_READ } from '../../security/scopes';
import { PROBLEM_RESPONSE } from '../reads/openapi';
import { AUDIT_EXECUTE_DEPS, AUDIT_LOG, AuditLogDeps } from './audit-log.tokens';
import { subjectStreams } from './subject-streams';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Why the ledger decided what a decision event records (docs/audit.md, decisions). */
@ApiTags('audit log (auditors)')
@Controller('v1/decisions')
@RequireScope(AUDIT_READ)
export class DecisionExplanationController {
  constructor(
    @Inject(AUDIT_LOG) private readonly audit: AuditLogDeps,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(AUDIT_EXECUTE_DEPS) private readonly execute: ExecuteDeps,
  ) {}

  @Get(':eventId/explanation')
  @ApiOperation({
    operationId: 'ExplainDecision',
    summary: 'A decision explained: pack and version, each rule with its clause and quote, the inputs, the events they came from, and today’s pack rule by rule',
    description:
      '`state` lists the stream’s events the decision folded; `factSources` the subject’s other streams and the revision each had reached when the decision was appended; `causation` follows `metadata.causationId`. Events are found through the verifiable log.',
  })
  @ApiParam({ name: 'eventId', example: '0b8f6f0e-8d0e-4f43-9a8c-3c1a9b0d2e11' })
  @ApiOkResponse({
    schema: {
      example: {
        event: { eventId: '0b8f6f0e-8d0e-4f43-9a8c-3c1a9b0d2e11', streamName: 'residence-permit-w-zhang', streamRevision: 1, type: 'PermitApplied', leafIndex: 17 },
        packId: 'panzhihua',
        packVersion: '1.0.0',
        decidedOn: '2026-11-24',
        rules: [{ ruleId: 'permit.apply.conditions', source: 'national-663 第二条', quote: '居住半年以上', status: 'in-force', effectiveFrom: '2016-01-01' }],
        inputs: { residenceSince: '2025-01-05' },
        state: [{ streamRevision: 0, type: 'ResidenceRegistered' }],
        factSources: [{ streamName: 'worker-w-zhang', revision: 0 }],
        causation: [],
        todaysPack: { packId: 'panzhihua', packVersion: '1.0.0', rules: [{ ruleId: 'permit.apply.conditions', change: 'same' }] },
      },
    },
  })
  @ApiBadRequestResponse({ ...PROBLEM_RESPONSE, description: 'Not a UUID (problem type validation-failed)' })
  @ApiNotFoundResponse({ ...PROBLEM_RESPONSE, description: 'No such event in the log, or it records no decision (problem type not-found)' })
  async explanation(@Param('eventId') eventId: string): Promise<DecisionExplanation> {
    if (!UUID.test(eventId)) throw invalidInput({ parameter: 'eventId' }, { zh: 'eventId 必须是 UUID', en: 'eventId must be a UUID' });
    const found = await explainDecision({
      store: this.store,
      log: this.audit.log,
      eventId: eventId.toLowerCase(),
      subjectStreams,
      policy: this.execute.policy,
      today: this.execute.today(),
    });
    if (found === undefined) throw new ProblemError(problem('not-found', `No event ${eventId} is in the verifiable log`));
    if (found === 'not-a-decision') throw new ProblemError(problem('not-found', `Event ${eventId} records no decision`));
    return found;
  }
}
