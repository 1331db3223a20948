import type { RecordedEvent } from '@ledger/event-store';

/** The slice of a pg client a projection writes through: inside the runner's transaction. */
export interface ProjectionDb {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[]; rowCount: number | null }>;
}

/**
 * A department read model (docs/architecture.md §2): one PostgreSQL schema, rebuilt from events alone.
 * `schema` is passed in, not fixed, so a blue/green rebuild can build a copy beside the live one.
 */
export interface Projection {
  /** Also the live schema's name: public_security, hrss, points, housing, education, health, audit. */
  readonly name: string;
  /** Bumped when the tables or the way events map to rows change: the read model is rebuilt. */
  readonly version: number;
  /** Event types this projection reads; others advance the checkpoint without a call. */
  readonly eventTypes: readonly string[];
  /** DDL for its tables inside `schema` (which exists). */
  createTables(schema: string): string;
  apply(db: ProjectionDb, schema: string, event: RecordedEvent): Promise<void>;
}

/** How a projection reacts to an event it cannot apply (a poison event). */
export type PoisonPolicy = 'park' | 'stop';

export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe identifier: ${name}`);
  return `"${name}"`;
}
