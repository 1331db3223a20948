import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import type { Request } from 'express';
import type { Pool } from 'pg';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import { PrivateEventStore } from '@ledger/privacy';
import { problem, ProblemError } from '../../problem/problem';
import { RequireScope } from '../../security/decorators';
import { readScope } from '../../security/scopes';
import { READ_POOL } from '../../tokens';
import { credentialOf, seesPersonalData } from './access';
import { maskPersonalFields } from './masking';
import { PROBLEM_RESPONSE } from './openapi';

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

/** How a query was read: the console says which, so a clerk knows why a worker is listed. */
export type SearchMatch = 'idNumber' | 'phone' | 'workerId' | 'name';

const LIMIT = 20;

/**
 * The counter's lookup (docs/console.md): by 身份证号, phone, worker id or name, over the
 * `public_security.workers` read model (a just-registered worker appears once the projector has
 * applied the event). Departments that see personal data masked find by worker id only.
 */
@ApiTags('workers')
@Controller('v1/workers')
@RequireScope(readScope('worker'))
export class WorkerSearchController {
  constructor(
    @Inject(READ_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Find workers by 身份证号, phone, worker id or name (at most 20, by name); departments that see personal data masked find by worker id only (`restricted: true`)',
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
  @ApiBadRequestResponse({ ...PROBLEM_RESPONSE, description: 'Neither q nor idNumber, or a malformed one (problem type validation-failed)' })
  async search(@Query() query: WorkerSearchQuery, @Req() request: Request) {
    const seesPersonal = seesPersonalData(credentialOf(request).department);
    const text = (query.idNumber ?? query.q ?? '').trim();
    if (text === '') throw new ProblemError(problem('validation-failed', 'q or idNumber is required', { errors: ['q must not be empty'] }));
    const match: SearchMatch = query.idNumber || /^\d{17}[\dXx]$/.test(text)
      ? 'idNumber'
      : /^\+?[\d-]{3,20}$/.test(text)
        ? 'phone'
        : /^[A-Za-z][\w.-]*-[\w.-]*$/.test(text)
          ? 'workerId'
          : 'name';
    const where: Record<SearchMatch, string> = {
      idNumber: 'w.id_number = upper($1)',
      phone: 'w.phone LIKE $1',
      workerId: 'w.worker_id = $1',
      name: 'w.name LIKE $1',
    };
    // A department that sees personal data masked finds a worker by id only: a search by name,
    // phone or 身份证号 would reveal what masking hides.
    if (!seesPersonal && match !== 'workerId') return { match, restricted: true, items: [] };
    // With personal data encrypted (docs/privacy.md) a 身份证号 is found through its keyed blind
    // index, which names the worker; the read model is then read by worker id.
    let param = text;
    if (match === 'idNumber' && this.store instanceof PrivateEventStore) {
      const workerId = await this.store.workerByIdNumber(text);
      if (workerId === undefined) return { match, restricted: false, items: [] };
      where.idNumber = 'w.worker_id = $1';
      param = workerId;
    }
    const { rows } = await this.pool.query(
      `SELECT w.worker_id AS "workerId", w.name, w.id_number AS "idNumber", w.phone,
              to_char(w.birth_date, 'YYYY-MM-DD') AS "birthDate", to_char(w.arrival_on, 'YYYY-MM-DD') AS "arrivalOn",
              p.status AS "permitStatus"
         FROM public_security.workers w LEFT JOIN public_security.permits p USING (worker_id)
        WHERE ${where[match]}
        ORDER BY w.name, w.worker_id LIMIT ${LIMIT}`,
      // A typed % or _ is a character, not a wildcard: escaped (LIKE's default escape is \).
      [match === 'phone' || match === 'name' ? `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : param],
    );
    return { match, restricted: !seesPersonal, items: seesPersonal ? rows : rows.map((row) => maskPersonalFields(row)) };
  }
}
