import type { EventStore } from '@ledger/event-store';
import type { Projection } from '@ledger/projections';
import type { PolicyView } from '@ledger/policy';

export interface RegistryDeps {
  store: EventStore;
  policy: PolicyView;
}

/** Every department read model and process manager the projector runs. */
export function allProjections(_deps: RegistryDeps): Projection[] {
  return [];
}
