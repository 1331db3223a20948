import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Actor } from '@ledger/event-store';
import type { AuthenticatedCredential } from './credential.service';
import type { LedgerRequest } from './request-context';

export const PUBLIC_ROUTE = 'ledger:public';
export const REQUIRED_SCOPES = 'ledger:scopes';
export const ACCESS_RESOURCE = 'ledger:access-resource';

/** No credential needed (/health, /metrics); nothing is logged. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/**
 * The scopes a route needs, all of them (docs/access.md). A route with neither this nor
 * @Public() is refused to every credential: forgetting the decorator fails closed.
 */
export function RequireScope(...scopes: string[]) {
  const problem = { description: 'problem+json', content: { 'application/problem+json': {} } };
  return applyDecorators(
    SetMetadata(REQUIRED_SCOPES, scopes),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ ...problem, description: 'No valid bearer token (problem type unauthorized)' }),
    ApiForbiddenResponse({
      ...problem,
      description: `The credential lacks ${scopes.join(', ')} (problem type forbidden)`,
    }),
    ApiTooManyRequestsResponse({
      ...problem,
      description: 'Over the credential’s rate; see Retry-After (problem type rate-limited)',
    }),
  );
}

/** What the access log names as the resource (default: the path and query asked for). */
export const AccessResource = (resource: (req: LedgerRequest) => string) => SetMetadata(ACCESS_RESOURCE, resource);

/** The authenticated caller, as the guard found it. */
export const CurrentCredential = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AuthenticatedCredential | undefined =>
    ctx.switchToHttp().getRequest<LedgerRequest>().credential,
);

/** The event metadata actor for a credential: who the command came from. */
export function actorOf(credential: AuthenticatedCredential): Actor {
  return { department: credential.department, principal: credential.principal };
}
