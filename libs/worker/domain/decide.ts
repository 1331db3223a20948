import type { Decided, Decider } from '@ledger/kernel';
import { applyForSettlement } from './apply-for-settlement';
import type { WorkerCommand } from './commands';
import type { WorkerContext } from './context';
import { evolveWorker } from './evolve';
import type { WorkerEvent } from './events';
import {
  recordHukouMove,
  changeContactDetails,
  recordEducation,
  recordSkillCertificate,
  recordViolation,
  registerWorker,
} from './record-facts';
import { initialWorkerState, WorkerState } from './state';

/** Decides a worker command. Pure: today and the pack come in `context`. */
export function decideWorker(command: WorkerCommand, state: WorkerState, context: WorkerContext): Decided<WorkerEvent> {
  switch (command.type) {
    case 'RegisterWorker':
      return registerWorker(command, state, context);
    case 'ChangeContactDetails':
      return changeContactDetails(command, state, context);
    case 'RecordSkillCertificate':
      return recordSkillCertificate(command, state, context);
    case 'RecordEducation':
      return recordEducation(command, state, context);
    case 'RecordViolation':
      return recordViolation(command, state, context);
    case 'ApplyForSettlement':
      return applyForSettlement(command, state, context);
    case 'RecordHukouMove':
      return recordHukouMove(command, state, context);
    default: {
      const unexpected: never = command;
      throw new Error(`unknown worker command ${JSON.stringify(unexpected)}`);
    }
  }
}

/** The `worker-<workerId>` stream's decider. */
export const workerDecider: Decider<WorkerCommand, WorkerEvent, WorkerState, WorkerContext> = {
  initialState: initialWorkerState,
  decide: decideWorker,
  evolve: evolveWorker,
};
