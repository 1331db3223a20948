import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Response } from 'express';
import { CommandRejected, DecisionRefused, InvalidCommand, PreconditionFailed } from '@ledger/application';
import { ProblemError } from '../problem/problem';
import { LedgerMetrics } from './ledger-metrics';

export const LEDGER_LOGGER = Symbol('LEDGER_LOGGER');

export type CommandOutcomeKind = 'accepted' | 'replayed' | 'refused' | 'rejected' | 'invalid' | 'conflict' | 'failed';

/** How a command that threw ended, in the words of the metric and the log line. */
export function outcomeOfError(error: unknown): { outcome: CommandOutcomeKind; ruleId?: string; code?: string } {
  if (error instanceof DecisionRefused)
    return { outcome: 'refused', ruleId: error.refusal.ruleId, code: error.refusal.code };
  if (error instanceof CommandRejected) return { outcome: 'rejected', code: error.code };
  if (error instanceof InvalidCommand) return { outcome: 'invalid' };
  if (error instanceof PreconditionFailed) return { outcome: 'conflict' };
  if (error instanceof ProblemError) {
    // A refusal reaches here already as its 422 problem (CommandSender's refusalProblem).
    const { status, ruleId, code } = error.body as { status: number; ruleId?: unknown; code?: unknown };
    if (status === 422 && typeof ruleId === 'string')
      return { outcome: 'refused', ruleId, ...(typeof code === 'string' ? { code } : {}) };
    return { outcome: status === 409 || status === 412 ? 'conflict' : status < 500 ? 'invalid' : 'failed' };
  }
  return { outcome: 'failed' };
}

/**
 * One log line and one count per command the API executes: its type, outcome, the rule id of a
 * refusal, the stream and revision of an acceptance, and the request id that ties it to its
 * request line. Never the command's data (personal fields stay out of logs).
 */
@Injectable()
export class CommandOutcomes {
  constructor(
    @Inject(LEDGER_LOGGER) private readonly logger: Logger,
    private readonly metrics: LedgerMetrics,
  ) {}

  accepted(
    type: string,
    res: Response,
    answer: { replayed: boolean; streamName: string; revision: number },
    ms: number,
  ): void {
    const outcome: CommandOutcomeKind = answer.replayed ? 'replayed' : 'accepted';
    this.metrics.commands.inc({ type, outcome, rule_id: '' });
    this.logger.info(
      { requestId: requestIdOf(res), command: type, outcome, stream: answer.streamName, revision: answer.revision, ms },
      `${type} ${outcome}`,
    );
  }

  failed(type: string, res: Response, error: unknown, ms: number): void {
    const { outcome, ruleId, code } = outcomeOfError(error);
    this.metrics.commands.inc({ type, outcome, rule_id: ruleId ?? '' });
    const line = {
      requestId: requestIdOf(res),
      command: type,
      outcome,
      ...(ruleId ? { ruleId } : {}),
      ...(code ? { code } : {}),
      ms,
    };
    if (outcome === 'failed') this.logger.error({ ...line, err: error }, `${type} failed`);
    else this.logger.info(line, `${type} ${outcome}${ruleId ? ` (${ruleId})` : ''}`);
  }
}

function requestIdOf(res: Response): string | undefined {
  const id = (res.req as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}
