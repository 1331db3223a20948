'use strict';
/**
 * Which passing tests show each (pack, rule) of the shipped policy packs (issue 4 item 4).
 * Plain CommonJS with no TypeScript: the jest reporter that uses it runs outside the transform.
 *
 * Convention: a test shows rule R in pack P when its name (describe chain + title) mentions R
 * and P, or R and one of the source keys P's own manifest declares (`sanming-draft` for
 * sanming). A rule P inherits unchanged is shown by a test naming R and the pack defining it.
 */
const { existsSync, readdirSync, readFileSync } = require('node:fs');
const { join, relative, sep } = require('node:path');
const { parse } = require('yaml');

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * True when `name` mentions `token` as a whole word: a rule id is not mentioned by a longer id
 * it begins (the same id with `-notice` after it, say), nor `sanming` by `sanming-sanyuan`. A
 * trailing full stop still counts.
 */
function mentions(name, token) {
  return new RegExp(`(?<![A-Za-z0-9_.-])${escape(token)}(?![A-Za-z0-9_-]|\\.[A-Za-z0-9])`).test(name);
}

function readYaml(file) {
  try {
    return parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`policy coverage: ${file} is not valid YAML: ${error.message}`);
  }
}

/**
 * Every pack under `packsDir` with its rules resolved through `extends`:
 * [{ id, version, extends, sourceKeys, rules: [{ id, definedIn }] }], sorted by id.
 */
function readPacks(packsDir) {
  const ids = readdirSync(packsDir)
    .filter((d) => existsSync(join(packsDir, d, 'pack.yaml')))
    .sort();
  const cache = new Map();
  const resolve = (id, path) => {
    if (cache.has(id)) return cache.get(id);
    if (path.includes(id))
      throw new Error(`policy coverage: packs extend each other in a cycle: ${[...path, id].join(' → ')}`);
    const dir = join(packsDir, id);
    if (!existsSync(join(dir, 'pack.yaml'))) throw new Error(`policy coverage: no pack "${id}" in ${packsDir}`);
    const manifest = readYaml(join(dir, 'pack.yaml')) || {};
    const parent = manifest.extends ? resolve(manifest.extends, [...path, id]) : undefined;
    const rules = new Map(parent ? parent.rules.map((r) => [r.id, r]) : []);
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.yaml') && f !== 'pack.yaml')
      .sort();
    for (const file of files) {
      for (const rule of (readYaml(join(dir, file)) || {}).rules || []) {
        if (rule && typeof rule.id === 'string') rules.set(rule.id, { id: rule.id, definedIn: id });
      }
    }
    const pack = {
      id,
      version: String(manifest.version ?? ''),
      extends: manifest.extends,
      sourceKeys: Object.keys(manifest.sources || {}),
      rules: [...rules.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    };
    cache.set(id, pack);
    return pack;
  };
  return ids.map((id) => resolve(id, []));
}

/**
 * The passing tests of a jest AggregatedResult as { file, name }, name being the describe
 * chain and title joined by ' › ', file relative to rootDir with forward slashes.
 */
function passingTests(results, rootDir) {
  const tests = [];
  for (const suite of results.testResults || []) {
    const file = relative(rootDir, suite.testFilePath).split(sep).join('/');
    for (const test of suite.testResults || []) {
      if (test.status !== 'passed') continue;
      tests.push({ file, name: [...(test.ancestorTitles || []), test.title].join(' › ').replace(/\s+/g, ' ') });
    }
  }
  return tests;
}

/** A test over HTTP: a spec under test/api/ or test/e2e/ (the app served on a port); every other spec is a domain test. */
function isHttpTest(file) {
  return /^test\/(api|e2e)\//.test(file);
}

/**
 * For each pack and rule, the passing tests that show it, split into domain tests and HTTP
 * tests: [{ pack, rules: [{ id, definedIn, tests, domain, http }] }].
 */
function computeCoverage(packs, tests) {
  const byId = new Map(packs.map((p) => [p.id, p]));
  const namesPack = (name, packId) => {
    const pack = byId.get(packId);
    return mentions(name, packId) || (pack ? pack.sourceKeys.some((key) => mentions(name, key)) : false);
  };
  return packs.map((pack) => ({
    pack,
    rules: pack.rules.map((rule) => {
      const shown = tests.filter(
        (t) => mentions(t.name, rule.id) && (namesPack(t.name, rule.definedIn) || namesPack(t.name, pack.id)),
      );
      const lines = (list) => [...new Set(list.map((t) => `${t.file}: ${t.name}`))].sort();
      return {
        id: rule.id,
        definedIn: rule.definedIn,
        tests: lines(shown),
        domain: lines(shown.filter((t) => !isHttpTest(t.file))),
        http: lines(shown.filter((t) => isHttpTest(t.file))),
      };
    }),
  }));
}

/** The (pack, rule) pairs lacking a domain test or an HTTP test, as `pack: rule (no … test)` strings. */
function uncovered(coverage) {
  return coverage.flatMap(({ pack, rules }) =>
    rules.flatMap((r) => [
      ...(r.domain.length ? [] : [`${pack.id}: ${r.id} (no domain test)`]),
      ...(r.http.length ? [] : [`${pack.id}: ${r.id} (no HTTP test)`]),
    ]),
  );
}

/**
 * docs/policy-coverage.md: deterministic, so a stale copy is detected by comparing text. One
 * table per pack, a row per rule, its domain tests and its HTTP tests in separate columns; an
 * inherited rule points at the defining pack's lists instead of repeating them in every city.
 */
function render(coverage) {
  const listsOf = new Map(coverage.map(({ pack, rules }) => [pack.id, new Map(rules.map((r) => [r.id, r]))]));
  const cellText = (test) => test.replace(/([\\`*_<>|])/g, '\\$1');
  const cell = (tests, listed, definedIn, kind) => {
    const own = tests.filter((t) => !listed.includes(t));
    const parts = [
      ...(listed.length ? [`the ${listed.length} ${kind} test(s) listed under ${definedIn}`] : []),
      ...own.map(cellText),
    ];
    return parts.length ? parts.join('<br>') : '**none**';
  };
  const lines = [
    '# Policy coverage',
    '',
    '<!-- Generated by `node scripts/policy-coverage.js` (a full jest run with UPDATE_POLICY_COVERAGE=1). Do not edit. -->',
    '',
    'Each rule of each shipped policy pack, and the passing tests that show it: its domain tests (the',
    'pure deciders) and its HTTP tests (test/api/, the API deciding on a set day) in separate columns.',
    '`npm test` fails when a rule lacks either kind or this file is out of date. A test shows rule R in',
    'pack P when its name (describe chain and title) mentions R and P, or R and a source key of P',
    '(`sanming-draft`); a rule a pack inherits unchanged is shown by a test naming the pack that',
    'defines it. See docs/policy.md.',
    '',
    '## Summary',
    '',
    ...coverage.map(({ pack, rules }) => {
      const both = rules.filter((r) => r.domain.length && r.http.length).length;
      return `- ${pack.id} ${pack.version}: ${both} of ${rules.length} rules with domain and HTTP tests`;
    }),
  ];
  for (const { pack, rules } of coverage) {
    lines.push('', `## ${pack.id} ${pack.version}${pack.extends ? ` (extends ${pack.extends})` : ''}`, '');
    if (!rules.length) {
      lines.push('No rules.');
      continue;
    }
    lines.push('| rule | domain tests | HTTP tests |', '|---|---|---|');
    for (const rule of rules) {
      const inherited = rule.definedIn !== pack.id;
      const parent = inherited ? listsOf.get(rule.definedIn)?.get(rule.id) : undefined;
      const name = `\`${rule.id}\`${inherited ? ` (inherited from ${rule.definedIn})` : ''}`;
      lines.push(
        `| ${name} | ${cell(rule.domain, parent ? parent.domain.filter((t) => rule.domain.includes(t)) : [], rule.definedIn, 'domain')} | ${cell(rule.http, parent ? parent.http.filter((t) => rule.http.includes(t)) : [], rule.definedIn, 'HTTP')} |`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Line endings and trailing spaces aside, is the file what render() would write? */
function sameText(a, b) {
  const norm = (t) =>
    t
      .replace(/\r\n/g, '\n')
      .replace(/[ \t]+$/gm, '')
      .trimEnd();
  return norm(a) === norm(b);
}

module.exports = { mentions, isHttpTest, readPacks, passingTests, computeCoverage, uncovered, render, sameText };
