import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Test } from '@nestjs/testing';
import { CommandBus } from '@nestjs/cqrs';
import { PostgresEventStore } from '@ledger/event-store';
import { loadPack, PolicyView } from '@ledger/policy';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import { DecisionRefused, InvalidCommand, PreconditionFailed } from '../errors';
import { COMMAND_SPECS } from '../catalog';
import { LedgerCommandsModule, toLedgerCommand } from './ledger-commands.module';

const actor = { department: 'residence-office', principal: 'clerk-1' };

describe('commands on the @nestjs/cqrs CommandBus', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let bus: CommandBus;
  let today = '2024-03-01';

  beforeAll(async () => {
    db = await createTestDatabase('cmd');
    store = await PostgresEventStore.connect(db.url);
    const module = await Test.createTestingModule({
      imports: [LedgerCommandsModule.register({ store, policy: new PolicyView(loadPack('panzhihua')), today: () => today })],
    }).compile();
    await module.init();
    bus = module.get(CommandBus);
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  it('has a handler for every command the domains declare', () => {
    // The command unions are types, so read their sources: `type: 'X'` or `Command<'X', …>`.
    const root = join(__dirname, '..', '..');
    const files = ['worker', 'residence-permit', 'points', 'insurance', 'employment', 'housing', 'schooling', 'public-health']
      .flatMap((ctx) => ['commands.ts', 'employer-commands.ts'].map((f) => join(root, ctx, 'domain', f)))
      .filter((f) => existsSync(f));
    const declared = new Set(
      files.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/(?:type: |Command<)\s*'([A-Z][A-Za-z]+)'/g)].map((m) => m[1]!)),
    );
    expect([...declared].sort()).toEqual([...COMMAND_SPECS.keys()].sort());
    for (const type of COMMAND_SPECS.keys()) expect(() => toLedgerCommand({ command: { type, data: {} }, subjectId: 'x', actor })).not.toThrow();
  });

  it('refuses an unknown command type as the caller’s mistake', () => {
    expect(() => toLedgerCommand({ command: { type: 'DropTables', data: {} }, subjectId: 'x', actor })).toThrow(InvalidCommand);
  });

  it('appends a registration through the bus, and a retry with the same key appends nothing', async () => {
    const workerId = `w-${randomUUID()}`;
    const envelope = {
      command: { type: 'RegisterResidence', data: { workerId, address: { line: '攀枝花市东区炳草岗1号' }, arrivalOn: '2023-08-31' } },
      subjectId: workerId,
      actor,
      idempotencyKey: 'key-1',
    };
    const first = await bus.execute(toLedgerCommand(envelope));
    expect(first).toMatchObject({ streamName: `residence-permit-${workerId}`, revision: 0, replayed: false });
    const retry = await bus.execute(toLedgerCommand(envelope));
    expect(retry).toMatchObject({ revision: 0, replayed: true, events: first.events });
    expect(await store.readStream(`residence-permit-${workerId}`)).toHaveLength(1);
  });

  it('refuses a permit application on 2024-02-28, one day short of six months, citing national-663 第二条', async () => {
    const workerId = `w-${randomUUID()}`;
    today = '2024-02-28';
    await bus.execute(toLedgerCommand({ command: { type: 'RegisterResidence', data: { workerId, address: { line: '东区' }, arrivalOn: '2023-08-31' } }, subjectId: workerId, actor }));
    const applying = bus.execute(toLedgerCommand({ command: { type: 'ApplyForPermit', data: { workerId, ground: 'stable-job' } }, subjectId: workerId, actor }));
    await expect(applying).rejects.toBeInstanceOf(DecisionRefused);
    await expect(applying).rejects.toMatchObject({ refusal: { ruleId: 'permit.apply.conditions', eligibleFrom: '2024-02-29' } });
    today = '2024-02-29';
    const accepted = await bus.execute(toLedgerCommand({ command: { type: 'ApplyForPermit', data: { workerId, ground: 'stable-job' } }, subjectId: workerId, actor }));
    expect(accepted.events.map((e) => e.type)).toEqual(['PermitApplied']);
  });
});

describe('event data from the domain', () => {
  it('drops undefined fields (absent in JSON) instead of letting the store refuse them', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { withoutUndefined } = require('../execute-command') as typeof import('../execute-command');
    expect(withoutUndefined({ a: 1, b: undefined, c: { d: undefined, e: [1, { f: undefined }] } })).toEqual({ a: 1, c: { e: [1, {}] } });
  });
});

describe('If-Match on the CommandBus', () => {
  it('refuses a command whose If-Match names a revision the stream has moved past (412), appending nothing', async () => {
    const db = await createTestDatabase('ifm');
    const store = await PostgresEventStore.connect(db.url);
    const module = await Test.createTestingModule({
      imports: [LedgerCommandsModule.register({ store, policy: new PolicyView(loadPack('panzhihua')), today: () => '2024-03-01' })],
    }).compile();
    await module.init();
    const bus = module.get(CommandBus);
    const workerId = `w-${randomUUID()}`;
    const register = { type: 'RegisterResidence', data: { workerId, address: { line: '东区' }, arrivalOn: '2023-08-31' } };
    await bus.execute(toLedgerCommand({ command: register, subjectId: workerId, actor }));
    const stale = bus.execute(
      toLedgerCommand({ command: { type: 'ApplyForPermit', data: { workerId, ground: 'stable-job' } }, subjectId: workerId, actor, ifMatch: -1 }),
    );
    await expect(stale).rejects.toBeInstanceOf(PreconditionFailed);
    expect(await store.readStream(`residence-permit-${workerId}`)).toHaveLength(1);
    const current = await bus.execute(
      toLedgerCommand({ command: { type: 'ApplyForPermit', data: { workerId, ground: 'stable-job' } }, subjectId: workerId, actor, ifMatch: 0 }),
    );
    expect(current.revision).toBe(1);
    await store.close();
    await db.drop();
  });
});
