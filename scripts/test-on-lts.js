// `npm run test:lts`: the test suite again, on the current Node.js LTS from the npm registry's
// `node` package (scripts/node-lts.js picks the release), beside the Node that runs npm (issue
// 14 item 1: "the same suite green on the registry's current Node LTS"). The binary is installed
// once into node_modules/.cache/node-lts/<version>; dist/ is rebuilt by swc under that Node,
// then the whole Jest suite runs under it. `npm test` has already typechecked and built the
// console: tsc's answer and the console's bundle are the same files whichever Node makes them.
// Arguments go to Jest (`npm run test:lts -- test/e2e/tracing.spec.ts`).
'use strict';
const { execFileSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { delimiter, join } = require('node:path');

const root = join(__dirname, '..');
const version = execFileSync(process.execPath, [join(__dirname, 'node-lts.js')], { encoding: 'utf8' }).trim();
const prefix = join(root, 'node_modules', '.cache', 'node-lts', version);
const bin = join(prefix, 'node_modules', '.bin');
if (!existsSync(join(bin, 'node'))) {
  console.log(`test:lts: installing node@${version} from the registry into ${prefix}`);
  execFileSync(
    'npm',
    ['install', '--prefix', prefix, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=error', `node@${version}`],
    { stdio: 'inherit' },
  );
}
const env = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH}` };
const run = (command, args) => execFileSync(command, args, { cwd: root, env, stdio: 'inherit' });
const running = execFileSync(join(bin, 'node'), ['-v'], { encoding: 'utf8' }).trim();
if (running !== `v${version}`) throw new Error(`test:lts: expected Node v${version}, found ${running}`);
console.log(`test:lts: the suite on Node ${running} (the registry's current LTS line)`);
try {
  run('npm', ['run', 'build', '--silent']);
  run('npx', ['jest', ...process.argv.slice(2)]);
} catch (error) {
  process.exit(typeof error.status === 'number' ? error.status : 1);
}
