import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { WorkerSummaryService } from '../../worker-summary.service';
import { GetWorkerSummary } from './get-worker-summary.query';

/** Folds the worker's streams from the store (the source of truth), not from a read model. */
@QueryHandler(GetWorkerSummary)
export class GetWorkerSummaryHandler implements IQueryHandler<GetWorkerSummary> {
  constructor(private readonly summaries: WorkerSummaryService) {}

  execute({ workerId, clocks, credential }: GetWorkerSummary) {
    return this.summaries.summarise(workerId, clocks, credential);
  }
}
