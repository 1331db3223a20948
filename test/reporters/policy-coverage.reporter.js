'use strict';
/**
 * Jest reporter for issue 4 item 4 and issue 9 item 3: on a full run, every (pack, rule) of the
 * shipped policy packs must have a passing domain test and a passing HTTP test, and docs/policy-coverage.md must be what the run would write.
 * With UPDATE_POLICY_COVERAGE=1 it writes the file instead. It fails the run through
 * getLastError(), which jest checks after onRunComplete.
 *
 * Options (all optional, relative to rootDir): { packsDir, output }.
 */
const { existsSync, mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { dirname, relative, resolve } = require('node:path');
const { computeCoverage, passingTests, readPacks, render, sameText, uncovered } = require('./policy-coverage');

/**
 * Why this run is not the whole suite, or undefined for a full run. A subset cannot judge
 * coverage: the tests that show a rule may simply not have run.
 */
function subsetReason(g) {
  const patterns = g.testPathPatterns;
  const pathSet =
    patterns && (typeof patterns.isSet === 'function' ? patterns.isSet() : (patterns.patterns || patterns).length > 0);
  if (pathSet) return 'a test path pattern was given';
  if (g.testPathPattern) return 'a test path pattern was given'; // jest < 30
  if (g.testNamePattern) return 'a test name pattern (-t) was given';
  if (g.onlyChanged || g.lastCommit || g.changedSince || g.changedFilesWithAncestor) return 'only changed files ran';
  if (g.onlyFailures) return 'only failed tests ran';
  if (g.findRelatedTests) return 'only related tests ran';
  if (g.shard) return 'the run is one shard';
  if (g.watch || g.watchAll) return 'watch mode';
  if (g.listTests) return 'tests were only listed';
  return undefined;
}

class PolicyCoverageReporter {
  constructor(globalConfig, options = {}) {
    this.globalConfig = globalConfig;
    const root = globalConfig.rootDir;
    this.packsDir = resolve(root, options.packsDir || 'libs/policy/packs');
    this.output = resolve(root, options.output || 'docs/policy-coverage.md');
    this.update = process.env.UPDATE_POLICY_COVERAGE === '1';
    this.error = undefined;
  }

  onRunComplete(_contexts, results) {
    this.error = undefined;
    const reason = subsetReason(this.globalConfig);
    if (reason) {
      if (this.update) this.fail(`UPDATE_POLICY_COVERAGE needs a full run, but ${reason}`);
      else this.say(`skipped (${reason}; it runs on a full \`npm test\`)`);
      return;
    }
    let coverage;
    try {
      coverage = computeCoverage(readPacks(this.packsDir), passingTests(results, this.globalConfig.rootDir));
    } catch (error) {
      this.fail(error.message);
      return;
    }
    const text = render(coverage);
    const missing = uncovered(coverage);
    const problems = [];
    if (missing.length) {
      problems.push(
        `${missing.length} (pack, rule) pair(s) lack a passing test:\n${missing.map((m) => `  - ${m}`).join('\n')}`,
      );
    }
    const file = relative(this.globalConfig.rootDir, this.output);
    if (this.update) {
      mkdirSync(dirname(this.output), { recursive: true });
      writeFileSync(this.output, text);
      this.say(`wrote ${file}`);
    } else if (!existsSync(this.output) || !sameText(readFileSync(this.output, 'utf8'), text)) {
      problems.push(`${file} is out of date: regenerate it with \`node scripts/policy-coverage.js\``);
    }
    if (problems.length) this.fail(problems.join('\n'));
    else this.say(`every rule of ${coverage.length} packs has a domain and an HTTP test; ${file} is up to date`);
  }

  say(message) {
    process.stderr.write(`policy coverage: ${message}\n`);
  }

  fail(message) {
    this.say(`FAILED\n${message}`);
    this.error = new Error(`policy coverage: ${message}`);
  }

  getLastError() {
    return this.error;
  }
}

module.exports = PolicyCoverageReporter;
module.exports.subsetReason = subsetReason;
