import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { shanghaiDate } from '@ledger/application';
import { refusalsOf, type RefusalRecord } from '@ledger/audit';
import { ID_PATTERN_ZH, invalidInput } from '../../problem/validation-errors';
import { RequireScope } from '../../security/decorators';
import { AUDIT_READ } from '../../security/scopes';
import { COMMAND_ROUTES } from '../commands/command-routes';
import { ID_PATTERN, ID_PATTERN_TEXT } from '../commands/dto/common';
import { PROBLEM_RESPONSE } from '../reads/openapi';
import { AUDIT_LOG, AuditLogDeps } from './audit-log.tokens';

const TERM = new Map(COMMAND_ROUTES.map((r) => [r.type, r.term]));

/** The text a 不予受理 notice prints, from the record alone. */
export function refusalNotice(r: RefusalRecord): string {
  return [
    '不予受理通知书',
    `申请人：${r.subjectId}`,
    `申请事项：${TERM.get(r.commandType) ?? r.commandType}（${r.commandType}）`,
    `决定：${r.detail}`,
    `依据：${r.source}${r.quote ? `「${r.quote}」` : ''}`,
    `政策包：${r.packId ?? '—'} ${r.packVersion ?? ''}`.trimEnd(),
    `经办：${r.actor.department} ${r.actor.principal}`,
    `日期：${shanghaiDate(new Date(r.recordedAt))}`,
  ].join('\n');
}

/** A subject's policy refusals, each with its 不予受理 notice text (ListRefusals). */
export interface SubjectRefusals {
  subjectId: string;
  refusals: (RefusalRecord & { notice: string })[];
}

/** Policy refusals, kept in the audit log (docs/audit.md, refusals). */
@ApiTags('audit log (auditors)')
@Controller('v1/audit/refusals')
@RequireScope(AUDIT_READ)
export class RefusalsController {
  constructor(@Inject(AUDIT_LOG) private readonly audit: AuditLogDeps) {}

  @Get()
  @ApiOperation({
    operationId: 'ListRefusals',
    summary: 'What was refused and why: each policy refusal of a subject, with the refused command, rule, clause, inputs and the 不予受理 notice text',
  })
  @ApiQuery({ name: 'subjectId', required: true, example: 'w-001', description: 'the worker, child or employer id' })
  @ApiOkResponse({
    schema: {
      example: {
        subjectId: 'w-001',
        refusals: [
          {
            commandType: 'ApplyForPermit',
            ruleId: 'permit.apply.conditions',
            source: 'national-663 第二条',
            quote: '居住半年以上',
            detail: '不予受理居住证申领：居住5个月23天，不满6个月（`permit.apply.conditions`，national-663 第二条）',
            refusal: { computed: { residenceSince: '2026-06-01' }, eligibleFrom: '2026-12-01' },
            notice: '不予受理通知书\n申请人：w-001\n…',
          },
        ],
      },
    },
  })
  @ApiBadRequestResponse({ ...PROBLEM_RESPONSE, description: 'No or a malformed subjectId (problem type validation-failed)' })
  async refusals(@Query('subjectId') subjectId?: string): Promise<SubjectRefusals> {
    if (typeof subjectId !== 'string' || !ID_PATTERN.test(subjectId)) {
      throw invalidInput({ parameter: 'subjectId' }, { zh: `subjectId ${ID_PATTERN_ZH}`, en: `subjectId must be ${ID_PATTERN_TEXT}` });
    }
    const refusals = await refusalsOf(this.audit.log.pool, subjectId);
    return { subjectId, refusals: refusals.map((r) => ({ ...r, notice: refusalNotice(r) })) };
  }
}
