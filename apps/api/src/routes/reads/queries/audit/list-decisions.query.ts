import { Query } from '@nestjs/cqrs';
import type { auditQueries as q, Page, PageParams } from '@ledger/read-models';

/** Auditors: decisions in the global order, with rules, clauses and inputs; `ruleId` keeps those that applied it. */
export class ListDecisions extends Query<Page<q.DecisionRow>> {
  constructor(readonly filter: PageParams & { ruleId?: string }) {
    super();
  }
}
