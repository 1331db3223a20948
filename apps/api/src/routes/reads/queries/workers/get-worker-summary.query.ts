import { Query } from '@nestjs/cqrs';
import type { ReadCredential } from '../../access';
import type { Clocks } from '../../clocks';
import type { WorkerSummary } from '../../worker-summary.service';

/** A worker's whole picture (docs/architecture.md §1, 一窗式) under the two clocks of principle 9. */
export class GetWorkerSummary extends Query<WorkerSummary> {
  constructor(
    readonly workerId: string,
    readonly clocks: Clocks,
    readonly credential: ReadCredential,
  ) {
    super();
  }
}
