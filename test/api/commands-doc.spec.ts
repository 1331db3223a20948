import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMAND_TYPES } from '@ledger/application';
import { renderCommandRoutesDoc } from '../../apps/api/src/routes/commands/api-commands-doc';
import {
  COMMAND_ROUTES,
  PROCESS_MANAGER_COMMANDS,
  UNROUTED_SPECS,
} from '../../apps/api/src/routes/commands/command-routes';

const DOC = join(__dirname, '..', '..', 'docs', 'api-commands.md');

describe('the command route table', () => {
  it('routes every command of the catalog once, except those only process managers send', () => {
    const routed = COMMAND_ROUTES.map((r) => r.type);
    expect([...routed, ...Object.keys(PROCESS_MANAGER_COMMANDS)].sort()).toEqual([...COMMAND_TYPES].sort());
    expect(new Set(routed).size).toBe(routed.length);
    expect(UNROUTED_SPECS).toEqual([]);
  });

  it('gives every command its own POST path under /v1', () => {
    const paths = COMMAND_ROUTES.map((r) => r.path);
    expect(new Set(paths).size).toBe(paths.length);
    for (const path of paths)
      expect(path).toMatch(
        /^\/v1\/(workers\/\{workerId\}|children\/\{childId\}|employers\/\{employerId\})(\/[a-z][a-z-]*){1,2}$/,
      );
  });

  it('is what docs/api-commands.md says', () => {
    const rendered = renderCommandRoutesDoc();
    if (process.env.UPDATE_DOCS) writeFileSync(DOC, rendered);
    expect(readFileSync(DOC, 'utf8')).toBe(rendered);
  });
});
