#!/usr/bin/env node
'use strict';
/**
 * Regenerates docs/policy-coverage.md: runs the whole jest suite with UPDATE_POLICY_COVERAGE=1,
 * so the policy-coverage reporter writes the file instead of checking it. Extra arguments go
 * to jest (a path pattern is refused: the file needs a full run).
 */
const { spawnSync } = require('node:child_process');
const { resolve } = require('node:path');

const root = resolve(__dirname, '..');
const jest = require.resolve('jest/bin/jest', { paths: [root] });
const run = spawnSync(process.execPath, [jest, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, UPDATE_POLICY_COVERAGE: '1' },
});
process.exitCode = run.status ?? 1;
