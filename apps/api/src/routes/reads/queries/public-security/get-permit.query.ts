import { Query } from '@nestjs/cqrs';
import type { publicSecurityQueries as q } from '@ledger/read-models';
import type { ResultOf } from '../read-query';

export type PermitWithEndorsements = NonNullable<ResultOf<typeof q.getPermit>> & {
  endorsements: ResultOf<typeof q.listEndorsements>;
};

/** 公安局: a worker's permit with its 签注, or null without a permit row. */
export class GetPermit extends Query<PermitWithEndorsements | null> {
  constructor(readonly workerId: string) {
    super();
  }
}
