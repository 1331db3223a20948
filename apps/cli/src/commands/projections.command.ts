import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { listDeadLetters, projectionLag, rebuildProjection, retryDeadLetters } from '@ledger/projections';
import { allProjections } from '../../../projector/src/registry';
import { withLedger } from '../support/with-ledger';

/** `ledger projections …`: status, blue/green rebuilds and the dead-letter table. */
export function registerProjectionsCommands(program: Command): void {
  const projections = program.command('projections').description('read models: status, rebuild, dead letters');

  projections
    .command('status')
    .description('each projection’s checkpoint and lag behind the head of the store')
    .action(async () => {
      await withLedger(async ({ store, pool }) => {
        const head = await store.headPosition();
        console.log(`head position ${head}`);
        for (const lag of await projectionLag(store, pool)) {
          console.log(`${lag.name.padEnd(24)} position ${lag.position}  applied ${lag.eventsApplied}  behind ${lag.eventsBehind} events / ${lag.secondsBehind.toFixed(1)} s`);
        }
      });
    });

  projections
    .command('rebuild <name>')
    .description('rebuild a read model into a new schema from the first event while the live one serves, then swap')
    .action(async (name: string) => {
      await withLedger(async ({ store, pool, policy }) => {
        const projection = allProjections({ store, policy }).find((p) => p.name === name);
        if (!projection) {
          throw new Error(`no projection "${name}"; known: ${allProjections({ store, policy }).map((p) => p.name).join(', ')}`);
        }
        const bar = new SingleBar({ format: `${name} [{bar}] {percentage}% | {phase}`, hideCursor: true }, Presets.shades_classic);
        const head = await store.headPosition();
        const start = Date.now();
        bar.start(1000, 0, { phase: 'building' });
        const result = await rebuildProjection(store, pool, projection, {
          onProgress: (p) => bar.update(p.head ? Math.min(1000, Math.round((p.position / Math.max(p.head, 1)) * 1000)) : 1000, { phase: p.phase }),
        });
        bar.update(1000, { phase: 'swapped' });
        bar.stop();
        const seconds = (Date.now() - start) / 1000;
        console.log(`rebuilt ${name}: ${result.eventsApplied} events applied up to position ${result.position} (head was ${head}) in ${seconds.toFixed(1)} s; swapped in`);
      });
    });

  projections
    .command('dead-letters')
    .description('list parked poison events; --retry applies them again')
    .option('--retry', 'apply each parked event again; those that now apply are resolved')
    .action(async (options: { retry?: boolean }) => {
      await withLedger(async ({ store, pool, policy }) => {
        if (options.retry) {
          const result = await retryDeadLetters(store, pool, allProjections({ store, policy }));
          console.log(`resolved ${result.resolved}, still failing ${result.stillFailing}`);
        }
        const letters = await listDeadLetters(pool);
        if (letters.length === 0) console.log('no dead letters');
        for (const l of letters) {
          console.log(`${l.projection} @${l.globalPosition} ${l.eventType} ${l.eventId} (${l.streamName}) failed ${l.failedAt}: ${l.error}`);
        }
      });
    });
}
