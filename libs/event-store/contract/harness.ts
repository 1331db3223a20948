import type { EventStore, EventToAppend, ExpectedRevision } from '../port';

/** What an adapter's test file hands the contract suite. */
export interface ContractHarness {
  store: EventStore;
  /**
   * Appends inside a transaction held open `before` ms before and `after` ms after the append
   * statement, so slower writers commit out of order. Adapters without client transactions
   * wait outside the append instead.
   */
  appendHoldingTransaction(
    streamName: string,
    events: EventToAppend<unknown>[],
    expectedRevision: ExpectedRevision,
    delay: { before: number; after: number },
  ): Promise<void>;
  /** Direct edits under the store (SQL); absent where the log cannot be edited in place. */
  tamper?: {
    alterData(streamName: string, revision: number): Promise<void>;
    deleteEvent(streamName: string, revision: number): Promise<void>;
    swapRevisions(streamName: string, a: number, b: number): Promise<void>;
  };
  dispose(): Promise<void>;
}

export type HarnessFactory = () => Promise<ContractHarness>;
