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
  apply(db: ProjectionDb, schema: string, event: RecordedEvent, context?: ApplyContext): Promise<void>;
  /**
   * Applies a batch as a whole (issue 13): load the rows the events touch, fold the events in
   * memory, write each table with one multi-row statement. Must leave the same rows as `apply`
   * called for each event in order. The runner prefers it when present.
   */
  applyBatch?(db: ProjectionDb, schema: string, events: readonly RecordedEvent[], context?: ApplyContext): Promise<void>;
}

/** How the runner is applying events. */
export interface ApplyContext {
  /**
   * True while a blue/green rebuild replays the log into a fresh schema: process managers record
   * their rows but run no side effect (no follow-up command) — those ran when the events were live.
   */
  rebuilding: boolean;
}

/**
 * Splits a projection's DDL into its tables and its secondary indexes, so a rebuild can create the
 * indexes after the catch-up (faster loads), then ANALYZE. Primary keys and UNIQUE constraints
 * inside CREATE TABLE stay with the tables: the batch upserts rely on them.
 */
export function splitDdl(ddl: string): { tables: string; indexes: string[] } {
  const statements = ddl
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const isIndex = (s: string) => /^CREATE\s+(UNIQUE\s+)?INDEX\b/i.test(s.replace(/^(--[^\n]*\n\s*)+/, ''));
  return {
    tables: statements.filter((s) => !isIndex(s)).join(';\n') + ';',
    indexes: statements.filter(isIndex),
  };
}

/** How a projection reacts to an event it cannot apply (a poison event). */
export type PoisonPolicy = 'park' | 'stop';

export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe identifier: ${name}`);
  return `"${name}"`;
}

const REBUILDING = new WeakSet<object>();

/**
 * Marks a connection as a rebuild's (or clears the mark). A process manager's follow-up asks
 * `isRebuilding(db)` and runs no command on such a connection: its side effects ran when the
 * events were live, and their outcomes are kept outside the rebuilt schema.
 */
export function markRebuilding(db: object, on: boolean): void {
  if (on) REBUILDING.add(db);
  else REBUILDING.delete(db);
}

export function isRebuilding(db: object): boolean {
  return REBUILDING.has(db);
}
