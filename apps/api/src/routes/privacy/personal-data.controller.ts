import { Controller, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import {
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { PrivateEventStore } from '@ledger/privacy';
import { problem, ProblemError } from '../../problem/problem';
import { ID_PATTERN_ZH, invalidInput } from '../../problem/validation-errors';
import { RequireScope } from '../../security/decorators';
import { writeScope } from '../../security/scopes';
import { ID_PATTERN, ID_PATTERN_TEXT } from '../commands/dto/common';
import { credentialOf } from '../reads/access';
import { PROBLEM_RESPONSE } from '../reads/openapi';

/** The answer to a restriction (RestrictPersonalData). */
export class PersonalDataRestriction {
  @ApiProperty({ example: 'w-001' })
  workerId!: string;

  @ApiProperty({ enum: ['restricted'], example: 'restricted' })
  state!: 'restricted';
}

/**
 * PIPL Art. 47 restriction over HTTP, for the department that owns the worker's record (scope
 * `worker:write`): served only when personal fields are encrypted (docs/privacy.md). Erasure
 * stays with `ledger privacy erase`, once retention ends.
 */
@ApiTags('workers')
@Controller('v1/workers')
@RequireScope(writeScope('worker'))
export class PersonalDataController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Post(':workerId/personal-data/restriction')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'RestrictPersonalData',
    summary:
      'Restrict the worker’s personal data (PIPL Art. 47, storage only): every route, read model and the feed then show `[restricted]`, new personal fields are refused 409 WORKER_RESTRICTED; recorded with the caller in privacy.actions; no event changes',
  })
  @ApiParam({ name: 'workerId', example: 'w-001' })
  @ApiOkResponse({ type: PersonalDataRestriction })
  @ApiForbiddenResponse({ ...PROBLEM_RESPONSE, description: 'Not the owning department (scope worker:write)' })
  @ApiNotFoundResponse({ ...PROBLEM_RESPONSE, description: 'No such worker' })
  async restrict(@Param('workerId') workerId: string, @Req() request: Request): Promise<PersonalDataRestriction> {
    if (!ID_PATTERN.test(workerId)) {
      throw invalidInput({ parameter: 'workerId' }, { zh: `workerId ${ID_PATTERN_ZH}`, en: `workerId must be ${ID_PATTERN_TEXT}` });
    }
    const store = this.store as PrivateEventStore;
    if ((await store.inner.readStream(`worker-${workerId}`, { maxCount: 1 })).length === 0) {
      throw new ProblemError(problem('not-found', `worker ${workerId} is not registered`));
    }
    const { department, principal } = credentialOf(request);
    await store.restrict(workerId, `${department}/${principal}`);
    return { workerId, state: 'restricted' };
  }
}
