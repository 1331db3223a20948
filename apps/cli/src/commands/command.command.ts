import type { Command } from 'commander';
import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { COMMAND_SPECS, COMMAND_TYPES, CONTEXTS, DecisionRefused, toLedgerCommand } from '@ledger/application';
import { PostgresAuditLog, recordRefusal } from '@ledger/audit';
import { DomainError } from '@ledger/kernel';
import { commandRoute, SUBJECT_PARAM } from '../../../api/src/routes/commands/command-routes';
import { actingCredential, CliCredentialError, tokenOf, TOKEN_OPTION } from '../support/credential';
import { withLedger } from '../support/with-ledger';
import { EXIT } from '../exit-codes';

/** A command the CLI will not send: printed as `INVALID: …`, exit 2, nothing appended. */
export class CliInputError extends Error {}

/**
 * The command's data with its subject, as the API fills it from the path: `--subject` is the
 * stream's id; a payload naming another subject is refused, a payload naming none gets it.
 */
export function withSubject(type: string, subject: string, data: Record<string, unknown>): Record<string, unknown> {
  const spec = COMMAND_SPECS.get(type);
  if (!spec) throw new CliInputError(`unknown command type ${JSON.stringify(type)} (see --list)`);
  const key = SUBJECT_PARAM[spec.context.subject];
  if (data[key] !== undefined && data[key] !== subject) {
    throw new CliInputError(
      `${key} in --data (${JSON.stringify(data[key])}) differs from --subject (${JSON.stringify(subject)})`,
    );
  }
  return commandRoute(type).subjectInData ? { [key]: subject, ...data } : data;
}

function parseJson(text: string, what: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
    return value as Record<string, unknown>;
  } catch (error) {
    throw new Error(`${what} must be a JSON object: ${(error as Error).message}`);
  }
}

const REFUSAL_NAMESPACE = '8d3e6a21-7c4b-5f90-a1d2-3b4c5d6e7f80';

/** `ledger command <Type>`: any domain command through the same CommandBus the API uses. */
export function registerCommandCommand(program: Command): void {
  program
    .command('command <type>')
    .description(`execute a domain command (${COMMAND_TYPES.length} types; see --list) and print what was appended`)
    .option('--subject <id>', 'the worker, child or employer id whose stream it is for')
    .option('--data <json>', "the command's data", '{}')
    .option('--attest <json>', 'facts the department attests (merged into the decision context)')
    .option(...TOKEN_OPTION)
    .option('--key <idempotencyKey>', 'a retry with the same key appends nothing new')
    .option('--today <date>', 'decide as of this date (default: today in Asia/Shanghai)')
    .option('--list', 'list the command types')
    .action(async (type: string, options: Record<string, string | boolean | undefined>) => {
      if (options.list || type === 'list') {
        for (const t of COMMAND_TYPES) console.log(t);
        return;
      }
      if (!options.subject) throw new Error('--subject <id> is required');
      let data: Record<string, unknown>;
      try {
        data = withSubject(type, String(options.subject), parseJson(String(options.data), '--data'));
      } catch (error) {
        console.log(`INVALID: ${(error as Error).message}`);
        process.exitCode = EXIT.INVALID;
        return;
      }
      await withLedger(
        async ({ commandBus, pool }) => {
          // The actor is the credential's (as the API's is), and it must hold the command's scope.
          let credential;
          try {
            credential = await actingCredential(pool, tokenOf(options), commandRoute(type).scope);
          } catch (error) {
            if (!(error instanceof CliCredentialError)) throw error;
            console.log(`UNAUTHORIZED: ${error.message}`);
            process.exitCode = EXIT.UNAUTHORIZED;
            return;
          }
          const envelope = {
            command: { type, data },
            subjectId: String(options.subject),
            actor: { department: credential.department, principal: credential.principal },
            // A key belongs to the credential that sends it, as in the API (issue 16).
            ...(options.key ? { idempotencyKey: String(options.key), idempotencyScope: credential.id } : {}),
            ...(options.attest ? { attested: parseJson(String(options.attest), '--attest') } : {}),
          };
          try {
            const outcome = await commandBus.execute(toLedgerCommand(envelope));
            console.log(JSON.stringify(outcome, null, 2));
          } catch (error) {
            if (error instanceof DecisionRefused) {
              // A refusal is a decision: kept in the audit log as the API keeps it (docs/audit.md).
              const category = CONTEXTS.find((c) => type in c.commands)?.category ?? 'unknown';
              const { kind: _kind, ...refusal } = error.refusal;
              await PostgresAuditLog.open(pool);
              await recordRefusal(pool, {
                id: envelope.idempotencyKey
                  ? uuidv5(`cli|${envelope.actor.department}|${envelope.actor.principal}|${type}|${envelope.subjectId}|${envelope.idempotencyKey}`, REFUSAL_NAMESPACE)
                  : randomUUID(),
                subjectId: envelope.subjectId,
                streamName: `${category}-${envelope.subjectId}`,
                commandType: type,
                command: envelope.command.data,
                actor: envelope.actor,
                ruleId: refusal.ruleId,
                source: refusal.source,
                quote: refusal.quote,
                packId: refusal.packId,
                packVersion: refusal.packVersion,
                detail: refusal.detail,
                refusal: JSON.parse(JSON.stringify(refusal)) as Record<string, unknown>,
              });
              console.log(`REFUSED: ${error.refusal.detail}`);
              console.log(JSON.stringify(error.refusal, null, 2));
              process.exitCode = EXIT.REFUSED;
              return;
            }
            // Any other expected error: malformed, or not fitting the stream (libs/kernel/errors.ts).
            if (error instanceof DomainError) {
              console.log(`INVALID: ${error.message}`);
              process.exitCode = EXIT.INVALID;
              return;
            }
            throw error;
          }
        },
        { today: options.today ? String(options.today) : undefined },
      );
    });
}
