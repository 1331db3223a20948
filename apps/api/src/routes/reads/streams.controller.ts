import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { RequireScope } from '../../security/decorators';
import { AUDIT_READ } from '../../security/scopes';
import { credentialOf } from './access';
import { StreamEventsQuery } from './dto/stream-events.query';
import { notModified, revisionTag } from './etag';
import { EVENT_VIEW_EXAMPLE } from './event-view';
import { PROBLEM_RESPONSE } from './openapi';
import { GetStreamEvents, VerifyStream } from './queries';

const STREAM_PARAM = { name: 'streamName', description: '`<category>-<id>`', example: 'residence-permit-w-zhang' };

/** A stream's history and its hash chain, for auditors (docs/architecture.md §1, principles 9 and 10). */
@ApiTags('streams (auditors)')
@Controller('v1/streams')
@RequireScope(AUDIT_READ)
export class StreamsController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':streamName/events')
  @ApiOperation({
    operationId: 'GetStreamEvents',
    summary: 'A stream’s events in revision order, with both clocks, causation and hashes',
    description:
      'Paged by revision (`next` is the following page’s fromRevision). ETag = the stream’s revision. 身份证号 and other personal fields are masked outside the owning departments.',
  })
  @ApiParam(STREAM_PARAM)
  @ApiOkResponse({
    description: 'The events; ETag = stream revision',
    schema: {
      example: { streamName: 'residence-permit-w-zhang', revision: 3, events: [EVENT_VIEW_EXAMPLE], next: null },
    },
  })
  @ApiNotFoundResponse({ ...PROBLEM_RESPONSE, description: 'No such stream (problem type not-found)' })
  async events(
    @Param('streamName') streamName: string,
    @Query() query: StreamEventsQuery,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const page = await this.queries.execute(
      new GetStreamEvents(streamName, credentialOf(request), query.fromRevision ?? 0, query.limit ?? 100),
    );
    if (notModified(request, response, revisionTag(page.revision))) return undefined;
    return page;
  }

  @Get(':streamName/verification')
  @ApiOperation({
    operationId: 'VerifyStream',
    summary: 'Checks the stream’s hash chain and reports the first break',
    description:
      'Each event’s hash must cover its stored content and its predecessor’s hash, and the stream head must name the last one (principle 10).',
  })
  @ApiParam(STREAM_PARAM)
  // Named examples belong on the media type (OpenAPI 3.0 Schema Objects have no `examples`).
  @ApiOkResponse({
    description: 'The verification report; ETag = stream revision',
    content: {
      'application/json': {
        schema: { type: 'object' },
        examples: {
          intact: { value: { streamName: 'residence-permit-w-zhang', revision: 3, ok: true, eventsChecked: 4 } },
          broken: {
            value: {
              streamName: 'residence-permit-w-zhang',
              revision: 3,
              ok: false,
              eventsChecked: 4,
              firstBreak: {
                streamName: 'residence-permit-w-zhang',
                revision: 2,
                reason: 'hash does not match the stored content',
              },
            },
          },
        },
      },
    },
  })
  @ApiNotFoundResponse({ ...PROBLEM_RESPONSE, description: 'No such stream (problem type not-found)' })
  async verification(
    @Param('streamName') streamName: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const report = await this.queries.execute(new VerifyStream(streamName, credentialOf(request)));
    // Verification reads the chain itself, so it is never answered from a cache (no 304).
    response.setHeader('ETag', revisionTag(report.revision));
    return report;
  }
}
