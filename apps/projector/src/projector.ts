import type { Pool } from 'pg';
import type { EventStore } from '@ledger/event-store';
import { ensureProjectorSchema, PoisonPolicy, Projection, ProjectionRunner, RunnerState } from '@ledger/projections';

export interface ProjectorOptions {
  store: EventStore;
  /** The read models' database (the embedded default, or DATABASE_URL). */
  pool: Pool;
  projections: Projection[];
  poison?: PoisonPolicy;
  log?: (line: string) => void;
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

  constructor(private readonly options: ProjectorOptions) {
    this.runners = options.projections.map(
      (projection) =>
        new ProjectionRunner(options.store, options.pool, projection, {
          poison: options.poison ?? (process.env.LEDGER_POISON === 'stop' ? 'stop' : 'park'),
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
  }

  status(): RunnerStatus[] {
    return this.runners.map((r) => ({ name: r.projection.name, state: r.state, position: r.position }));
  }

  async stop(): Promise<void> {
    await Promise.all(this.runners.map((r) => r.stop()));
  }
}
