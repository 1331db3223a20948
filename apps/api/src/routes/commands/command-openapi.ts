import { applyDecorators, HttpCode, Post } from '@nestjs/common';
import {
  ApiBody,
  ApiExtraModels,
  ApiHeader,
  ApiOperation,
  ApiParam,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { localizeProblem } from '../../problem/localize';
import { PROBLEM_BASE } from '../../problem/problem';
import { RequireScope } from '../../security/decorators';
import { commandRoute, SUBJECT_PARAM } from './command-routes';

/** The answer to a command: where it was appended. */
export class CommandEventDto {
  @ApiProperty({ example: '3f1c2a9e-7b4d-5e1a-9c2b-8d7e6f5a4b3c', format: 'uuid' })
  eventId!: string;

  @ApiProperty({ example: 'PermitEndorsed' })
  type!: string;
}

/** A rule a decision applied, as its event records it. */
export class AppliedRuleDto {
  @ApiProperty({ example: 'permit.apply.conditions' })
  ruleId!: string;

  @ApiProperty({ example: 'national-663 第二条', description: 'the seed document’s short name and clause' })
  source!: string;

  @ApiProperty({ example: '居住半年以上' })
  quote!: string;

  @ApiProperty({ enum: ['in-force', 'draft', 'illustrative'], example: 'in-force' })
  status!: string;

  @ApiProperty({ example: '2016-01-01', description: 'the rule version’s first day in force' })
  effectiveFrom!: string;
}

export class CommandAnswerDto {
  @ApiProperty({ example: 'residence-permit-w-20240001' })
  streamName!: string;

  @ApiProperty({ example: 3, description: 'the stream revision after the command; also the ETag' })
  revision!: number;

  @ApiProperty({ example: 1842, description: 'global position of the last event appended' })
  position!: number;

  @ApiProperty({ type: [CommandEventDto] })
  events!: CommandEventDto[];

  @ApiProperty({
    type: [AppliedRuleDto],
    description: 'the rules the decision applied, each once: which rule (and clause) decided the 201; [] for a plain record',
  })
  rules!: AppliedRuleDto[];

  @ApiProperty({
    example: false,
    description: 'true when any of those rules is illustrative (示例参数): its numbers are not the city’s own',
  })
  illustrative!: boolean;
}

/** One invalid field of a 400: where it is and what is wrong (in the caller's language). */
export class FieldErrorDto {
  @ApiPropertyOptional({ example: '/hukouPlace/areaCode', description: 'RFC 6901 JSON Pointer into the body' })
  pointer?: string;

  @ApiPropertyOptional({ example: 'limit', description: 'a query or path parameter' })
  parameter?: string;

  @ApiPropertyOptional({ example: 'Last-Event-ID', description: 'a request header' })
  header?: string;

  @ApiProperty({ example: 'hukouPlace.areaCode 的格式不对' })
  detail!: string;
}

/** RFC 9457 problem details: every error of the API. */
export class ProblemDto {
  @ApiProperty({
    example: `${PROBLEM_BASE}validation-failed`,
    description: 'stable: clients switch on it; a page the ledger serves says what it means and what to do',
  })
  type!: string;

  @ApiProperty({
    example: '请求正文或参数无效',
    description: 'Chinese by default, English on `Accept-Language: en`',
  })
  title!: string;

  @ApiProperty({ example: 400 })
  status!: number;

  @ApiProperty({ example: 'arrivalOn 必须是 YYYY-MM-DD 格式的真实日期' })
  detail!: string;

  @ApiPropertyOptional({ example: '/v1/workers/w-20240001/residence-permit/registrations' })
  instance?: string;

  @ApiPropertyOptional({ type: () => [FieldErrorDto], description: 'each invalid field (400 validation-failed)' })
  errors?: FieldErrorDto[];
}

/** A policy refusal: the rule, its clause and quote, the pack, and when the answer would change. */
export class RefusalProblemDto extends ProblemDto {
  @ApiProperty({ example: 'RESIDENCE_TOO_SHORT' })
  code!: string;

  @ApiProperty({ example: 'permit.apply.conditions' })
  ruleId!: string;

  @ApiProperty({ example: 'national-663 第二条' })
  source!: string;

  @ApiProperty({ example: '居住半年以上' })
  quote!: string;

  @ApiProperty({ example: 'panzhihua' })
  packId!: string;

  @ApiProperty({ example: '1.0.0' })
  packVersion!: string;

  @ApiPropertyOptional({ example: '2024-02-29', format: 'date' })
  eligibleFrom?: string;
}

/** An example body as a caller without Accept-Language gets it: the title in Chinese. */
const problem = (type: string, status: number, title: string, detail: string, extra: Record<string, unknown> = {}) =>
  localizeProblem(
    {
      type: `${PROBLEM_BASE}${type}`,
      title,
      status,
      detail,
      instance: '/v1/workers/w-20240001/residence-permit/applications',
      ...extra,
    },
    'zh',
  );

const PROBLEM_JSON = 'application/problem+json';

function problemResponse(status: number, description: string, example: object, refusal = false) {
  return ApiResponse({
    status,
    description,
    content: { [PROBLEM_JSON]: { schema: { $ref: getSchemaPath(refusal ? RefusalProblemDto : ProblemDto) }, example } },
  });
}

/**
 * `POST` a command: the route table's path, the DTO as the body with its example, the headers
 * every command takes, and every answer it can give (docs/architecture.md §3).
 */
export function CommandEndpoint(type: string, dto: new () => object): MethodDecorator {
  const route = commandRoute(type);
  const param = SUBJECT_PARAM[route.subject];
  return applyDecorators(
    Post(route.relativePath),
    HttpCode(201),
    // The scope grammar of security/scopes.ts: `<category>:write` covers `<category>:write:<Type>`.
    RequireScope(route.scope),
    ApiExtraModels(ProblemDto, RefusalProblemDto),
    ApiOperation({
      operationId: type,
      summary: `${route.summary} (${route.term})`,
      description:
        `Command \`${type}\` on stream \`${route.category}-{${param}}\`, owned by ${route.owner}; needs scope \`${route.scope}\` ` +
        `(or \`${route.category}:write\`). Answers 201 with the events appended and \`ETag: "<revision>"\`; ` +
        'a retry with the same Idempotency-Key appends nothing and answers 200 with the first answer.',
    }),
    ApiParam({
      name: param,
      description: `the ${route.subject} the stream is about`,
      example: route.subject === 'child' ? 'c-20240001' : route.subject === 'employer' ? 'e-510400-0001' : 'w-20240001',
    }),
    ApiHeader({
      name: 'Idempotency-Key',
      required: true,
      description: 'unique per command; a retry with the same key appends nothing',
      example: '7e0f6f0e-4f8a-4c61-9d0b-2f3b1c5a9e11',
    }),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'the stream revision the client read, as an entity tag: "3" or W/"3"',
      example: '"3"',
    }),
    ApiBody({ type: dto, examples: { [type]: { summary: route.summary, value: route.example } } }),
    ApiResponse({
      status: 201,
      description: 'appended',
      type: CommandAnswerDto,
      headers: {
        ETag: { description: 'the stream revision, "<revision>"', schema: { type: 'string', example: '"3"' } },
        Location: {
          description: 'the events appended, in the stream history (GET, scope audit:read)',
          schema: { type: 'string', example: '/v1/streams/residence-permit-w-20240001/events?fromRevision=3' },
        },
      },
    }),
    ApiResponse({
      status: 200,
      description:
        'a retry of a command already applied (same Idempotency-Key): the first answer, nothing appended; `Idempotent-Replayed: true` when the first answer was stored for this credential',
      type: CommandAnswerDto,
      headers: {
        'Idempotent-Replayed': {
          description: 'true: the stored first answer',
          schema: { type: 'string', example: 'true' },
        },
      },
    }),
    problemResponse(
      400,
      'invalid body, path or headers (unknown field, bad date, bad 身份证号, negative fen, missing Idempotency-Key, malformed If-Match); nothing appended',
      problem(
        'validation-failed',
        400,
        'The request body or parameters are invalid',
        'arrivalOn 必须是 YYYY-MM-DD 格式的真实日期',
        {
          errors: [{ pointer: '/arrivalOn', detail: 'arrivalOn 必须是 YYYY-MM-DD 格式的真实日期' }],
        },
      ),
    ),
    problemResponse(
      401,
      'no valid bearer token',
      problem(
        'unauthorized',
        401,
        'A valid bearer token is required',
        'This command needs a department credential (Authorization: Bearer …)',
      ),
    ),
    problemResponse(
      403,
      `the credential lacks scope ${route.scope}`,
      problem('forbidden', 403, 'The credential may not do this', `scope ${route.scope} is required`),
    ),
    problemResponse(
      409,
      'the command does not fit the stream (registering twice, say), or concurrent writers kept conflicting',
      problem('conflict', 409, 'The command does not fit the stream', 'residence is already registered', {
        code: 'ALREADY_REGISTERED',
      }),
    ),
    problemResponse(
      412,
      'If-Match names a revision the stream has moved past',
      problem(
        'precondition-failed',
        412,
        'If-Match does not match the current revision',
        'stream residence-permit-w-20240001 is at revision 4, not 3',
        { stream: 'residence-permit-w-20240001', expected: 3, actual: 4 },
      ),
    ),
    problemResponse(
      422,
      'the policy refuses: the body names the rule, its clause and quote, the pack, and when the answer would change',
      problem(
        'policy-refusal',
        422,
        'The policy refuses this',
        '不予受理：居住5个月28天，不满半年（national-663 第二条：居住半年以上）',
        {
          code: 'RESIDENCE_TOO_SHORT',
          ruleId: 'permit.apply.conditions',
          source: 'national-663 第二条',
          quote: '居住半年以上',
          status: 'in-force',
          packId: 'panzhihua',
          packVersion: '1.0.0',
          eligibleFrom: '2024-02-29',
          draft: false,
        },
      ),
      true,
    ),
  );
}
