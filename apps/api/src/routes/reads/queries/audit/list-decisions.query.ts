import { Query } from '@nestjs/cqrs';
import type { auditQueries as q, PageParams } from '@ledger/read-models';
import type { ResultOf } from '../read-query';

/** Auditors: decisions in the global order, with rules, clauses and inputs; `ruleId` keeps those that applied it. */
export class ListDecisions extends Query<ResultOf<typeof q.listDecisions>> {
  constructor(readonly filter: PageParams & { ruleId?: string }) {
    super();
  }
}
