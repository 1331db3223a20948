import type { Decided, Decider } from '@ledger/kernel';
import { adjustPoints, vetoPoints } from './adjust-points';
import { assessPoints } from './assess-points';
import { recountContributions, resumePoints, suspendPoints } from './suspend-points';
import type { PointsCommand } from './commands';
import type { PointsContext } from './context';
import { evolvePoints } from './evolve';
import type { PointsEvent } from './events';
import { initialPointsState, PointsState } from './state';

/** Decides a points command. Pure: today, the pack and other streams' facts come in `context`. */
export function decidePoints(command: PointsCommand, state: PointsState, context: PointsContext): Decided<PointsEvent> {
  switch (command.type) {
    case 'AssessPoints':
      return assessPoints(command, state, context);
    case 'AdjustPoints':
      return adjustPoints(command, state, context);
    case 'VetoPoints':
      return vetoPoints(command, state, context);
    case 'SuspendPoints':
      return suspendPoints(command, state, context);
    case 'ResumePoints':
      return resumePoints(command, state, context);
    case 'RecountContributions':
      return recountContributions(command, state, context);
    default: {
      const unexpected: never = command;
      throw new Error(`unknown points command ${JSON.stringify(unexpected)}`);
    }
  }
}

/** The `points-<workerId>` stream's decider. */
export const pointsDecider: Decider<PointsCommand, PointsEvent, PointsState, PointsContext> = {
  initialState: initialPointsState,
  decide: decidePoints,
  evolve: evolvePoints,
};
