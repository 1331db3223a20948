import { clockFromEnv } from '@ledger/application';
import type { EventStore } from '@ledger/event-store';
import type { PolicyView } from '@ledger/policy';
import { PROCESS_MANAGERS, ProcessManager } from '@ledger/process-managers';
import type { Projection } from '@ledger/projections';
import { DEPARTMENT_PROJECTIONS } from '@ledger/read-models';

export interface RegistryDeps {
  store: EventStore;
  policy: PolicyView;
  today?: () => string;
}

/** Every department read model and process manager the projector runs. */
export function allProjections(deps: RegistryDeps): Projection[] {
  return [...DEPARTMENT_PROJECTIONS, ...processManagers(deps)];
}

export function processManagers(deps: RegistryDeps): ProcessManager[] {
  return PROCESS_MANAGERS({ store: deps.store, policy: deps.policy, today: deps.today ?? (() => clockFromEnv().today()) });
}

export function isProcessManager(projection: Projection): projection is ProcessManager {
  return 'tick' in projection || projection.name.startsWith('pm_');
}
