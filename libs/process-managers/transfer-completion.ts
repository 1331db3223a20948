import { StreamStates } from '@ledger/application';
import type { TransferCompleted } from '@ledger/insurance';
import { pointsDecider, type PointsState } from '@ledger/points';
import { runFollowUp, type ProcessManagerDeps } from './follow-up';
import { OUTCOMES_DDL } from './outcomes';
import { causeOf, type ProcessManager } from './process-manager';

const NAME = 'transfer-completion';

/**
 * 社保关系转移接续 (si.transfer.*): the insurance stream itself moves the months on
 * TransferCompleted (its evolve credits them to the destination, a month paid twice counted
 * once), so nothing is recorded there twice. What other streams hold on contribution years, the
 * worker's points, is recounted from the insurance stream as it now stands.
 */
export function transferCompletionProcessManager(deps: ProcessManagerDeps): ProcessManager {
  return {
    name: 'pm_transfer_completion',
    processManager: NAME,
    version: 1,
    eventTypes: ['TransferCompleted'],
    createTables: () => OUTCOMES_DDL,
    async apply(db, _schema, event) {
      const d = event.data as unknown as TransferCompleted['data'];
      // Every month already held there: the count cannot change.
      if (d.monthsCredited.length === 0) return;
      const points = await new StreamStates(deps.store).load<PointsState, never>(
        `points-${d.workerId}`,
        pointsDecider as never,
      );
      if (points.revision < 0) return;
      await runFollowUp(deps, db, {
        processManager: NAME,
        cause: causeOf(event),
        category: 'points',
        subjectId: d.workerId,
        command: { type: 'RecountContributions', data: { workerId: d.workerId, transferId: d.transferId } },
      });
    },
  };
}
