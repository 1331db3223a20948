import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { catchError, from, mergeMap, type Observable } from 'rxjs';
import { v5 as uuidv5 } from 'uuid';
import { recordRefusal } from '@ledger/audit';
import { DomainError } from '@ledger/kernel';
import { toProblem } from '../../problem/problem-details.filter';
import { PROBLEM_BASE, ProblemError, type ProblemDetails } from '../../problem/problem';
import type { LedgerRequest } from '../../security/request-context';
import { COMMAND_ROUTES, SUBJECT_PARAM } from '../commands/command-routes';
import { AUDIT_LOG, AuditLogDeps } from './audit-log.tokens';

const REFUSAL = `${PROBLEM_BASE}policy-refusal`;
const NAMESPACE = '2f7c1d8a-5b0e-5c3d-9e41-7a6b2c0d9f13';
const BY_PATH = new Map(COMMAND_ROUTES.map((r) => [r.path.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1'), r]));

/**
 * Keeps each policy refusal (HTTP 422 policy-refusal) in `audit_log.refusals` with the refused
 * command, the rule, clause and inputs, and lets the 422 go on unchanged. The worker's streams
 * are not touched and bad input (400) never gets here as a refusal. A retried request (same
 * Idempotency-Key, same principal and path) is one row.
 */
@Injectable()
export class RefusalRecorder implements NestInterceptor {
  constructor(@Inject(AUDIT_LOG) private readonly audit: AuditLogDeps) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        // A refusal reaches here as the DecisionRefused the executor threw (a DomainError), or as
        // the stored first answer an idempotent replay throws (a ProblemError).
        const body = error instanceof ProblemError ? error.body : error instanceof DomainError ? toProblem(error) : undefined;
        if (!body || body.type !== REFUSAL) throw error;
        const req = context.switchToHttp().getRequest<LedgerRequest>();
        const route = req.route ? BY_PATH.get(String(req.route.path)) : undefined;
        if (!route || !req.credential) throw error;
        return from(this.record(req, route, body)).pipe(
          mergeMap(() => {
            throw error;
          }),
        );
      }),
    );
  }

  private async record(req: LedgerRequest, route: (typeof COMMAND_ROUTES)[number], body: ProblemDetails): Promise<void> {
    const subjectId = String(req.params[SUBJECT_PARAM[route.subject]] ?? '');
    const key = req.idempotencyKey ?? String(req.headers['idempotency-key'] ?? '');
    const { attested: _attested, ...command } = (req.body ?? {}) as Record<string, unknown>;
    const { type: _t, title: _ti, status: _s, instance: _i, ...refusal } = body;
    try {
      await recordRefusal(this.audit.log.pool, {
        id: uuidv5(`${req.credential!.id}|${req.path}|${key}`, NAMESPACE),
        subjectId,
        streamName: `${route.category}-${subjectId}`,
        commandType: route.type,
        command,
        actor: { department: req.credential!.department, principal: req.credential!.principal },
        ruleId: String(body.ruleId ?? ''),
        source: String(body.source ?? ''),
        quote: String(body.quote ?? ''),
        packId: typeof body.packId === 'string' ? body.packId : null,
        packVersion: typeof body.packVersion === 'string' ? body.packVersion : null,
        detail: body.detail,
        refusal,
      });
    } catch {
      // The refusal is still answered; a failed record must not turn a 422 into a 500.
    }
  }
}
