import { Controller, Get, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { LedgerRequest } from '../../security/request-context';
import { DEPARTMENTS } from '../../security/departments';
import { RequireScope } from '../../security/decorators';
import { readScope } from '../../security/scopes';

/**
 * Who the bearer token is: the counter console signs a clerk in with it (docs/console.md) and
 * shows the department and principal every action will be recorded under. Every department's
 * lawful scopes include `worker:read`, so any valid credential may ask.
 */
@ApiTags('session')
@Controller('v1/session')
@RequireScope(readScope('worker'))
export class SessionController {
  @Get()
  @ApiOperation({
    summary: 'The calling credential: department, principal and scopes (the console’s sign-in check)',
  })
  @ApiOkResponse({
    schema: {
      example: {
        department: 'residence-office',
        departmentName: '派出所 / 社区服务站 (居住证窗口)',
        principal: 'counter-01',
        scopes: ['worker:read', 'worker:write'],
      },
    },
  })
  session(@Req() request: LedgerRequest) {
    const credential = request.credential!;
    return {
      department: credential.department,
      departmentName: DEPARTMENTS[credential.department],
      principal: credential.principal,
      scopes: credential.scopes,
    };
  }
}
