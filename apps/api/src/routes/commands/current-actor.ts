import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Actor } from '@ledger/event-store';
import { problem, ProblemError } from '../../problem/problem';

/** What the credential guard (apps/api/src/security) puts on the request. */
export interface RequestCredential {
  id: string;
  department: string;
  principal: string;
  scopes: readonly string[];
}

/** The actor of a request, from the credential the guard verified; none → 401 problem+json. */
export function actorOf(request: { credential?: Partial<RequestCredential> }): Actor {
  const credential = request.credential;
  if (!credential || typeof credential.department !== 'string' || typeof credential.principal !== 'string') {
    throw new ProblemError(
      problem('unauthorized', 'This command needs a department credential (Authorization: Bearer …)'),
    );
  }
  return { department: credential.department, principal: credential.principal };
}

/** `@CurrentActor() actor: Actor`: who sends the command, recorded in every event's metadata. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor =>
  actorOf(context.switchToHttp().getRequest()),
);
