import { DynamicModule, Inject, Module, Type } from '@nestjs/common';
import { Command, CommandHandler, CqrsModule, ICommandHandler } from '@nestjs/cqrs';
import { COMMAND_SPECS } from '../catalog';
import { InvalidCommand } from '../errors';
import { CommandEnvelope, CommandOutcome, executeCommand, ExecuteDeps } from '../execute-command';

/** Every ledger command on the CommandBus carries its envelope (actor, keys, If-Match). */
export class LedgerCommand extends Command<CommandOutcome> {
  constructor(readonly envelope: CommandEnvelope) {
    super();
  }
}

export const EXECUTE_DEPS = Symbol('EXECUTE_DEPS');

/**
 * One command class and one @CommandHandler per command type of the catalog (docs/style.md: a
 * handler per command). They differ only in which spec they execute, so they are made from
 * the catalog rather than written out 66 times; each is a real class the CommandBus routes to.
 */
const commandClasses = new Map<string, new (envelope: CommandEnvelope) => LedgerCommand>();
const handlerClasses: Type<ICommandHandler<LedgerCommand>>[] = [];

for (const [type, spec] of COMMAND_SPECS) {
  const commandClass = { [type]: class extends LedgerCommand {} }[type]!;
  const handlerName = `${type}Handler`;
  const handlerClass = {
    [handlerName]: class implements ICommandHandler<LedgerCommand, CommandOutcome> {
      constructor(private readonly deps: ExecuteDeps) {}
      execute(command: LedgerCommand): Promise<CommandOutcome> {
        return executeCommand(this.deps, spec, command.envelope);
      }
    },
  }[handlerName]!;
  Inject(EXECUTE_DEPS)(handlerClass, undefined as never, 0);
  CommandHandler(commandClass)(handlerClass);
  commandClasses.set(type, commandClass);
  handlerClasses.push(handlerClass);
}

/** The CommandBus command for an envelope; an unknown type is the caller's mistake (400). */
export function toLedgerCommand(envelope: CommandEnvelope): LedgerCommand {
  const type = (envelope.command as { type?: unknown })?.type;
  const commandClass = typeof type === 'string' ? commandClasses.get(type) : undefined;
  if (!commandClass) throw new InvalidCommand(`unknown command type ${JSON.stringify(type)}`);
  return new commandClass(envelope);
}

export const COMMAND_TYPES = [...COMMAND_SPECS.keys()];

@Module({})
export class LedgerCommandsModule {
  static register(deps: ExecuteDeps): DynamicModule {
    return {
      module: LedgerCommandsModule,
      imports: [CqrsModule.forRoot()],
      providers: [{ provide: EXECUTE_DEPS, useValue: deps }, ...handlerClasses],
      exports: [CqrsModule, EXECUTE_DEPS],
    };
  }
}
