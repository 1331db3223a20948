import type { ProjectionDb } from './projection';
import { quoteIdent } from './projection';

/** One row of a read-model table, as `to_jsonb(row)` gives it: dates as `YYYY-MM-DD`, bigints as numbers. */
export type Row = Record<string, unknown>;

/** A read-model table as a batch sees it: its primary key, and the column rows are loaded by (the subject). */
export interface TableSpec {
  name: string;
  /** Primary-key columns, in order. */
  key: readonly string[];
  /** The column a batch loads rows by (a worker's, a child's rows): usually the key's first. */
  by?: string;
}

const keyOf = (spec: TableSpec, row: Row): string => JSON.stringify(spec.key.map((k) => row[k] ?? null));

class TableRows {
  /** Rows as the batch leaves them, by primary key; loaded rows and rows written in this batch. */
  readonly rows = new Map<string, Row>();
  /** Subject → primary keys, for the subjects loaded. */
  readonly bySubject = new Map<string, Set<string>>();
  readonly loaded = new Set<string>();
  readonly dirty = new Set<string>();
  readonly deleted = new Map<string, Row>();
  /** Keys the table is known not to hold (their subject, or their `loadMatching` tuple, was loaded and had no such row): written by a plain INSERT. */
  readonly absent = new Set<string>();
  /** `loadMatching` tuples loaded, by their columns' JSON; and those columns. */
  readonly matched = new Set<string>();
  matchedColumns: readonly string[] | undefined;
  constructor(readonly spec: TableSpec) {}

  /** Whether every row the table holds for this row's subject, or for its `loadMatching` tuple, is in the batch. */
  covers(row: Row): boolean {
    if (this.loaded.has(String(row[this.spec.by ?? this.spec.key[0]!]))) return true;
    return this.matchedColumns !== undefined && this.matched.has(JSON.stringify(this.matchedColumns.map((c) => row[c] ?? null)));
  }

  /** Rows read from the table; rows the batch already holds, wrote or deleted are kept as they are. */
  take(rows: readonly Row[]): void {
    for (const r of rows) {
      const key = keyOf(this.spec, r);
      if (this.rows.has(key) || this.deleted.has(key)) continue;
      this.rows.set(key, r);
      this.index(r, key);
    }
  }

  index(row: Row, key: string): void {
    const by = this.spec.by ?? this.spec.key[0]!;
    const subject = String(row[by]);
    let keys = this.bySubject.get(subject);
    if (!keys) this.bySubject.set(subject, (keys = new Set()));
    keys.add(key);
  }
}

/**
 * A batch of events applied as a whole (issue 13): the projection loads the rows its events
 * touch (one SELECT per table for the whole batch), folds every event into them in memory, and
 * `flush` writes each table with one DELETE, one INSERT of the rows known new and one upsert — in the runner's
 * transaction, beside the checkpoint. A batch of one event gives the same rows as a batch of
 * a thousand, so live (small batches) and rebuilt (large ones) read models are equal.
 */
export class RowSet {
  private readonly tables = new Map<string, TableRows>();

  constructor(
    private readonly db: ProjectionDb,
    private readonly schema: string,
    specs: readonly TableSpec[],
  ) {
    for (const spec of specs) this.tables.set(spec.name, new TableRows(spec));
  }

  private table(name: string): TableRows {
    const t = this.tables.get(name);
    if (!t) throw new Error(`no table ${name} in this row set`);
    return t;
  }

  /** Loads every row of `subjects` (one SELECT); rows already loaded or written are kept as they are. */
  async load(name: string, subjects: Iterable<string>): Promise<void> {
    const t = this.table(name);
    const wanted = [...new Set(subjects)].filter((s) => !t.loaded.has(s));
    if (wanted.length === 0) return;
    const by = t.spec.by ?? t.spec.key[0]!;
    const { rows } = await this.db.query<{ r: Row }>(
      `SELECT to_jsonb(t) AS r FROM ${this.schema}.${quoteIdent(name)} t WHERE ${quoteIdent(by)} = ANY($1::text[])`,
      [wanted],
    );
    for (const s of wanted) {
      t.loaded.add(s);
      if (!t.bySubject.has(s)) t.bySubject.set(s, new Set());
    }
    t.take(rows.map(({ r }) => r));
  }

  /**
   * Loads only the rows whose `columns` equal one of `tuples` (one SELECT), e.g. a worker's
   * months by (worker, scheme, month): the subjects are not marked loaded, so `of` gives just
   * those rows until `load` brings the rest. Rows already loaded or written are kept as they are.
   */
  async loadMatching(name: string, columns: readonly string[], tuples: readonly (readonly string[])[]): Promise<void> {
    const t = this.table(name);
    if (tuples.length === 0) return;
    if (t.matchedColumns && JSON.stringify(t.matchedColumns) !== JSON.stringify(columns)) throw new Error(`${name} was matched by other columns in this batch`);
    t.matchedColumns = columns;
    for (const tuple of tuples) t.matched.add(JSON.stringify(tuple));
    const arrays = columns.map((_, i) => tuples.map((tuple) => tuple[i]!));
    const { rows } = await this.db.query<{ r: Row }>(
      `SELECT to_jsonb(t) AS r FROM ${this.schema}.${quoteIdent(name)} t
         JOIN unnest(${columns.map((_, i) => `$${i + 1}::text[]`).join(', ')}) AS k(${columns.map((_, i) => `c${i}`).join(', ')})
           ON ${columns.map((c, i) => `t.${quoteIdent(c)} = k.c${i}`).join(' AND ')}`,
      arrays,
    );
    t.take(rows.map(({ r }) => r));
  }

  /** The row with this primary key (in key order), if the batch has it. */
  get(name: string, key: readonly unknown[]): Row | undefined {
    const t = this.table(name);
    return t.rows.get(JSON.stringify(key.map((k) => k ?? null)));
  }

  /** Every row of a loaded subject, in no particular order. */
  of(name: string, subject: string): Row[] {
    const t = this.table(name);
    const keys = t.bySubject.get(subject);
    if (!keys) return [];
    const out: Row[] = [];
    for (const k of keys) {
      const row = t.rows.get(k);
      if (row) out.push(row);
    }
    return out;
  }

  /** Inserts or replaces a whole row (every column). */
  put(name: string, row: Row): Row {
    const t = this.table(name);
    const key = keyOf(t.spec, row);
    if (!t.rows.has(key) && !t.deleted.has(key) && t.covers(row)) t.absent.add(key);
    t.rows.set(key, row);
    t.deleted.delete(key);
    t.dirty.add(key);
    t.index(row, key);
    return row;
  }

  /** Changes some columns of a row the batch holds; nothing when there is no such row (an UPDATE of no row). */
  update(name: string, key: readonly unknown[], changes: Row): Row | undefined {
    const row = this.get(name, key);
    if (!row) return undefined;
    Object.assign(row, changes);
    this.table(name).dirty.add(keyOf(this.table(name).spec, row));
    return row;
  }

  /** Marks a row the batch holds as changed in place. */
  touch(name: string, row: Row): void {
    const t = this.table(name);
    t.dirty.add(keyOf(t.spec, row));
  }

  delete(name: string, row: Row): void {
    const t = this.table(name);
    const key = keyOf(t.spec, row);
    t.rows.delete(key);
    t.dirty.delete(key);
    // A row this batch added is simply not written; any other is deleted from the table.
    if (!t.absent.delete(key)) t.deleted.set(key, row);
  }

  /** Writes every table: one DELETE of the rows removed, one multi-row INSERT of the rows known new, one multi-row upsert of the other rows changed. */
  async flush(): Promise<void> {
    for (const [name, t] of this.tables) {
      const table = `${this.schema}.${quoteIdent(name)}`;
      if (t.deleted.size > 0) {
        const keys = [...t.deleted.values()].map((r) => Object.fromEntries(t.spec.key.map((k) => [k, r[k]])));
        const match = t.spec.key.map((k) => `t.${quoteIdent(k)} = d.${quoteIdent(k)}`).join(' AND ');
        await this.db.query(`DELETE FROM ${table} t USING jsonb_populate_recordset(NULL::${table}, $1::jsonb) d WHERE ${match}`, [
          JSON.stringify(keys),
        ]);
      }
      // New rows by a plain INSERT (no conflict to look for: cheaper, notably in a rebuild,
      // where nearly every row is new), the rest by an upsert.
      const fresh = [...t.dirty].filter((k) => t.absent.has(k));
      if (fresh.length > 0) {
        await this.db.query(`INSERT INTO ${table} SELECT * FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)`, [
          JSON.stringify(fresh.map((k) => t.rows.get(k)!)),
        ]);
      }
      const changed = [...t.dirty].filter((k) => !t.absent.has(k));
      if (changed.length > 0) {
        const rows = changed.map((k) => t.rows.get(k)!);
        const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
        const set = columns
          .filter((c) => !t.spec.key.includes(c))
          .map((c) => `${quoteIdent(c)} = excluded.${quoteIdent(c)}`)
          .join(', ');
        await this.db.query(
          `INSERT INTO ${table} SELECT * FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)
           ON CONFLICT (${t.spec.key.map(quoteIdent).join(', ')}) DO ${set ? `UPDATE SET ${set}` : 'NOTHING'}`,
          [JSON.stringify(rows)],
        );
      }
      t.dirty.clear();
      t.deleted.clear();
      t.absent.clear();
    }
  }
}

/** The distinct values of `pick` over `items`, skipping undefined. */
export function subjects<T>(items: readonly T[], pick: (item: T) => string | undefined): string[] {
  const out = new Set<string>();
  for (const item of items) {
    const s = pick(item);
    if (s !== undefined) out.add(s);
  }
  return [...out];
}
