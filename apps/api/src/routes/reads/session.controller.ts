import { Controller, Get, Inject, Req } from '@nestjs/common';
import { EXECUTE_DEPS, type ExecuteDeps } from '@ledger/application';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { IsoDate } from '@ledger/kernel';
import type { LedgerRequest } from '../../security/request-context';
import { DEPARTMENTS, type ApiDepartment } from '../../security/departments';
import type { Scope } from '../../security/scopes';
import { RequireScope } from '../../security/decorators';
import { readScope } from '../../security/scopes';

/** The calling credential and the ledger’s business day (GetSession). */
export interface SessionAnswer {
  department: ApiDepartment;
  /** The department’s name, as the console shows it. */
  departmentName: string;
  principal: string;
  scopes: Scope[];
  /** The ledger’s business day (Asia/Shanghai), `YYYY-MM-DD`. */
  today: IsoDate;
}

/**
 * Who the bearer token is: the counter console signs a clerk in with it (docs/console.md) and
 * shows the department and principal every action will be recorded under, and takes the
 * ledger's business day from it (principle 13, one clock: a form's "no future date" check and a
 * work list's day are the ledger's, not the counter PC's). Every department's lawful scopes
 * include `worker:read`, so any valid credential may ask.
 */
@ApiTags('session')
@Controller('v1/session')
@RequireScope(readScope('worker'))
export class SessionController {
  constructor(@Inject(EXECUTE_DEPS) private readonly execute: ExecuteDeps) {}

  @Get()
  @ApiOperation({
    operationId: 'GetSession',
    summary:
      'The calling credential (department, principal, scopes) and the ledger’s business day (the console’s sign-in check)',
  })
  @ApiOkResponse({
    schema: {
      example: {
        department: 'residence-office',
        departmentName: '派出所 / 社区服务站 (居住证窗口)',
        principal: 'counter-01',
        scopes: ['worker:read', 'worker:write'],
        today: '2026-11-24',
      },
    },
  })
  session(@Req() request: LedgerRequest): SessionAnswer {
    const credential = request.credential!;
    return {
      department: credential.department,
      departmentName: DEPARTMENTS[credential.department],
      principal: credential.principal,
      scopes: credential.scopes,
      today: this.execute.today(),
    };
  }
}
