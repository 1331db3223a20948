import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { toDomainEvent } from '@ledger/application';
import type { EventStore, RecordedEvent } from '@ledger/event-store';
import type { AppliedRule, Decider, DomainEvent } from '@ledger/kernel';
import { PERSONAL_FIELDS } from '@ledger/privacy';
import { Clocks, effectiveDate, inEffectBy, instantMicros, recordedBy } from './clocks';
import { appliedRulesOfEvents, illustrativeRulesOfEvents } from './illustrative';

export type Folder<S> = Pick<Decider<unknown, DomainEvent, S, unknown>, 'initialState' | 'evolve'>;

/** A stream folded under the two clocks: the summary's section before it becomes a view. */
export interface AsOfFold<S> {
  stream: string;
  /** The last revision known at `knownAt` (-1: none). */
  revision: number;
  /** How many of the known events had taken effect by `asOf`. */
  eventsApplied: number;
  state: S;
  /** Illustrative rules (示例参数) the stream's decisions in effect applied. */
  illustrativeRules: string[];
  /** Every rule the stream's decisions in effect applied, as the latest of them recorded it, by rule id. */
  rules: AppliedRule[];
  /** The snapshot the fold started from, if any (its revision). */
  fromSnapshot: number | null;
}

interface Snapshot<S> {
  revision: number;
  state: S;
  illustrativeRules: string[];
  rules: AppliedRule[];
  maxEffective: string;
  maxRecordedMicros: bigint;
  /** The newest snapshot of the stream, whichever the clocks allow. */
  latest: number;
}

/** What a lookup finds: a snapshot the clocks allow, only the newest revision kept (none allowed), or nothing kept. */
export type Found<S> = Snapshot<S> | { latest: number } | undefined;

const SQL = `
CREATE SCHEMA IF NOT EXISTS summary_snapshots;
CREATE TABLE IF NOT EXISTS summary_snapshots.folds (
  stream_name         text   NOT NULL,
  fold                text   NOT NULL,
  revision            bigint NOT NULL,
  max_effective       text   NOT NULL,
  max_recorded_micros bigint NOT NULL,
  illustrative_rules  jsonb  NOT NULL,
  state               jsonb  NOT NULL,
  PRIMARY KEY (stream_name, fold, revision)
);
ALTER TABLE summary_snapshots.folds ADD COLUMN IF NOT EXISTS applied_rules jsonb NOT NULL DEFAULT '[]';`;
const LOCK = 7340011;

/**
 * Snapshots of the worker summary's folds (docs/audit.md, as-of at scale): the state of a stream
 * folded with every event up to a revision, kept in PostgreSQL beside the read models, keyed by
 * stream, fold (the decider's code) and revision. Nothing invalidates one: events are only
 * appended, and a correction is an event after it. A snapshot at revision r is used for an
 * answer as of `asOf` / `knownAt` only when every event up to r had taken effect by `asOf` and
 * was recorded by `knownAt`: then the events the answer folds begin with exactly those, and
 * the fold goes on from the snapshot. So a snapshot never changes an answer, only how much of
 * the stream is read. A stream holding personal fields (docs/privacy.md) gets no snapshot
 * past its first such event: a snapshot would keep them in clear, and past an erasure.
 */
export class SummarySnapshots {
  private ready?: Promise<void>;

  /** `every`: a snapshot at every `every`-th revision (49, 99, … for 50). */
  constructor(
    private readonly pool: Pool,
    readonly every = 50,
    /** Told once when snapshots cannot be read or kept (a role without CREATE, say): answers go on without them. */
    private readonly warn: (message: string) => void = () => undefined,
  ) {}

  private warned = false;

  /** Runs a snapshot query; a failure costs only the snapshots, never the answer. */
  async safely<T>(work: () => Promise<T>, otherwise: T): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!this.warned) this.warn(`summary snapshots unavailable, folding from the start: ${(error as Error).message}`);
      this.warned = true;
      return otherwise;
    }
  }

  private migrate(): Promise<void> {
    this.ready ??= (async () => {
      const client = await this.pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock($1)', [LOCK]);
        await client.query(SQL);
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [LOCK]).catch(() => undefined);
        client.release();
      }
    })().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  /** The newest snapshot the clocks allow, and the newest of all. */
  async best<S>(stream: string, fold: string, clocks: Clocks): Promise<Found<S>> {
    return (await this.bestOf<S>([{ stream, fold }], clocks)).get(stream);
  }

  /** `best` for several streams in one query (the summary's streams). */
  async bestOf<S>(keys: { stream: string; fold: string }[], clocks: Clocks): Promise<Map<string, Found<S>>> {
    await this.migrate();
    const { rows } = await this.pool.query<{ stream_name: string; revision: string | null; state: S; illustrative_rules: string[]; applied_rules: AppliedRule[]; max_effective: string; max_recorded_micros: string; latest: string | null }>(
      `SELECT k.stream_name, l.latest, f.revision, f.state, f.illustrative_rules, f.applied_rules, f.max_effective, f.max_recorded_micros
         FROM unnest($1::text[], $2::text[]) AS k(stream_name, fold)
         LEFT JOIN LATERAL (
           SELECT max(revision) AS latest FROM summary_snapshots.folds x WHERE x.stream_name = k.stream_name AND x.fold = k.fold) l ON true
         LEFT JOIN LATERAL (
           SELECT * FROM summary_snapshots.folds x
            WHERE x.stream_name = k.stream_name AND x.fold = k.fold
              AND ($3::text IS NULL OR x.max_effective <= $3)
              AND ($4::bigint IS NULL OR x.max_recorded_micros <= $4)
            ORDER BY x.revision DESC LIMIT 1) f ON true`,
      [keys.map((k) => k.stream), keys.map((k) => k.fold), clocks.asOf ?? null, clocks.knownAtMicros === undefined ? null : clocks.knownAtMicros.toString()],
    );
    const out = new Map<string, Found<S>>();
    for (const row of rows) {
      if (row.latest === null) out.set(row.stream_name, undefined);
      else if (row.revision === null) out.set(row.stream_name, { latest: Number(row.latest) });
      else
        out.set(row.stream_name, {
          revision: Number(row.revision),
          state: row.state,
          illustrativeRules: row.illustrative_rules,
          rules: row.applied_rules,
          maxEffective: row.max_effective,
          maxRecordedMicros: BigInt(row.max_recorded_micros),
          latest: Number(row.latest),
        });
    }
    return out;
  }

  async save(stream: string, fold: string, snapshots: Omit<Snapshot<unknown>, 'latest'>[]): Promise<void> {
    if (snapshots.length === 0) return;
    await this.migrate();
    await this.pool.query(
      `INSERT INTO summary_snapshots.folds (stream_name, fold, revision, max_effective, max_recorded_micros, illustrative_rules, applied_rules, state)
       SELECT $1, $2, s.revision, s.max_effective, s.max_recorded_micros, s.illustrative_rules, s.applied_rules, s.state
         FROM jsonb_to_recordset($3::jsonb) AS s(revision bigint, max_effective text, max_recorded_micros bigint, illustrative_rules jsonb, applied_rules jsonb, state jsonb)
       ON CONFLICT DO NOTHING`,
      [
        stream,
        fold,
        JSON.stringify(
          snapshots.map((s) => ({
            revision: s.revision,
            max_effective: s.maxEffective,
            max_recorded_micros: s.maxRecordedMicros.toString(),
            illustrative_rules: s.illustrativeRules,
            applied_rules: s.rules,
            state: s.state,
          })),
        ),
      ],
    );
  }

  /** How many snapshots are kept (for tests and the bench). */
  async count(): Promise<number> {
    await this.migrate();
    const { rows } = await this.pool.query<{ n: string }>('SELECT count(*) AS n FROM summary_snapshots.folds');
    return Number(rows[0]!.n);
  }
}

/**
 * The fold's name in the snapshot key: the category and a digest of the decider's evolve and
 * initial state, so a release that changes a fold starts new snapshots instead of reading old ones.
 */
export function foldKey(category: string, decider: Folder<unknown>): string {
  let digest = digests.get(decider);
  if (!digest) {
    digest = createHash('sha256').update(String(decider.evolve)).update(JSON.stringify(decider.initialState) ?? '').digest('hex').slice(0, 16);
    digests.set(decider, digest);
  }
  // @2: snapshots carry the rules applied (applied_rules); an @1 snapshot has none, so is not read.
  return `${category}@2:${digest}`;
}
const digests = new WeakMap<object, string>();

const union = (a: string[], b: string[]) => [...new Set([...a, ...b])].sort();
const micros = (e: RecordedEvent) => instantMicros(e.recordedAt) ?? 0n;

/**
 * Events recorded by knownAt, in effect by asOf, upcast, folded in recorded order (docs/architecture.md
 * principle 9); from the best snapshot when `snapshots` is given, writing the ones the read passes.
 */
export async function foldAsOf<S>(
  store: EventStore,
  stream: string,
  category: string,
  decider: Folder<S>,
  clocks: Clocks,
  snapshots?: SummarySnapshots,
  /** The lookup, when the caller made it for several streams at once (`bestOf`). */
  prefetched?: { found: Found<S> },
): Promise<AsOfFold<S>> {
  const fold = snapshots ? foldKey(category, decider as Folder<unknown>) : '';
  const found = prefetched ? prefetched.found : snapshots ? await snapshots.safely(() => snapshots.best<S>(stream, fold, clocks), undefined) : undefined;
  const snap = found && 'revision' in found ? (found as Snapshot<S>) : undefined;
  const from = snap ? snap.revision + 1 : 0;
  const events = await store.readStream(stream, from > 0 ? { fromRevision: from } : undefined);
  const known = events.filter((e) => recordedBy(e, clocks));
  const inEffect = known.filter((e) => inEffectBy(e, clocks));
  const state = inEffect.reduce((s, e) => decider.evolve(s, toDomainEvent(e)), snap ? snap.state : decider.initialState);
  const result: AsOfFold<S> = {
    stream,
    revision: known.length ? known[known.length - 1]!.streamRevision : snap ? snap.revision : -1,
    eventsApplied: (snap ? snap.revision + 1 : 0) + inEffect.length,
    state,
    illustrativeRules: union(snap?.illustrativeRules ?? [], illustrativeRulesOfEvents(inEffect)),
    rules: appliedRulesOfEvents(inEffect, snap?.rules ?? []),
    fromSnapshot: snap ? snap.revision : null,
  };
  if (snapshots) await snapshots.safely(() => writeSnapshots(snapshots, stream, fold, decider, snap, found?.latest ?? -1, events), undefined);
  return result;
}

/** The snapshots at every `every`-th revision past the newest kept, folded from `snap` over `events`. */
async function writeSnapshots<S>(
  snapshots: SummarySnapshots,
  stream: string,
  fold: string,
  decider: Folder<S>,
  snap: Snapshot<S> | undefined,
  latest: number,
  events: RecordedEvent[],
): Promise<void> {
  const last = events.length ? events[events.length - 1]!.streamRevision : -1;
  const next = (Math.floor((latest + 1) / snapshots.every) + 1) * snapshots.every - 1;
  if (next > last) return;
  // A copy: the answer's fold started from the same snapshot object.
  let state = snap ? (JSON.parse(JSON.stringify(snap.state)) as S) : decider.initialState;
  let maxEffective = snap?.maxEffective ?? '';
  let maxRecorded = snap?.maxRecordedMicros ?? 0n;
  let rules = snap?.illustrativeRules ?? [];
  let applied = snap?.rules ?? [];
  const out: Omit<Snapshot<unknown>, 'latest'>[] = [];
  for (const e of events) {
    if (PERSONAL_FIELDS[e.type]) break;
    state = decider.evolve(state, toDomainEvent(e));
    const effective = effectiveDate(e);
    if (effective > maxEffective) maxEffective = effective;
    if (micros(e) > maxRecorded) maxRecorded = micros(e);
    rules = union(rules, illustrativeRulesOfEvents([e]));
    applied = appliedRulesOfEvents([e], applied);
    if (e.streamRevision > latest && (e.streamRevision + 1) % snapshots.every === 0) {
      out.push({ revision: e.streamRevision, state: JSON.parse(JSON.stringify(state)) as unknown, illustrativeRules: rules, rules: applied, maxEffective, maxRecordedMicros: maxRecorded });
    }
  }
  await snapshots.save(stream, fold, out);
}
