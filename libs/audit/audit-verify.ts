import type { EventPlace, EventStore, VerificationReport } from '@ledger/event-store';
import { CompactRange, EMPTY_ROOT, leafHash, verifyConsistency } from './merkle';
import { openNote, parseCheckpoint, VerifierKey } from './offline/verify-bundle';
import type { LeafRow, PostgresAuditLog, StoredCheckpoint } from './postgres-audit-log';

/**
 * What `ledger audit verify` can conclude, each with its exit code (docs/audit.md). The codes
 * name the kind of break, so a script can tell a deleted stream from an edited event.
 */
export const AUDIT_EXIT_CODES = {
  verified: 0,
  /** 1 is kept for "could not run": bad arguments, no key, no database. */
  'chain-broken': 2,
  'stream-deleted': 3,
  'events-missing': 4,
  'event-altered': 5,
  'order-changed': 6,
  'event-inserted': 7,
  'checkpoint-invalid': 8,
  'log-altered': 9,
  'no-such-stream': 10,
} as const;

export type AuditOutcome = keyof typeof AUDIT_EXIT_CODES;

export interface AuditVerdict {
  outcome: AuditOutcome;
  exitCode: number;
  /** One line: what holds, or the first break with its place. */
  message: string;
  streamName?: string;
  revision?: number;
  leafIndex?: number;
  events: number;
  streams: number;
  treeSize: number;
  /** Hex root of the tree recomputed from the store, at the log's size. */
  root?: string;
  checkpoints: number;
  /** Committed events the log has not taken in yet (it follows the store by a poll). */
  pending: number;
}

export interface AuditVerifyOptions {
  store: EventStore;
  log: PostgresAuditLog;
  key: VerifierKey;
  /** Checkpoints the auditor kept from earlier (signed notes): the log must still extend them. */
  trusted?: string[];
  /** Only this stream: its chain and each of its events against the log. */
  stream?: string;
  pageSize?: number;
  progress?: (done: number, total: number) => void;
}

/**
 * Recomputes every stream chain (the store's verifier) and the whole tree from the store's
 * events in the global order, checks every stored checkpoint's signature and that each extends
 * the one before, and compares the store with the log leaf by leaf to name the first break.
 */
export async function verifyAudit(options: AuditVerifyOptions): Promise<AuditVerdict> {
  const { store, log } = options;
  // Checkpoints before the size: a checkpoint is signed after its leaves commit, so every one
  // read here is within the size read next, even while the writer runs (no false alarm).
  const stored = await log.checkpoints();
  const state = await log.state();
  const base = { events: 0, streams: 0, treeSize: state.size, checkpoints: 0, pending: 0 };
  const verdict = (outcome: AuditOutcome, message: string, extra: Partial<AuditVerdict> = {}): AuditVerdict => ({
    ...base,
    outcome,
    exitCode: AUDIT_EXIT_CODES[outcome],
    message,
    ...extra,
  });

  if (options.stream) return verifyOneStream(options, state.size, verdict);

  // The chains and the log are checked side by side, each one's reads overlapping the other's
  // hashing. The verdict is the one checking them in turn gives: a broken chain comes first, and
  // then counts nothing of the log; otherwise the log's first break, or its counts.
  const walked = { events: 0, streams: 0, treeSize: state.size, checkpoints: 0, pending: 0 };
  const logVerdict: Verdict = (outcome, message, extra = {}) => ({ ...walked, outcome, exitCode: AUDIT_EXIT_CODES[outcome], message, ...extra });
  const stop = { now: false };
  const [chainsRun, logRun] = await Promise.allSettled([
    verifyChains(store).then((report) => {
      stop.now = !report.ok; // the log's verdict would be set aside: no need to finish its walk
      return report;
    }),
    checkLog(options, stored, state.size, walked, logVerdict, stop),
  ]);
  if (chainsRun.status === 'rejected') throw chainsRun.reason;
  const chains = chainsRun.value;
  base.streams = chains.streamsChecked;
  if (!chains.ok) {
    const b = chains.firstBreak!;
    return verdict('chain-broken', `stream ${b.streamName} at revision ${b.revision}: ${b.reason}`, {
      streamName: b.streamName,
      revision: b.revision,
    });
  }
  if (logRun.status === 'rejected') throw logRun.reason;
  const found = logRun.value;
  if (found.outcome !== 'verified') return { ...found, streams: base.streams };
  Object.assign(base, { events: walked.events, checkpoints: walked.checkpoints, pending: walked.pending });
  const root = found.root!;
  return verdict(
    'verified',
    `verified: ${base.events} events in ${base.streams} streams, every chain holds; tree size ${state.size}, root ${root}; ` +
      `${base.checkpoints} signed checkpoint(s), each extending the last` +
      (base.pending > 0 ? `; ${base.pending} newer event(s) not yet in the log` : ''),
    { root },
  );
}

/** Every stream's chain (the store's verifier), a break confirmed by reading its stream again. */
async function verifyChains(store: EventStore): Promise<VerificationReport> {
  let chains = await store.verifyAll();
  // The store reads a stream's head and its events in two queries: an append in between looks
  // like a head that disowns its tail. A real break stays when its stream is read again.
  for (let retry = 0; !chains.ok && retry < 2; retry++) {
    if (!(await store.verifyStream(chains.firstBreak!.streamName)).ok) break;
    chains = await store.verifyAll();
  }
  return chains;
}

/**
 * The log against itself and the store: the checkpoints' signatures and consistency, then the
 * walk. Counts go to `base`; the answer is the first break, or 'verified' with the root.
 */
async function checkLog(
  options: AuditVerifyOptions,
  stored: StoredCheckpoint[],
  total: number,
  base: { events: number; checkpoints: number; pending: number },
  verdict: Verdict,
  stop: { now: boolean },
): Promise<AuditVerdict> {
  const { store, log, key } = options;
  // Checkpoints: each signed by the key, each extending the one before (RFC 9162 consistency).
  const signed = new Map<number, Buffer>();
  const all: { size: number; root: Buffer; from: string }[] = [];
  for (const cp of stored) {
    let body;
    try {
      body = parseCheckpoint(openNote(cp.note, key));
    } catch (error) {
      return verdict('checkpoint-invalid', `checkpoint of tree size ${cp.treeSize}: ${(error as Error).message}`);
    }
    if (body.size !== cp.treeSize || !body.root.equals(cp.root)) {
      return verdict('checkpoint-invalid', `checkpoint of tree size ${cp.treeSize}: its row differs from its signed note`);
    }
    all.push({ size: body.size, root: body.root, from: 'the log' });
  }
  for (const note of options.trusted ?? []) {
    let body;
    try {
      body = parseCheckpoint(openNote(note, key));
    } catch (error) {
      return verdict('checkpoint-invalid', `the checkpoint you kept: ${(error as Error).message}`);
    }
    all.push({ size: body.size, root: body.root, from: 'your kept checkpoint' });
  }
  all.sort((a, b) => a.size - b.size);
  for (const cp of all) {
    const known = signed.get(cp.size);
    if (known && !known.equals(cp.root)) {
      return verdict('checkpoint-invalid', `two signed checkpoints of tree size ${cp.size} name different roots: the log forked`);
    }
    signed.set(cp.size, cp.root);
  }
  base.checkpoints = signed.size;
  const sizes = [...signed.keys()].sort((a, b) => a - b);
  const beyond = sizes.find((s) => s > total);
  if (beyond !== undefined) {
    return verdict('log-altered', `a checkpoint signs tree size ${beyond}, but the log holds ${total} leaves: the log was cut back`);
  }
  for (let i = 1; i < sizes.length; i++) {
    const [a, b] = [sizes[i - 1]!, sizes[i]!];
    const proof = await log.consistency(a, b);
    if (!verifyConsistency(a, b, signed.get(a)!, signed.get(b)!, proof)) {
      return verdict('checkpoint-invalid', `the checkpoint of tree size ${b} does not extend the one of size ${a}`);
    }
  }

  // The walk: the store's global order beside the log's leaves, hashed into a tree. Each leaf is
  // compared with its event (id, hash, position), so the tree of the log's leaves is the tree of
  // the store's events up to the log's size: one tree checks both against every checkpoint. Each
  // side's next page is read while this one is checked; the store gives places and hashes only.
  const tree = new CompactRange();
  const pageSize = options.pageSize ?? 20_000;
  const storePages = new Pager<EventPlace>((after) => readPlaces(store, after, pageSize), (p) => p.globalPosition, 0);
  const logPages = new Pager<LeafRow>(
    (from) => (from < total ? log.leaves(from, pageSize) : Promise.resolve([])),
    (leaf) => leaf.leafIndex + 1,
    0,
  );
  let events: EventPlace[] = [];
  let leaves: LeafRow[] = [];
  let e = 0;
  let l = 0;
  let sizedRoot: Buffer | undefined;
  try {
    for (let i = 0; ; i++) {
      if (stop.now) return verdict('verified', 'not walked to the end: a chain is broken, which the verdict names instead');
      if (e >= events.length) {
        events = await storePages.next();
        e = 0;
      }
      if (l >= leaves.length && i < total) {
        leaves = await logPages.next();
        l = 0;
      }
      const event = events[e];
      const leaf = i < total ? leaves[l] : undefined;
      if (!leaf && i < total) return verdict('log-altered', `the log has no leaf ${i}`, { leafIndex: i });
      if (!event && !leaf) break;
      if (leaf) {
        if (leaf.leafIndex !== i) return verdict('log-altered', `the log has no leaf ${i}`, { leafIndex: i });
        if (!event || event.eventId !== leaf.eventId) return await diagnose(options, leaf, event, verdict);
        const at = { streamName: event.streamName, revision: event.streamRevision, leafIndex: i };
        if (!event.hash.equals(leaf.eventHash)) {
          return verdict(
            'event-altered',
            `stream ${event.streamName} revision ${event.streamRevision} (leaf ${i}): its hash ${event.hash.toString('hex').slice(0, 16)}… differs from the ${leaf.eventHash.toString('hex').slice(0, 16)}… the log took in`,
            at,
          );
        }
        if (event.globalPosition !== leaf.globalPosition) {
          return verdict('order-changed', `stream ${event.streamName} revision ${event.streamRevision} moved from global position ${leaf.globalPosition} to ${event.globalPosition}`, at);
        }
        tree.push(leafHash(event.hash));
        const size = i + 1;
        if (size === total) sizedRoot = tree.root();
        const root = signed.get(size);
        // The leaves equal the events, so a checkpoint the store's tree misses, the leaves miss too.
        if (root && !(size === total ? sizedRoot! : tree.root()).equals(root)) {
          return verdict('log-altered', `the tree recomputed from the store differs from the signed checkpoint of size ${size}, and the log's leaves were changed to match`, { leafIndex: i });
        }
      } else {
        base.pending++; // committed after the log's size was read: counted, not a leaf yet
      }
      base.events++;
      e++;
      l++;
      if ((i + 1) % 10_000 === 0) options.progress?.(i + 1, total);
    }
  } finally {
    await Promise.all([storePages.drain(), logPages.drain()]);
  }
  options.progress?.(base.events, total);
  const treeRoot = sizedRoot?.toString('hex');
  if (total > 0) {
    // The stored subtrees serve the proofs: they must hash to the root of the leaves just walked.
    const storedRoot = await log.root(total);
    if (!storedRoot.equals(sizedRoot!)) return verdict('log-altered', `the log's stored subtrees do not hash to the root of its ${total} leaves`);
  }
  return verdict('verified', '', { root: treeRoot ?? EMPTY_ROOT.toString('hex') });
}

/** The store's global order as places and hashes: `readAllPlaces` where the adapter has it. */
async function readPlaces(store: EventStore, after: number, maxCount: number): Promise<EventPlace[]> {
  if (store.readAllPlaces) return store.readAllPlaces({ after, maxCount });
  return (await store.readAll({ after, maxCount })).map((e) => ({
    eventId: e.eventId,
    streamName: e.streamName,
    streamRevision: e.streamRevision,
    globalPosition: e.globalPosition,
    hash: Buffer.from(e.hash, 'hex'),
  }));
}

/**
 * Keyset pages read one ahead: the next page's query runs while the caller checks this one. A
 * page is requested from the cursor after the last row; an empty page ends the reading.
 */
class Pager<T> {
  private ahead?: Promise<T[]>;
  private done = false;

  constructor(
    private readonly read: (cursor: number) => Promise<T[]>,
    private readonly cursorAfter: (last: T) => number,
    private cursor: number,
  ) {}

  async next(): Promise<T[]> {
    if (this.done) return [];
    const page = await (this.ahead ?? this.read(this.cursor));
    this.ahead = undefined;
    if (page.length === 0) {
      this.done = true;
      return page;
    }
    this.cursor = this.cursorAfter(page[page.length - 1]!);
    this.ahead = this.read(this.cursor);
    this.ahead.catch(() => undefined); // awaited by next() or drain(); never an unhandled rejection
    return page;
  }

  /** Waits out a read still in flight (the caller may close the pool next). */
  async drain(): Promise<void> {
    await this.ahead?.catch(() => undefined);
    this.ahead = undefined;
  }
}

type Verdict = (outcome: AuditOutcome, message: string, extra?: Partial<AuditVerdict>) => AuditVerdict;

/** The log names an event the store does not hold at that place: gone, cut off, or moved? */
async function diagnose(options: AuditVerifyOptions, leaf: LeafRow, event: EventPlace | undefined, verdict: Verdict): Promise<AuditVerdict> {
  const at = { streamName: leaf.streamName, revision: leaf.streamRevision, leafIndex: leaf.leafIndex };
  const stream = await options.store.readStream(leaf.streamName, { maxCount: 1, direction: 'backwards' });
  if (stream.length === 0) {
    return verdict('stream-deleted', `stream ${leaf.streamName} is gone: the log holds its revision ${leaf.streamRevision} at leaf ${leaf.leafIndex}`, at);
  }
  const [same] = await options.store.readStream(leaf.streamName, { fromRevision: leaf.streamRevision, maxCount: 1 });
  if (!same || same.eventId !== leaf.eventId) {
    return verdict(
      'events-missing',
      `stream ${leaf.streamName} ends at revision ${stream[0]!.streamRevision}, but the log holds its revision ${leaf.streamRevision} at leaf ${leaf.leafIndex}`,
      at,
    );
  }
  if (event && !(await options.log.leafOf(event.eventId))) {
    return verdict(
      'event-inserted',
      `stream ${event.streamName} revision ${event.streamRevision} sits at global position ${event.globalPosition}, inside the logged order, but the log never took it in`,
      { streamName: event.streamName, revision: event.streamRevision, leafIndex: leaf.leafIndex },
    );
  }
  return verdict(
    'order-changed',
    `leaf ${leaf.leafIndex} is stream ${leaf.streamName} revision ${leaf.streamRevision}, but the store now puts ` +
      (event ? `stream ${event.streamName} revision ${event.streamRevision} there (global position ${event.globalPosition})` : 'nothing there'),
    at,
  );
}

/** `--stream NAME`: that stream's chain, then each of its events against its leaf. */
async function verifyOneStream(options: AuditVerifyOptions, size: number, verdict: Verdict): Promise<AuditVerdict> {
  const name = options.stream!;
  const events = await options.store.readStream(name);
  const leaves = await options.log.leavesOfStreams([name], size);
  if (events.length === 0 && leaves.length === 0) return verdict('no-such-stream', `stream ${name} does not exist`);
  if (events.length === 0) return diagnose(options, leaves[0]!, undefined, verdict);
  const chain = await options.store.verifyStream(name);
  if (!chain.ok) {
    const b = chain.firstBreak!;
    return verdict('chain-broken', `stream ${b.streamName} at revision ${b.revision}: ${b.reason}`, { streamName: name, revision: b.revision });
  }
  for (const leaf of leaves) {
    const event = events[leaf.streamRevision];
    if (!event) return diagnose(options, leaf, undefined, verdict);
    const at = { streamName: name, revision: leaf.streamRevision, leafIndex: leaf.leafIndex };
    if (event.eventId !== leaf.eventId) return verdict('order-changed', `revision ${leaf.streamRevision} is another event than the log holds`, at);
    if (!Buffer.from(event.hash, 'hex').equals(leaf.eventHash)) {
      return verdict('event-altered', `stream ${name} revision ${leaf.streamRevision} (leaf ${leaf.leafIndex}): its hash differs from the one the log took in`, at);
    }
    if (event.globalPosition !== leaf.globalPosition) {
      return verdict('order-changed', `stream ${name} revision ${leaf.streamRevision} moved from global position ${leaf.globalPosition} to ${event.globalPosition}`, at);
    }
  }
  return verdict('verified', `verified: stream ${name}, ${events.length} events, chain holds, ${leaves.length} in the log as stored`, {
    events: events.length,
    streams: 1,
  });
}
