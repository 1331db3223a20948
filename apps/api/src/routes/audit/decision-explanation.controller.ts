import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { ExecuteDeps, packsAvailable, redecide, type Redecision } from '@ledger/application';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { eventById, explainDecision, type DecisionExplanation } from '@ledger/audit';
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

  @Get(':eventId/redecision')
  @ApiOperation({
    operationId: 'GetDecisionRedecision',
    summary: 'A decision decided again: under its own pack version (it must reproduce exactly; a difference is a defect) and under today’s pack (what would change, and which rule and clause change it)',
    description:
      'The pure decider runs on the command the decision event kept (`metadata.command`), its own stream up to the event and each other stream at the revision the decision recorded it read, on the day it was decided. ' +
      '`verdict`: `reproduced`, `defect` (`ownPack.differences` names each differing field) or `not-replayable` (`ownPack.reason`: no command kept, or a pack version this ledger does not have). ' +
      '`todaysPack` runs the deployment’s pack with every rule as in force today; `rules` compares each rule then and today (clause, quote, version, parameters). Events are found through the verifiable log. docs/audit.md, re-decide.',
  })
  @ApiParam({ name: 'eventId', example: '0b8f6f0e-8d0e-4f43-9a8c-3c1a9b0d2e11' })
  @ApiOkResponse({
    description: 'The re-decision',
    schema: {
      example: {
        event: { eventId: '0b8f6f0e-8d0e-4f43-9a8c-3c1a9b0d2e11', streamName: 'residence-permit-w-zhang', streamRevision: 1, type: 'PermitApplied', globalPosition: 1042 },
        decision: { packId: 'panzhihua', packVersion: '1.0.0', decidedOn: '2026-11-24', rules: [{ ruleId: 'permit.apply.conditions', source: 'national-663 第二条', quote: '居住半年以上', status: 'in-force', effectiveFrom: '2016-01-01' }] },
        command: { type: 'ApplyForPermit', today: '2026-11-24', read: { 'residence-permit-w-zhang': 0 }, batch: { index: 0, size: 1 } },
        verdict: 'reproduced',
        ownPack: { packId: 'panzhihua', packVersion: '1.0.0', rulesOn: '2026-11-24', outcome: 'same', differences: [], refusal: null, error: null, reason: null },
        todaysPack: {
          packId: 'panzhihua',
          packVersion: '1.1.0',
          rulesOn: '2027-03-01',
          outcome: 'refused',
          differences: [],
          refusal: { code: 'RESIDENCE_TOO_SHORT', ruleId: 'permit.apply.conditions', source: 'national-663 第二条', quote: '居住半年以上', detail: '不予受理居住证申领：…', packId: 'panzhihua', packVersion: '1.1.0', eligibleFrom: '2027-01-05' },
          error: null,
          reason: null,
          rules: [{ ruleId: 'permit.apply.conditions', change: 'changed', fields: [{ path: 'params.minResidence.months', recorded: 6, redecided: 12 }] }],
        },
      },
    },
  })
  @ApiBadRequestResponse({ ...PROBLEM_RESPONSE, description: 'Not a UUID (problem type validation-failed)' })
  @ApiNotFoundResponse({ ...PROBLEM_RESPONSE, description: 'No such event in the verifiable log (problem type not-found)' })
  @ApiUnprocessableEntityResponse({ ...PROBLEM_RESPONSE, description: 'The event records no decision (problem type not-a-decision)' })
  async redecision(@Param('eventId') eventId: string): Promise<Redecision> {
    if (!UUID.test(eventId)) throw new ProblemError(problem('validation-failed', 'eventId must be a UUID', { parameter: 'eventId' }));
    // Read as commands read (personal fields decrypted), so the decider sees what it saw.
    const found = await eventById(this.execute.store, this.audit.log, eventId.toLowerCase());
    if (!found) throw new ProblemError(problem('not-found', `No event ${eventId} is in the verifiable log`));
    const answer = await redecide({
      store: this.execute.store,
      event: found.event,
      packAt: packsAvailable(this.execute.policy, { archive: this.audit.packs }),
      policy: this.execute.policy,
      today: this.execute.today(),
    });
    if (answer === 'not-a-decision') throw new ProblemError(problem('not-a-decision', `Event ${eventId} records no decision`));
    return answer;
  }
}
