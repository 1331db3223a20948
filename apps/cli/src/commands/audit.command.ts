import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { Presets, SingleBar } from 'cli-progress';
import type { Pool } from 'pg';
import { CONTEXTS, packsAvailable, redecide } from '@ledger/application';
import {
  PackArchive,
  AUDIT_EXIT_CODES,
  AuditLogWriter,
  eventById,
  explainDecision,
  exportBundle,
  loadSigner,
  NoteSigner,
  parseVerifierKey,
  PostgresAuditLog,
  refusalsOf,
  verifyAudit,
  verifyBundle,
  type VerifierKey,
} from '@ledger/audit';
import { createPool, openRuntimeDatabase } from '@ledger/database';
import { withPersonalDataProtection } from '@ledger/privacy';
import { EventStore, openEventStore } from '@ledger/event-store';
import { loadDeploymentPolicy, PolicyView } from '@ledger/policy';
import { shanghaiDate, systemClock } from '@ledger/application';
import { subjectStreams } from '../../../api/src/routes/audit/subject-streams';

export interface AuditSession {
  store: EventStore;
  pool: Pool;
  log: PostgresAuditLog;
  policy: PolicyView;
  /** The deployment's verifier key, when this machine holds the signing key. */
  configuredKey?: string;
  /** The deployment's signing key, when this machine holds it: `audit export` signs a checkpoint of the tree as it stands. */
  signer?: NoteSigner;
  /** The store as commands read it (personal fields decrypted), for re-deciding; `store` when absent. */
  commandStore?: () => Promise<EventStore>;
}

export interface AuditCommandDeps {
  write(text: string): void;
  withAudit<T>(work: (session: AuditSession) => Promise<T>): Promise<T>;
  /** A progress bar on long runs; none in tests and when output is not a terminal. */
  progress: boolean;
  now(): string;
}

async function withDeploymentAudit<T>(work: (session: AuditSession) => Promise<T>): Promise<T> {
  const database = await openRuntimeDatabase();
  const { store } = await openEventStore(process.env, database.url, { poolSize: 4 });
  const pool = createPool(database.url, { max: 4 });
  try {
    const log = await PostgresAuditLog.open(pool);
    const policy = loadDeploymentPolicy();
    const signer = loadSigner(process.env, { jurisdiction: policy.packId, generate: false });
    const commandStore = () => withPersonalDataProtection(store, process.env, { generate: process.env.NODE_ENV !== 'production' });
    return await work({ store, pool, log, policy, configuredKey: signer?.verifierKey, signer, commandStore });
  } finally {
    await pool.end();
    await store.close();
    await database.close();
  }
}

const DEFAULT_DEPS: AuditCommandDeps = {
  write: (text) => process.stdout.write(text),
  withAudit: withDeploymentAudit,
  progress: Boolean(process.stdout.isTTY),
  now: () => systemClock.now().toISOString(),
};

function readKey(file: string | undefined, configured: string | undefined): VerifierKey {
  const text = file ? readFileSync(file, 'utf8') : configured;
  if (!text) throw new Error('no verifier key: pass --public-key <file> (GET /v1/audit/public-key → verifierKey)');
  return parseVerifierKey(text);
}

/** The streams about a worker: one per worker category, and each child's (education.children links them). */
async function streamsAbout(pool: Pool, workerId: string): Promise<string[]> {
  let children: string[] = [];
  try {
    const { rows } = await pool.query<{ child_id: string }>(
      'SELECT child_id FROM education.children WHERE $1 = ANY(parent_worker_ids) ORDER BY child_id',
      [workerId],
    );
    children = rows.map((r) => r.child_id);
  } catch (error) {
    if ((error as { code?: string }).code !== '42P01') throw error; // no education read model yet
  }
  return [
    ...CONTEXTS.filter((c) => c.subject === 'worker').map((c) => `${c.category}-${workerId}`),
    ...CONTEXTS.filter((c) => c.subject === 'child').flatMap((c) => children.map((child) => `${c.category}-${child}`)),
  ];
}

/** `ledger audit redecide` exit codes (docs/audit.md, re-decide); 1 is "could not run". */
export const REDECIDE_EXIT_CODES = { reproduced: 0, defect: 2, 'not-replayable': 3, 'no-such-decision': 4 } as const;

const EXIT_HELP = Object.entries(AUDIT_EXIT_CODES)
  .map(([outcome, code]) => `${code} ${outcome}`)
  .join(', ');

/** `ledger audit …`: the auditors' verifiable log (docs/audit.md). */
export function registerAuditCommands(program: Command, deps: AuditCommandDeps = DEFAULT_DEPS): void {
  const audit = program.command('audit').description('the verifiable log: verify the store against signed checkpoints, export and check proof bundles');

  audit
    .command('verify')
    .description(`recompute every chain and the tree, check every checkpoint; exit codes: ${EXIT_HELP}, 1 could not run`)
    .option('--stream <name>', 'only this stream (one that does not exist is an error)')
    .option('--public-key <file>', 'the verifier key (default: the deployment’s own)')
    .option('--checkpoint <file...>', 'checkpoints you kept earlier: the log must still extend them')
    .action(async (options: { stream?: string; publicKey?: string; checkpoint?: string[] }) => {
      await deps.withAudit(async ({ store, log, configuredKey }) => {
        const key = readKey(options.publicKey, configuredKey);
        const bar = deps.progress ? new SingleBar({ format: 'audit verify [{bar}] {value}/{total} events', hideCursor: true }, Presets.shades_classic) : undefined;
        const verdict = await verifyAudit({
          store,
          log,
          key,
          stream: options.stream,
          trusted: (options.checkpoint ?? []).map((f) => readFileSync(f, 'utf8')),
          progress: (done, total) => {
            if (!bar) return;
            if (!bar.isActive) bar.start(Math.max(total, done), 0);
            bar.setTotal(Math.max(total, done));
            bar.update(done);
          },
        });
        bar?.stop();
        deps.write(verdict.outcome === 'verified' ? `${verdict.message}\n` : `BROKEN (${verdict.outcome}): ${verdict.message}\n`);
        process.exitCode = verdict.exitCode;
      });
    });

  audit
    .command('export')
    .description('a proof bundle (entitlement-ledger-audit-bundle/1) of a worker’s streams and their children’s, with inclusion proofs in a checkpoint it signs of every committed event (the latest signed one when this machine holds no key)')
    .requiredOption('--worker <id>', 'the worker id')
    .option('--out <file>', 'write here instead of standard output')
    .action(async (options: { worker: string; out?: string }) => {
      await deps.withAudit(async ({ store, pool, log, signer }) => {
        if (signer) {
          // What the auditor asked for is the worker's record as of now, not as of the last periodic
          // checkpoint: bring the tree up to every committed event (as the server's writer would one
          // poll later) and sign a checkpoint of that size. It is kept like any other, so `audit
          // verify` checks that it extends the ones before. Without the key, the latest checkpoint.
          await new AuditLogWriter(store, log).catchUp();
          await log.checkpoint(signer);
        }
        const bundle = await exportBundle({ store, log, workerId: options.worker, streams: await streamsAbout(pool, options.worker), exportedAt: deps.now() });
        const text = `${JSON.stringify(bundle, null, 2)}\n`;
        if (options.out) {
          writeFileSync(options.out, text);
          const events = bundle.streams.reduce((n, s) => n + s.events.length, 0);
          deps.write(`wrote ${options.out}: ${events} event(s) in ${bundle.streams.length} stream(s)\n`);
        } else deps.write(text);
      });
    });

  audit
    .command('public-key')
    .description('print the deployment’s verifier key (save it to verify bundles offline)')
    .action(async () => {
      await deps.withAudit(async ({ configuredKey }) => {
        if (!configuredKey) throw new Error('no signing key here (LEDGER_AUDIT_KEY_FILE); ask GET /v1/audit/public-key');
        deps.write(`${configuredKey}\n`);
      });
    });

  audit
    .command('explain')
    .description('why the ledger decided what a decision event records: pack, rules with clauses, inputs, the events they came from, today’s pack (JSON)')
    .requiredOption('--event <id>', 'the decision event’s id')
    .action(async (options: { event: string }) => {
      await deps.withAudit(async ({ store, log, policy }) => {
        const found = await explainDecision({
          store,
          log,
          eventId: options.event.toLowerCase(),
          subjectStreams,
          policy,
          today: shanghaiDate(new Date(deps.now())),
        });
        if (found === undefined || found === 'not-a-decision') {
          deps.write(found ? `event ${options.event} records no decision\n` : `no event ${options.event} is in the verifiable log\n`);
          process.exitCode = 4;
          return;
        }
        deps.write(`${JSON.stringify(found, null, 2)}\n`);
      });
    });

  audit
    .command('redecide')
    .description(
      'decide a past decision again: under its own pack version (it must reproduce exactly) and under today’s pack (what would change, rule and clause); JSON. ' +
        `Exit codes: ${Object.entries(REDECIDE_EXIT_CODES).map(([what, code]) => `${code} ${what}`).join(', ')}, 1 could not run`,
    )
    .requiredOption('--event <id>', 'the decision event’s id')
    .action(async (options: { event: string }) => {
      await deps.withAudit(async ({ store, pool, log, policy, commandStore }) => {
        const reader = commandStore ? await commandStore() : store;
        const found = await eventById(reader, log, options.event.toLowerCase());
        // Past pack versions come from the archive the deciding processes keep (docs/audit.md).
        const archive = await PackArchive.open(pool);
        const answer = found
          ? await redecide({ store: reader, event: found.event, packAt: packsAvailable(policy, { archive }), policy, today: shanghaiDate(new Date(deps.now())) })
          : undefined;
        if (answer === undefined || answer === 'not-a-decision') {
          deps.write(answer ? `event ${options.event} records no decision\n` : `no event ${options.event} is in the verifiable log\n`);
          process.exitCode = REDECIDE_EXIT_CODES['no-such-decision'];
          return;
        }
        deps.write(`${JSON.stringify(answer, null, 2)}\n`);
        process.exitCode = REDECIDE_EXIT_CODES[answer.verdict];
      });
    });

  audit
    .command('refusals')
    .description('the policy refusals kept in the audit log for a subject (worker, child or employer), one JSON object a line')
    .requiredOption('--subject <id>', 'the subject id')
    .action(async (options: { subject: string }) => {
      await deps.withAudit(async ({ pool }) => {
        for (const r of await refusalsOf(pool, options.subject)) deps.write(`${JSON.stringify(r)}\n`);
      });
    });

  audit
    .command('verify-bundle <file>')
    .description('check a proof bundle with no database or server; exit 0 verified, 2 rejected (also: node dist/libs/audit/offline/verify-bundle.js)')
    .requiredOption('--public-key <file>', 'the verifier key')
    .action((file: string, options: { publicKey: string }) => {
      const verdict = verifyBundle(JSON.parse(readFileSync(file, 'utf8')), readKey(options.publicKey, undefined));
      deps.write(verdict.ok ? `${verdict.message}\n` : `REJECTED: ${verdict.message}\n`);
      process.exitCode = verdict.ok ? 0 : 2;
    });
}
