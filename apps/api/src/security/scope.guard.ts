import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { problem, ProblemError } from '../problem/problem';
import { lawfulScopes } from './access-matrix';
import { AccessLogService, type AccessDecision } from './access-log.service';
import { CredentialService } from './credential.service';
import { ACCESS_RESOURCE, PUBLIC_ROUTE, REQUIRED_SCOPES } from './decorators';
import { RateLimiter } from './rate-limiter';
import type { LedgerRequest } from './request-context';
import { hasScope } from './scopes';
import { authFailureLimitFromEnv, SECURITY_OPTIONS, type ResolvedSecurityOptions } from './security-options';

const BEARER = /^Bearer[ \t]+([A-Za-z0-9._~+/=-]+)[ \t]*$/i;

/**
 * Authenticates the bearer token, spends one token of the credential's bucket, checks the
 * route's scopes against the credential and against what the law lets its department do, and
 * logs the attempt with the status the caller finally got. 401, 403 and 429 are problem+json.
 */
@Injectable()
export class ScopeGuard implements CanActivate {
  /** Failed authentications per client address (issue 16). */
  private readonly failures = new RateLimiter(authFailureLimitFromEnv());

  constructor(
    private readonly reflector: Reflector,
    private readonly credentials: CredentialService,
    private readonly accessLog: AccessLogService,
    private readonly limiter: RateLimiter,
    @Inject(SECURITY_OPTIONS) private readonly options: ResolvedSecurityOptions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    const req = context.switchToHttp().getRequest<LedgerRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    if (this.options.publicPaths.includes(req.path)) return true;

    const required = this.reflector.getAllAndOverride<string[] | undefined>(REQUIRED_SCOPES, targets);
    const resourceOf = this.reflector.getAllAndOverride<((r: LedgerRequest) => string) | undefined>(
      ACCESS_RESOURCE,
      targets,
    );
    const attempt = { decision: 'unauthenticated' as AccessDecision };
    this.logWhenAnswered(req, res, required, resourceOf, attempt);

    // A client that keeps failing to authenticate is slowed before it costs a database look-up.
    const address = req.socket.remoteAddress ?? 'unknown';
    if (!this.failures.allows(address)) {
      attempt.decision = 'rate-limited';
      const retryAfter = Math.max(1, Math.ceil(1 / this.failures.rate));
      res.setHeader('Retry-After', String(retryAfter));
      throw new ProblemError(
        problem('rate-limited', 'Too many requests without a valid credential from this address; retry later', {
          retryAfter,
        }),
      );
    }
    const token = BEARER.exec(req.headers.authorization ?? '')?.[1];
    if (!token) {
      this.failures.take(address);
      res.setHeader('WWW-Authenticate', 'Bearer realm="ledger"');
      throw new ProblemError(
        problem('unauthorized', 'Send Authorization: Bearer <token> with a department credential'),
      );
    }
    let credential;
    try {
      credential = await this.credentials.authenticate(token);
    } catch (error) {
      // The database is away (503): the attempt is logged as such, not as a bad token.
      attempt.decision = 'unavailable';
      throw error;
    }
    if (!credential) {
      this.failures.take(address);
      res.setHeader('WWW-Authenticate', 'Bearer realm="ledger", error="invalid_token"');
      throw new ProblemError(problem('unauthorized', 'The bearer token is unknown or revoked'));
    }
    req.credential = credential;

    const rate = this.limiter.take(credential.id);
    if (!rate.ok) {
      attempt.decision = 'rate-limited';
      res.setHeader('Retry-After', String(rate.retryAfterSeconds));
      throw new ProblemError(
        problem(
          'rate-limited',
          `This credential may send ${this.limiter.rate} requests a second, ${this.limiter.burst} at once`,
          {
            retryAfter: rate.retryAfterSeconds,
          },
        ),
      );
    }

    if (!required || required.length === 0) {
      attempt.decision = 'forbidden';
      throw new ProblemError(problem('forbidden', 'This route declares no scope, so no credential may call it'));
    }
    const lawful = lawfulScopes(credential.department);
    const missing = required.filter((scope) => !hasScope(credential.scopes, scope) || !hasScope(lawful, scope));
    if (missing.length > 0) {
      attempt.decision = 'forbidden';
      res.setHeader(
        'WWW-Authenticate',
        `Bearer realm="ledger", error="insufficient_scope", scope="${missing.join(' ')}"`,
      );
      throw new ProblemError(
        problem('forbidden', `A ${credential.department} credential may not do this: it needs ${missing.join(', ')}`, {
          department: credential.department,
          requiredScopes: missing,
        }),
      );
    }
    attempt.decision = 'allowed';
    return true;
  }

  private logWhenAnswered(
    req: LedgerRequest,
    res: Response,
    required: string[] | undefined,
    resourceOf: ((r: LedgerRequest) => string) | undefined,
    attempt: { decision: AccessDecision },
  ): void {
    const at = new Date();
    let logged = false;
    const log = () => {
      if (logged) return;
      logged = true;
      let resource = req.originalUrl;
      try {
        if (resourceOf) resource = resourceOf(req);
      } catch {
        // a resource function that cannot read a malformed request falls back to the URL
      }
      const credential = req.credential;
      this.accessLog.record({
        at,
        credentialId: credential?.id ?? null,
        department: credential?.department ?? null,
        principal: credential?.principal ?? null,
        method: req.method,
        route: (req.route as { path?: string } | undefined)?.path ?? req.path,
        resource,
        scope: required?.join(' ') ?? null,
        decision: attempt.decision,
        allowed: attempt.decision === 'allowed',
        // A client that hung up before the answer: 499, as nginx logs it.
        status: res.writableFinished ? res.statusCode : 499,
      });
    };
    res.once('finish', log);
    res.once('close', log);
  }
}
