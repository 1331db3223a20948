import { Injectable, PipeTransform } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import {
  CommandEnvelope,
  CommandOutcome,
  derivedEventId,
  idempotencySeed,
  PreconditionFailed,
  toLedgerCommand,
} from '@ledger/application';
import { EVENT_STORE, EventStore } from '@ledger/event-store';
import type { Actor } from '@ledger/event-store';
import { CommandOutcomes } from '../../observability/command-outcomes';
import { IdNumberTaken, PersonalDataClosed } from '@ledger/privacy';
import { seesPersonalData } from '../reads/access';
import { problem, ProblemError } from '../../problem/problem';
import type { Bilingual } from '../../problem/problem-catalog';
import { ID_PATTERN_ZH } from '../../problem/validation-errors';
import type { CommandPreconditions } from './command-headers';
import { commandRoute, SUBJECT_PARAM } from './command-routes';
import { ID_PATTERN, ID_PATTERN_TEXT } from './dto/common';
import { containsIdNumber } from '../../security/id-number';

/** What a command answers: the outcome without `replayed` (that is the status, 201 or 200). */
export type CommandAnswer = Omit<CommandOutcome, 'replayed'>;

/** Categories whose attested facts are the decision's `facts` (housing: WorkerHousingFacts). */
const ATTESTED_AS_FACTS = new Set(['housing']);

function badRequest(
  detail: Bilingual,
  at: { pointer: string } | { parameter: string },
  extensions: Record<string, unknown> = {},
): ProblemError {
  return new ProblemError(problem('validation-failed', detail.en, { errors: [{ ...at, detail }], detailFromErrors: true, ...extensions }));
}

/** The events a command appended, as the stream history route serves them. */
export function createdLocation(outcome: Pick<CommandOutcome, 'streamName' | 'revision' | 'events'>): string {
  const first = outcome.revision - outcome.events.length + 1;
  return `/v1/streams/${encodeURIComponent(outcome.streamName)}/events?fromRevision=${first}`;
}

/** The worker, child or employer id in the path: it becomes part of the stream name. */
@Injectable()
export class SubjectIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (typeof value !== 'string' || !ID_PATTERN.test(value))
      throw badRequest({ zh: `路径中的编号${ID_PATTERN_ZH}`, en: `the id in the path must be ${ID_PATTERN_TEXT}` }, { parameter: 'id' });
    // It becomes the stream name, which every department and the feed show unmasked (issue 16).
    if (containsIdNumber(value))
      throw badRequest(
        {
          zh: '路径中的编号不得包含身份证号：流名称对所有部门可见，请使用不含个人信息的编号',
          en: 'the id in the path must not contain a 身份证号: stream names are shown to every department; use an opaque id',
        },
        { parameter: 'id' },
      );
    return value;
  }
}

/**
 * Turns a validated request into a ledger command on the CommandBus (docs/style.md, one command end
 * to end, step 2) and the outcome into the HTTP answer.
 */
@Injectable()
export class CommandSender {
  private store?: EventStore;

  constructor(
    private readonly bus: CommandBus,
    private readonly moduleRef: ModuleRef,
    private readonly outcomes: CommandOutcomes,
  ) {}

  /** Sends the command; its outcome is logged and counted (observability/command-outcomes.ts). */
  async send(
    type: string,
    subjectId: string,
    body: object,
    actor: Actor,
    preconditions: CommandPreconditions,
    res: Response,
  ): Promise<CommandAnswer> {
    const started = performance.now();
    try {
      const answer = await this.execute(type, subjectId, body, actor, preconditions, res);
      this.outcomes.accepted(type, res, { ...answer, replayed: res.statusCode === 200 }, Math.round(performance.now() - started));
      return answer;
    } catch (error) {
      this.outcomes.failed(type, res, error, Math.round(performance.now() - started));
      throw error;
    }
  }

  private async execute(
    type: string,
    subjectId: string,
    body: object,
    actor: Actor,
    preconditions: CommandPreconditions,
    res: Response,
  ): Promise<CommandAnswer> {
    const route = commandRoute(type);
    const key = SUBJECT_PARAM[route.subject];
    // The DTO instance to plain JSON: what the events will store, with no undefined members.
    const { attested, ...fields } = JSON.parse(JSON.stringify(body)) as Record<string, unknown> & {
      attested?: Record<string, unknown>;
    };
    let data: Record<string, unknown> = fields;
    if (route.subjectInData) {
      if (fields[key] !== undefined && fields[key] !== subjectId) {
        throw badRequest(
          {
            zh: `正文中的 ${key}（${String(fields[key])}）与路径中的（${subjectId}）不一致`,
            en: `${key} in the body (${String(fields[key])}) differs from the path (${subjectId})`,
          },
          { pointer: `/${key}` },
          { field: key },
        );
      }
      data = { [key]: subjectId, ...fields };
    }
    const envelope: CommandEnvelope = {
      command: { type, data },
      subjectId,
      actor,
      idempotencyKey: preconditions.idempotencyKey,
      ...(preconditions.idempotencyScope !== undefined ? { idempotencyScope: preconditions.idempotencyScope } : {}),
      ...(preconditions.ifMatch !== undefined ? { ifMatch: preconditions.ifMatch } : {}),
      ...(attested ? { attested: ATTESTED_AS_FACTS.has(route.category) ? { facts: attested } : attested } : {}),
    };
    if (preconditions.ifMatch !== undefined) await this.checkIfMatch(`${route.category}-${subjectId}`, preconditions);
    // A refusal, a rejection or a stale If-Match is a DomainError: the problem filter maps its kind.
    let outcome: CommandOutcome;
    try {
      outcome = await this.bus.execute(toLedgerCommand(envelope));
    } catch (error) {
      // One 身份证号, one worker (docs/privacy.md): the existing worker is named only to the
      // departments that see personal data; to the others the number's owner stays unknown.
      if (error instanceof IdNumberTaken) {
        const named = seesPersonalData(actor.department) ? { existingWorkerId: error.existingWorkerId } : {};
        throw new ProblemError(problem('conflict', error.message, { code: error.code, ...named }));
      }
      if (error instanceof PersonalDataClosed) throw new ProblemError(problem('conflict', error.message, { code: error.code }));
      throw error;
    }
    res.status(outcome.replayed ? 200 : 201);
    res.setHeader('ETag', `"${outcome.revision}"`);
    // RFC 9110 §15.3.2: a 201 names what it created, here the events it appended to the stream.
    if (outcome.events.length > 0) res.setHeader('Location', createdLocation(outcome));
    const { replayed: _replayed, ...answer } = outcome;
    return answer;
  }

  /**
   * If-Match: the client decided on the revision it read, so a moved stream is a 412, not a
   * re-decision. The executor only reports a conflict at append time, so a stream that moved
   * before this request is checked here. A retry of a command already applied (its first
   * event id is in the stream) is left to the executor, which replays the first answer.
   */
  private async checkIfMatch(streamName: string, { ifMatch, idempotencyKey, idempotencyScope }: CommandPreconditions): Promise<void> {
    const store = (this.store ??= this.moduleRef.get<EventStore>(EVENT_STORE, { strict: false }));
    const [last] = await store.readStream(streamName, { direction: 'backwards', maxCount: 1 });
    const actual = last ? last.streamRevision : -1;
    if (actual === ifMatch) return;
    // Applied, its first event sits right after the revision it matched: one event to read,
    // never the whole stream.
    const firstEventId = derivedEventId(streamName, idempotencySeed(idempotencyKey, idempotencyScope), 0);
    const [next] = actual > ifMatch! ? await store.readStream(streamName, { fromRevision: ifMatch! + 1, maxCount: 1 }) : [];
    if (next?.eventId === firstEventId) return;
    throw new PreconditionFailed(streamName, ifMatch!, actual);
  }
}
