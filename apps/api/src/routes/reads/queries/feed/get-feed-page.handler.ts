import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { FeedFilter, FeedPage, FeedService } from '../../feed.service';
import { GetFeedPage } from './get-feed-page.query';

@QueryHandler(GetFeedPage)
export class GetFeedPageHandler implements IQueryHandler<GetFeedPage> {
  constructor(private readonly feed: FeedService) {}

  execute({ credential, after, limit, waitMs, aborted }: GetFeedPage): Promise<FeedPage> {
    return this.feed.page(new FeedFilter(credential), after, limit, waitMs, aborted);
  }
}
