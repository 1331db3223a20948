import { Controller, Get, Query, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import type { Request } from 'express';
import { invalidInput } from '../../problem/validation-errors';
import { RequireScope } from '../../security/decorators';
import { readScope } from '../../security/scopes';
import { credentialOf } from './access';
import { PROBLEM_RESPONSE } from './openapi';
import { SearchWorkers } from './queries';

export class WorkerSearchQuery {
  @ApiPropertyOptional({
    description:
      '身份证号 (18 characters: exact match), a phone number or its first digits (3 or more digits), a worker id, or the start of a name',
    example: '张',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  q?: string;

  @ApiPropertyOptional({ description: '身份证号, exact', example: '11010519491231002X' })
  @IsOptional()
  @Matches(/^\d{17}[\dXx]$/, { message: 'idNumber must be 18 characters: 17 digits and a digit or X' })
  idNumber?: string;
}

/**
 * The counter's lookup (docs/console.md): by 身份证号, phone, worker id or name, over the
 * `public_security.workers` read model (a just-registered worker appears once the projector has
 * applied the event). Departments that see personal data masked find by worker id only.
 */
@ApiTags('workers')
@Controller('v1/workers')
@RequireScope(readScope('worker'))
export class WorkerSearchController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    operationId: 'SearchWorkers',
    summary:
      'Find workers by 身份证号, phone, worker id or name (at most 20, by name); departments that see personal data masked find by worker id only (`restricted: true`)',
  })
  @ApiOkResponse({
    schema: {
      example: {
        match: 'name',
        restricted: false,
        items: [
          {
            workerId: 'w-001',
            name: '张伟',
            idNumber: '11010519491231002X',
            phone: '13800000001',
            birthDate: '1949-12-31',
            arrivalOn: '2025-01-05',
            permitStatus: 'active',
          },
        ],
      },
    },
  })
  @ApiBadRequestResponse({
    ...PROBLEM_RESPONSE,
    description: 'Neither q nor idNumber, or a malformed one (problem type validation-failed)',
  })
  async search(@Query() query: WorkerSearchQuery, @Req() request: Request) {
    const text = (query.idNumber ?? query.q ?? '').trim();
    if (text === '')
      throw invalidInput({ parameter: 'q' }, { zh: 'q 或 idNumber 不得为空', en: 'q or idNumber is required' });
    return this.queries.execute(new SearchWorkers(text, Boolean(query.idNumber), credentialOf(request)));
  }
}
