import type { RecordedEvent } from '@ledger/event-store';
import { StreamStates } from '@ledger/application';
import { housingDecider, type HousingState } from '@ledger/housing';
import { maxDate } from '@ledger/kernel';
import type { ProjectionDb } from '@ledger/projections';
import { workerDecider, type WorkerState } from '@ledger/worker';
import { runFollowUp, type ProcessManagerDeps } from './follow-up';
import { OUTCOMES_DDL } from './outcomes';
import { causeOf, CHILDREN_DDL, childrenOf, recordChild, subjectOf, type ProcessManager } from './process-manager';

const NAME = 'buyer-priority';

/**
 * 优先保障购房入户进城农民工随迁子女 (fengdu-2017-29 §四): when a parent has bought a home in the
 * county (HomePurchased) and moved the hukou there (WorkerSettled, or HukouMoved as public security
 * records it), each of their children's
 * schooling streams is granted the priority, whichever of the three facts (the child's
 * registration included) comes last. Where the pack has no such rule nothing is sent.
 */
export function buyerPriorityProcessManager(deps: ProcessManagerDeps): ProcessManager {
  async function grant(db: ProjectionDb, event: RecordedEvent, parentId: string, childId: string) {
    const states = new StreamStates(deps.store);
    const housing = await states.load<HousingState, never>(`housing-${parentId}`, housingDecider as never);
    const home = [...housing.state.homes].sort((a, b) => a.purchasedOn.localeCompare(b.purchasedOn))[0];
    if (!home) return;
    const worker = await states.load<WorkerState, never>(`worker-${parentId}`, workerDecider as never);
    const hukouMovedOn = worker.state.hukouMovedOn;
    const on = hukouMovedOn ? maxDate(home.purchasedOn, hukouMovedOn) : home.purchasedOn;
    if (!deps.policy.find('school.priority.settled-buyer', on)) return;
    await runFollowUp(deps, db, {
      processManager: NAME,
      cause: causeOf(event),
      category: 'schooling',
      subjectId: childId,
      command: {
        type: 'GrantSettledBuyerPriority',
        data: {
          parentWorkerId: parentId,
          purchaseId: home.purchaseId,
          homePurchasedOn: home.purchasedOn,
          ...(hukouMovedOn ? { hukouMovedOn } : {}),
        },
      },
    });
  }

  return {
    name: 'pm_buyer_priority',
    processManager: NAME,
    version: 1,
    eventTypes: ['ChildRegistered', 'HomePurchased', 'WorkerSettled', 'HukouMoved'],
    createTables: (schema) => `${OUTCOMES_DDL}${CHILDREN_DDL(schema)}`,
    async apply(db, schema, event) {
      switch (event.type) {
        case 'ChildRegistered': {
          const childId = await recordChild(db, schema, event);
          for (const parentId of (event.data as { parentWorkerIds: string[] }).parentWorkerIds) {
            await grant(db, event, parentId, childId);
          }
          return;
        }
        case 'HomePurchased':
        case 'WorkerSettled':
        case 'HukouMoved': {
          const parentId = event.type === 'HomePurchased' ? subjectOf(event, 'housing') : subjectOf(event, 'worker');
          for (const childId of await childrenOf(db, schema, parentId)) await grant(db, event, parentId, childId);
          return;
        }
        default:
          return;
      }
    },
  };
}
