import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { EVENT_STORE, EventStore, validateStreamName } from '@ledger/event-store';
import { problem, ProblemError } from '../../problem/problem';
import { RequireScope } from '../../security/decorators';
import { AUDIT_READ } from '../../security/scopes';
import { categoryOf, credentialOf, requireReadable, seesPersonalData } from './access';
import { StreamEventsQuery } from './dto/stream-events.query';
import { notModified, revisionTag } from './etag';
import { EVENT_VIEW_EXAMPLE, toEventView } from './event-view';
import { PROBLEM_RESPONSE } from './openapi';

const STREAM_PARAM = { name: 'streamName', description: '`<category>-<id>`', example: 'residence-permit-w-zhang' };

/** A stream's history and its hash chain, for auditors (docs/architecture.md §1, principles 9 and 10). */
@ApiTags('streams (auditors)')
@Controller('v1/streams')
@RequireScope(AUDIT_READ)
export class StreamsController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get(':streamName/events')
  @ApiOperation({
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
    const credential = credentialOf(request);
    const revision = await this.headRevision(streamName, credential);
    if (notModified(request, response, revisionTag(revision))) return undefined;
    const limit = query.limit ?? 100;
    const fromRevision = query.fromRevision ?? 0;
    const events = await this.store.readStream(streamName, { fromRevision, maxCount: limit });
    const last = events[events.length - 1];
    const seesPersonal = seesPersonalData(credential.department);
    return {
      streamName,
      revision,
      events: events.map((event) => toEventView(event, seesPersonal)),
      next: last && last.streamRevision < revision ? last.streamRevision + 1 : null,
    };
  }

  @Get(':streamName/verification')
  @ApiOperation({
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
              firstBreak: { streamName: 'residence-permit-w-zhang', revision: 2, reason: 'hash does not match the stored content' },
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
    const credential = credentialOf(request);
    const revision = await this.headRevision(streamName, credential);
    response.setHeader('ETag', revisionTag(revision));
    // Verification reads the chain itself, so it is never answered from a cache (no 304).
    const report = await this.store.verifyStream(streamName);
    return {
      streamName,
      revision,
      ok: report.ok,
      eventsChecked: report.eventsChecked,
      ...(report.firstBreak ? { firstBreak: report.firstBreak } : {}),
    };
  }

  /** 404 for a name outside the catalog or a stream with no events; 403 outside the credential’s categories. */
  private async headRevision(streamName: string, credential: ReturnType<typeof credentialOf>): Promise<number> {
    const category = categoryOf(streamName);
    if (!category) throw new ProblemError(problem('not-found', `No stream ${streamName}`));
    try {
      validateStreamName(streamName);
    } catch {
      throw new ProblemError(problem('not-found', `No stream ${streamName}`));
    }
    requireReadable(credential, category);
    const [head] = await this.store.readStream(streamName, { direction: 'backwards', maxCount: 1 });
    if (!head) throw new ProblemError(problem('not-found', `No stream ${streamName}`));
    return head.streamRevision;
  }
}
