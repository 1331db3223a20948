import { CONTEXTS } from '@ledger/application';
import { COMMAND_ROUTES, PROCESS_MANAGER_COMMANDS } from './command-routes';

/**
 * docs/api-commands.md, rendered from the route table; test/api/commands-doc.spec.ts fails when
 * the committed file differs (`UPDATE_DOCS=1 npx jest test/api/commands-doc.spec.ts` rewrites it).
 */
export function renderCommandRoutesDoc(): string {
  const lines = [
    '# Commands over HTTP',
    '',
    '<!-- Generated from apps/api/src/routes/commands/command-routes.ts by renderCommandRoutesDoc(); do not edit by hand. -->',
    '',
    `Every command of the domains (${COMMAND_ROUTES.length}) is a \`POST\` to a sub-resource of the worker, child or employer its`,
    'stream is about (docs/architecture.md §3). The body is the command’s data as JSON, validated by a DTO that rejects',
    'unknown fields; the subject id comes from the path (a `workerId`/`childId`/`employerId` in the body must',
    'equal it). Facts only a department can attest (a labour relation, a firm’s staff count) go in an optional',
    '`attested` object where the command needs them.',
    '',
    '- Headers: `Authorization: Bearer <token>`; `Idempotency-Key` (required); `If-Match: "<revision>"` (optional).',
    '- `201 Created`: `{ streamName, revision, position, events: [{ eventId, type }], rules, illustrative }`,',
    '  `ETag: "<revision>"` and `Location: /v1/streams/{streamName}/events?fromRevision=<first revision appended>`',
    '  (the events it appended); `rules` are the rules the decision applied (`ruleId`, `source`, `quote`, `status`,',
    '  `effectiveFrom`), `illustrative` is true when one of them carries illustrative numbers (示例参数).',
    '- `200 OK`: the same Idempotency-Key again: the first answer, nothing appended (`Idempotent-Replayed: true`',
    '  when the first answer was stored for the same credential).',
    '- Errors are `application/problem+json`: 400 bad input (nothing appended), 401 no credential, 403 outside',
    '  the credential’s scopes, 409 the command does not fit the stream, 412 stale `If-Match`, 422 a policy',
    '  refusal naming `ruleId`, `source` (the clause), `quote`, `packId` and, where time alone changes it, `eligibleFrom`.',
    '  Each `type` is a page the ledger serves (`/problems/<type>`: what it means, what to do); titles and',
    '  validation messages are in Chinese, in English on `Accept-Language: en`; a 400 lists each invalid field in',
    '  `errors` as `{ pointer, detail }` (`pointer` an RFC 6901 JSON Pointer into the body, `/hukouPlace/areaCode`),',
    '  a path or query parameter as `{ parameter, detail }` and a header as `{ header, detail }`.',
    '- Dates are `YYYY-MM-DD` (Asia/Shanghai), months `YYYY-MM`, money integer fen, 身份证号 checked against GB 11643.',
    '',
  ];
  for (const context of CONTEXTS) {
    const routes = COMMAND_ROUTES.filter((r) => r.category === context.category);
    lines.push(
      `## ${context.category} (owner: ${context.owner})`,
      '',
      '| command | route | what | scope |',
      '|---|---|---|---|',
    );
    for (const r of routes)
      lines.push(`| \`${r.type}\` | \`POST ${r.path}\` | ${r.summary} (${r.term}) | \`${r.scope}\` |`);
    lines.push('');
  }
  lines.push(
    '## Not over HTTP',
    '',
    'Commands only the ledger’s process managers send, from facts they read off other streams; a client could',
    'otherwise assert those facts instead of the ledger reading them.',
    '',
    '| command | sent by |',
    '|---|---|',
    ...Object.entries(PROCESS_MANAGER_COMMANDS).map(([type, by]) => `| \`${type}\` | ${by} |`),
    '',
  );
  lines.push('## Examples', '');
  for (const r of COMMAND_ROUTES) {
    lines.push(`### ${r.type}`, '', `\`POST ${r.path}\``, '', '```json', JSON.stringify(r.example, null, 2), '```', '');
  }
  return lines.join('\n');
}
