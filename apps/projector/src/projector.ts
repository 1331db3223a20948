import type { Pool } from 'pg';
import { configValue } from '@ledger/config';
import type { EventStore } from '@ledger/event-store';
import { clockFromEnv, type Clock } from '@ledger/application';
import type { ProcessManager } from '@ledger/process-managers';
import { ensureProjectorSchema, PoisonPolicy, Projection, ProjectionRunner, RunnerState } from '@ledger/projections';
import { isProcessManager } from './registry';

export interface ProjectorOptions {
  store: EventStore;
  /** The read models' database (the embedded default, or DATABASE_URL). */
  pool: Pool;
  projections: Projection[];
  poison?: PoisonPolicy;
  log?: (line: string) => void;
  /** The ledger's clock; process managers' daily work runs for its today(). */
  clock?: Clock;
}

export interface RunnerStatus {
  name: string;
  state: RunnerState;
  position: number;
}

/**
 * Runs every read model and process manager from the global order, each with its own
 * checkpoint and advisory lock: in `npm start` inside the API process, in production as
 * separately scaled replicas (apps/projector/src/main.ts), one active per projection.
 */
export class Projector {
  private readonly runners: ProjectionRunner[];
  private ticker?: NodeJS.Timeout;
  private lastTick?: string;

  constructor(private readonly options: ProjectorOptions) {
    this.runners = options.projections.map(
      (projection) =>
        new ProjectionRunner(options.store, options.pool, projection, {
          poison: options.poison ?? configValue('LEDGER_POISON'),
          // A process manager's batch transaction stays open while its follow-ups append, and
          // an open transaction holds back what every subscriber may read: keep it short.
          batchSize: isProcessManager(projection) ? 50 : 500,
          log: options.log,
          standbyRetryMs: 2_000,
        }),
    );
  }

  async start(): Promise<void> {
    await ensureProjectorSchema(this.options.pool);
    for (const runner of this.runners) {
      runner.start().catch((error) => this.options.log?.(`[${runner.projection.name}] stopped: ${(error as Error).message}`));
    }
    // Time-based reactions (a child resident 3 months gets a vaccination card): at start-up and
    // whenever the date in Asia/Shanghai changes. Safe on every replica (rows are claimed).
    setTimeout(() => void this.tick(), 5_000).unref(); // after the runners have made their schemas
    this.ticker = setInterval(() => void this.tick(), 10 * 60 * 1000);
    this.ticker.unref();
  }

  /** Runs every process manager's due work for today; returns how many follow-ups ran. */
  async tick(today = (this.options.clock ?? clockFromEnv()).today()): Promise<number> {
    if (this.lastTick === today) return 0;
    let ran = 0;
    for (const pm of this.options.projections.filter((p): p is ProcessManager => isProcessManager(p) && typeof p.tick === 'function')) {
      try {
        ran += (await pm.tick!(this.options.pool, today)).length;
      } catch (error) {
        this.options.log?.(`[${pm.name}] tick failed, will retry: ${(error as Error).message}`);
        return ran;
      }
    }
    this.lastTick = today;
    return ran;
  }

  status(): RunnerStatus[] {
    return this.runners.map((r) => ({ name: r.projection.name, state: r.state, position: r.position }));
  }

  async stop(): Promise<void> {
    if (this.ticker) clearInterval(this.ticker);
    await Promise.all(this.runners.map((r) => r.stop()));
  }
}
