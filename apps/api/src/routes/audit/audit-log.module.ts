import { DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import type { ExecuteDeps } from '@ledger/application';
import type { Pool } from 'pg';
import { loadSigner, PackArchive, PostgresAuditLog } from '@ledger/audit';
import { READ_POOL } from '../../tokens';
import { RUNTIME_INFO, RuntimeInfo } from '../../runtime-info';
import { AUDIT_EXECUTE_DEPS, AUDIT_LOG, AuditLogDeps } from './audit-log.tokens';
import { AuditLogController } from './audit-log.controller';
import { DecisionExplanationController } from './decision-explanation.controller';
import { RefusalRecorder } from './refusal-recorder.interceptor';
import { RefusalsController } from './refusals.controller';

/**
 * The verifiable log's routes (docs/audit.md). The tree lives beside the read models; the
 * signing key is the deployment's (LEDGER_AUDIT_KEY_FILE or the data folder's development key,
 * which `npm start` generates), read here only to publish its public half.
 */
@Module({})
export class AuditLogRoutesModule {
  static register(execute: ExecuteDeps): DynamicModule {
    return {
      module: AuditLogRoutesModule,
      controllers: [AuditLogController, DecisionExplanationController, RefusalsController],
      providers: [
        { provide: AUDIT_EXECUTE_DEPS, useValue: execute },
        // Every policy refusal is kept in the audit log (issue 10), whichever route refused it.
        { provide: APP_INTERCEPTOR, useClass: RefusalRecorder },
        {
          provide: AUDIT_LOG,
          inject: [READ_POOL, RUNTIME_INFO],
          useFactory: async (pool: Pool, runtime: RuntimeInfo): Promise<AuditLogDeps> => {
            const log = await PostgresAuditLog.open(pool);
            // createApp archived the pack it decides under before this module was built.
            const packs = await PackArchive.open(pool);
            return { log, packs, signer: loadSigner(process.env, { jurisdiction: runtime.jurisdiction, generate: false }) };
          },
        },
      ],
    };
  }
}
