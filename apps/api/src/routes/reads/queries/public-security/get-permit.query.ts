import { Query } from '@nestjs/cqrs';
import type { publicSecurityQueries as q } from '@ledger/read-models';

export interface Endorsement {
  endorsedOn: string;
  late: boolean;
  endorsedYear: number | null;
  streamRevision: number;
}

export type PermitWithEndorsements = q.PermitRow & { endorsements: Endorsement[] };

/** 公安局: a worker's permit with its 签注, or null without a permit row. */
export class GetPermit extends Query<PermitWithEndorsements | null> {
  constructor(readonly workerId: string) {
    super();
  }
}
