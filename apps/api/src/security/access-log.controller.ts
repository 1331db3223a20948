import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { invalidInput } from '../problem/validation-errors';
import { AccessLogService, type AccessDecision, type AccessLogRow } from './access-log.service';
import { RequireScope } from './decorators';
import { AUDIT_READ } from './scopes';

const DECISIONS: AccessDecision[] = ['allowed', 'unauthenticated', 'forbidden', 'rate-limited', 'unavailable'];

/** A query parameter the handler refuses, named, in both languages. */
function bad(parameter: string, zh: string, en: string): never {
  throw invalidInput({ parameter }, { zh, en });
}

function date(name: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const parsed = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(parsed.getTime()))
    bad(name, `${name} 必须是 ISO 8601 日期或时间`, `${name} must be an ISO 8601 date or instant`);
  return parsed;
}

function int(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,15}$/.test(value)) bad(name, `${name} 必须是非负整数`, `${name} must be a non-negative integer`);
  return Number(value);
}

/** A page of the access log (ListAccessLog): `next` is the last row’s id, to pass as `after`. */
export interface AccessLogPage {
  items: AccessLogRow[];
  next: number | null;
}

/** Auditors read who tried what, when, and whether it was allowed (issue 6). */
@ApiTags('audit')
@Controller('v1/audit/access-log')
export class AccessLogController {
  constructor(private readonly accessLog: AccessLogService) {}

  @Get()
  @RequireScope(AUDIT_READ)
  @ApiOperation({ operationId: 'ListAccessLog', summary: 'Who tried what, when, and whether it was allowed: every attempt on a guarded route' })
  @ApiQuery({ name: 'credentialId', required: false })
  @ApiQuery({ name: 'department', required: false })
  @ApiQuery({ name: 'principal', required: false })
  @ApiQuery({ name: 'allowed', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'decision', required: false, enum: DECISIONS })
  @ApiQuery({ name: 'from', required: false, description: 'inclusive, ISO 8601' })
  @ApiQuery({ name: 'to', required: false, description: 'exclusive, ISO 8601' })
  @ApiQuery({ name: 'after', required: false, description: 'rows with a greater id (paging)' })
  @ApiQuery({ name: 'limit', required: false, description: 'default 100, at most 1000' })
  @ApiOkResponse({
    description: 'Access attempts, oldest first',
    schema: {
      example: {
        items: [
          {
            id: 42,
            at: '2024-05-01T02:03:04.000Z',
            credentialId: '0b9f5a0e-3f0c-4a53-8f43-1f1f0b5c2d10',
            department: 'education',
            principal: '区教育局 入学科',
            method: 'POST',
            route: '/v1/workers/:id/residence-permit/endorsements',
            resource: '/v1/workers/w-1/residence-permit/endorsements',
            scope: 'residence-permit:write:EndorsePermit',
            decision: 'forbidden',
            allowed: false,
            status: 403,
          },
        ],
        next: 42,
      },
    },
  })
  async list(@Query() query: Record<string, string | undefined>): Promise<AccessLogPage> {
    for (const [name, value] of Object.entries(query)) if (typeof value !== 'string') bad(name, `${name} 只能给出一次`, `${name} may be given once`);
    if (query.allowed !== undefined && query.allowed !== 'true' && query.allowed !== 'false')
      bad('allowed', 'allowed 必须是 true 或 false', 'allowed must be true or false');
    if (query.decision !== undefined && !DECISIONS.includes(query.decision as AccessDecision))
      bad('decision', `decision 必须是以下之一：${DECISIONS.join(', ')}`, `decision must be one of ${DECISIONS.join(', ')}`);
    if (query.credentialId !== undefined && !/^[0-9a-f-]{36}$/i.test(query.credentialId))
      bad('credentialId', 'credentialId 必须是凭证编号（UUID）', 'credentialId must be a credential id (UUID)');
    const items = await this.accessLog.list({
      credentialId: query.credentialId,
      department: query.department,
      principal: query.principal,
      allowed: query.allowed === undefined ? undefined : query.allowed === 'true',
      decision: query.decision as AccessDecision | undefined,
      from: date('from', query.from),
      to: date('to', query.to),
      afterId: int('after', query.after),
      limit: int('limit', query.limit),
    });
    return { items, next: items.length > 0 ? items[items.length - 1]!.id : null };
  }
}
