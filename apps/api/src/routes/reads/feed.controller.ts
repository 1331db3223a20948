import { Controller, Get, Headers, Query, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { QueryBus } from '@nestjs/cqrs';
import type { Request, Response } from 'express';
import { once } from 'node:events';
import { invalidInput } from '../../problem/validation-errors';
import { RequireScope } from '../../security/decorators';
import { FEED_READ } from '../../security/scopes';
import { credentialOf } from './access';
import { FeedQuery, FeedStreamQuery } from './dto/feed.query';
import { EVENT_VIEW_EXAMPLE } from './event-view';
import { FeedFilter, FeedService } from './feed.service';
import { PROBLEM_RESPONSE } from './openapi';
import { GetFeedPage } from './queries';

/** SSE comment lines keep proxies from closing an idle stream. */
const HEARTBEAT_MS = 15_000;

function closedSignal(request: Request, response: Response): Promise<void> {
  return new Promise((resolve) => {
    if (request.destroyed || response.writableEnded) return resolve();
    response.once('close', () => resolve());
  });
}

/** The global order for integration (issue 6): paged, long-polled, or as server-sent events. */
@ApiTags('feed')
@Controller('v1/feed')
@RequireScope(FEED_READ)
export class FeedController {
  constructor(
    private readonly feed: FeedService,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @ApiOperation({
    operationId: 'GetFeedPage',
    summary: 'Events after a global position, only the categories the credential may read',
    description:
      'Paged by global position: pass the body’s `next` (also in the `Link: <…>; rel="next"` header) as `after` to continue; no event is skipped or repeated across pages. ' +
      'With `wait`, a caught-up request is held until a visible event is appended or the seconds run out (then an empty page with the same `next`). ' +
      'Positions are increasing but not dense. Personal fields are masked outside residence-office and public-security.',
  })
  @ApiOkResponse({
    description: 'A page of events',
    schema: { example: { events: [EVENT_VIEW_EXAMPLE], next: 40963 } },
  })
  @ApiBadRequestResponse({
    ...PROBLEM_RESPONSE,
    description: 'after, limit or wait out of range (problem type validation-failed)',
  })
  async page(@Query() query: FeedQuery, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const limit = query.limit ?? 100;
    const page = await this.queries.execute(
      new GetFeedPage(
        credentialOf(request),
        query.after ?? 0,
        limit,
        (query.wait ?? 0) * 1000,
        closedSignal(request, response),
      ),
    );
    response.setHeader('Link', `</v1/feed?after=${page.next}&limit=${limit}>; rel="next"`);
    response.setHeader('Cache-Control', 'no-store');
    return page;
  }

  @Get('stream')
  @ApiOperation({
    operationId: 'StreamFeed',
    summary: 'The same feed as server-sent events, live',
    description:
      'Each event is sent with `id:` = its global position and `event:` = its type, `data:` the JSON of the event. ' +
      'A reconnecting client sends `Last-Event-ID` and resumes after it, without a gap or a repeat. Comment lines every 15 s keep the connection alive.',
  })
  @ApiProduces('text/event-stream')
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'Resume after this global position',
    example: '40963',
  })
  @ApiOkResponse({
    description: 'text/event-stream',
    content: {
      'text/event-stream': {
        schema: { type: 'string' },
        example: `id: 40963\nevent: AddressChanged\ndata: ${JSON.stringify(EVENT_VIEW_EXAMPLE)}\n\n`,
      },
    },
  })
  @ApiBadRequestResponse({
    ...PROBLEM_RESPONSE,
    description: 'Last-Event-ID or after malformed (problem type validation-failed)',
  })
  async stream(
    @Query() query: FeedStreamQuery,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const filter = new FeedFilter(credentialOf(request));
    if (lastEventId !== undefined && !/^\d{1,16}$/.test(lastEventId.trim())) {
      throw invalidInput({ header: 'Last-Event-ID' }, { zh: 'Last-Event-ID 必须是全局位置（整数）', en: 'Last-Event-ID must be a global position' });
    }
    const after = lastEventId !== undefined ? Number(lastEventId.trim()) : (query.after ?? 0);
    response.status(200);
    response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    response.setHeader('Cache-Control', 'no-cache, no-transform');
    response.setHeader('Connection', 'keep-alive');
    response.setHeader('X-Accel-Buffering', 'no');
    response.flushHeaders();
    response.write('retry: 3000\n\n');

    const subscription = this.feed.subscribe(after);
    const closed = closedSignal(request, response);
    void closed.then(() => subscription.close());
    const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), HEARTBEAT_MS);
    try {
      for await (const event of subscription) {
        const view = filter.view(event);
        if (!view) continue;
        const frame = `id: ${event.globalPosition}\nevent: ${event.type}\ndata: ${JSON.stringify(view)}\n\n`;
        // A slow client holds back the subscription (it pulls a page only when this loop asks).
        if (!response.write(frame)) await Promise.race([once(response, 'drain'), closed]);
      }
    } finally {
      clearInterval(heartbeat);
      await subscription.close();
      if (!response.writableEnded) response.end();
    }
  }
}
