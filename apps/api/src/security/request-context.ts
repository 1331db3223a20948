import type { Request } from 'express';
import type { AuthenticatedCredential } from './credential.service';

/** What the guard and interceptors put on the request for handlers. */
export interface LedgerRequest extends Request {
  credential?: AuthenticatedCredential;
  /** The validated Idempotency-Key of a command (IdempotencyInterceptor). */
  idempotencyKey?: string;
}
