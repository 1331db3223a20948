import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { map, type Observable } from 'rxjs';
import { maskIdNumbersFor } from './id-number';
import type { LedgerRequest } from './request-context';

/** Masks every 身份证号 in a response unless the caller's department owns them (docs/architecture.md §2, read models). */
@Injectable()
export class IdMaskingInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const department = context.switchToHttp().getRequest<LedgerRequest>().credential?.department;
    return next.handle().pipe(map((body: unknown) => maskIdNumbersFor(department, body)));
  }
}
