import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// CI runs exactly what the README tells a new user to run: `npm ci`, then the commands of the
// README's "The tests" block, in order.
const root = join(__dirname, '..', '..');

function commandsOf(lines: string[]): string[] {
  return lines
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter((line) => line.startsWith('npm '))
    .map((line) => line.replace(/\s+--no-audit|\s+--no-fund/g, ''));
}

describe('CI and the README', () => {
  it('.ci/run runs npm ci, then the README test commands, and nothing else', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const block = /The tests:\n\n```bash\n([\s\S]*?)```/.exec(readme);
    expect(block).not.toBeNull();
    const readmeCommands = commandsOf(block![1]!.split('\n'));
    expect(readmeCommands).toEqual(['npm test', 'npm run test:lts']);

    const ci = readFileSync(join(root, '.ci', 'run'), 'utf8').split('\n');
    const ciCommands = commandsOf(ci.filter((line) => !line.trimStart().startsWith('echo')));
    expect(ciCommands).toEqual(['npm ci', ...readmeCommands]);
  });
});
