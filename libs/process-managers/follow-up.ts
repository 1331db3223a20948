import { DomainError, type IsoDate } from '@ledger/kernel';
import { COMMAND_SPECS, DecisionRefused, executeCommand, type ExecuteDeps } from '@ledger/application';
import { isRebuilding, type ProjectionDb } from '@ledger/projections';
import { findOutcome, recordOutcome, type FollowUpOutcome } from './outcomes';

/** What a process manager needs: the executor's deps (store, the deployment's pack, the clock). */
export type ProcessManagerDeps = ExecuteDeps;

/** The event a follow-up answers: its id is the causation id and part of the idempotency key. */
export interface Cause {
  eventId: string;
  correlationId?: string;
}

export interface FollowUp {
  /** The PM's name in keys and outcomes: permit-lapse, transfer-completion, … */
  processManager: string;
  cause: Cause;
  /** The command's context category and subject: `points` + `w1` is stream `points-w1`. */
  category: string;
  subjectId: string;
  command: { type: string; data: unknown };
  /** Facts the PM read from other streams that the command's own facts loader does not supply. */
  attested?: Record<string, unknown>;
  /** Answer a key already recorded from the record (a live event); a tick re-decides what it rescheduled. */
  reuseRecorded?: boolean;
  /** The day the decision is taken (a tick's date); the deps' clock otherwise. */
  today?: IsoDate;
}

/** `<pm name>:<causing event id>:<target stream>` (docs/architecture.md principle 6). */
export function followUpKey(processManager: string, causeId: string, targetStream: string): string {
  return `${processManager}:${causeId}:${targetStream}`;
}

/** A command the target stream cannot take as it stands: an outcome to record, not a poison event. */
function rejection(error: unknown): { code: string; message: string } | undefined {
  // Any context's "does not fit the stream" and the executor's malformed command (libs/kernel/errors.ts).
  if (error instanceof DomainError && (error.kind === 'rejected' || error.kind === 'invalid')) {
    return { code: error.code, message: error.message };
  }
  return undefined;
}

/**
 * Executes one follow-up command through the same executor as the API, with event ids derived
 * from (target stream, key, index): after a crash between the append and the runner's commit,
 * the retry finds the events and appends nothing. Refusals and rejections are recorded as
 * outcomes in the runner's transaction; anything else (the store down) throws and the batch is
 * retried.
 */
export async function runFollowUp(deps: ProcessManagerDeps, db: ProjectionDb, f: FollowUp): Promise<FollowUpOutcome> {
  const spec = COMMAND_SPECS.get(f.command.type);
  if (!spec) throw new Error(`no command spec for ${f.command.type}`);
  const targetStream = `${spec.category}-${f.subjectId}`;
  if (spec.category !== f.category)
    throw new Error(`${f.command.type} is a ${spec.category} command, not ${f.category}`);
  const key = followUpKey(f.processManager, f.cause.eventId, targetStream);
  if (f.reuseRecorded !== false) {
    const recorded = await findOutcome(db, key);
    if (recorded) return recorded;
  }
  const base = {
    key,
    processManager: f.processManager,
    causationId: f.cause.eventId,
    targetStream,
    commandType: f.command.type,
  };
  // A blue/green rebuild replays the log: it runs no command (issue 13). What ran live is in the
  // outcomes above; a follow-up never decided live is left undecided, and nothing is recorded.
  if (isRebuilding(db)) return { ...base, outcome: 'no-change', eventIds: [] };
  let outcome: FollowUpOutcome;
  try {
    const result = await executeCommand(f.today ? { ...deps, today: () => f.today! } : deps, spec, {
      command: f.command,
      subjectId: f.subjectId,
      actor: { department: 'projector', principal: `process-manager:${f.processManager}` },
      idempotencyKey: key,
      causationId: f.cause.eventId,
      correlationId: f.cause.correlationId ?? f.cause.eventId,
      ...(f.attested ? { attested: f.attested } : {}),
    });
    const eventIds = result.events.map((e) => e.eventId);
    outcome = {
      ...base,
      outcome: eventIds.length === 0 ? 'no-change' : result.replayed ? 'replayed' : 'appended',
      eventIds,
    };
  } catch (error) {
    if (error instanceof DecisionRefused) {
      outcome = { ...base, outcome: 'refused', eventIds: [], detail: { ...error.refusal } };
    } else {
      const rejected = rejection(error);
      if (!rejected) throw error;
      outcome = { ...base, outcome: 'rejected', eventIds: [], detail: rejected };
    }
  }
  await recordOutcome(db, outcome);
  return outcome;
}
