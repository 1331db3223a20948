/** Process managers: durable cross-stream reactions on the projector's checkpointed subscription (docs/architecture.md principle 6). */
import { buyerPriorityProcessManager } from './buyer-priority';
import type { ProcessManagerDeps } from './follow-up';
import { permitLapseProcessManager } from './permit-lapse';
import type { ProcessManager } from './process-manager';
import { transferCompletionProcessManager } from './transfer-completion';
import { vaccinationFileProcessManager } from './vaccination-file';

export * from './follow-up';
export * from './outcomes';
export * from './process-manager';
export { vaccinationDueOn } from './vaccination-due';
export {
  buyerPriorityProcessManager,
  permitLapseProcessManager,
  transferCompletionProcessManager,
  vaccinationFileProcessManager,
};

/** Every process manager, each a Projection for a ProjectionRunner; those with `tick` also run daily. */
export function PROCESS_MANAGERS(deps: ProcessManagerDeps): ProcessManager[] {
  return [
    permitLapseProcessManager(deps),
    transferCompletionProcessManager(deps),
    buyerPriorityProcessManager(deps),
    vaccinationFileProcessManager(deps),
  ];
}
