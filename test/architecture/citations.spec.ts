import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import * as ts from 'typescript';
import { listPacks, loadPack, RULE_PARAMS } from '@ledger/policy';

// Issue 15, item 5: a reader has only the repository. No file cites the design notes kept outside
// it, and no citation anywhere (code, comments, docs, OpenAPI and DTO examples, generated test
// data, CLI text, pack notes) names a rule id, or a seed's clause, that no policy pack holds.
const ROOT = join(__dirname, '..', '..');
const SKIP = new Set(['node_modules', 'dist', '.git', 'coverage']);
const CODE = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs']);

/** Every file of the repository a reader gets (not installed packages, builds or local data), text only. */
function files(dir = ROOT): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name) || name.startsWith('.ledger') || name === 'package-lock.json') continue;
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) out.push(...files(path));
    else if (stat.size < 2_000_000) out.push(path);
  }
  return out;
}

/** The packs that ship: every rule id each holds, and every clause a rule cites as its source. */
function packs(): { ids: Set<string>; sources: Set<string>; seeds: Set<string> } {
  const ids = new Set<string>();
  const sources = new Set<string>();
  const seeds = new Set<string>();
  for (const id of listPacks()) {
    const pack = loadPack(id);
    for (const seed of Object.keys(pack.manifest.sources ?? {})) seeds.add(seed);
    for (const rule of pack.rules.values()) {
      ids.add(rule.id);
      sources.add(rule.source);
    }
  }
  return { ids, sources, seeds };
}

/**
 * The prose of a source file: its comments, string and template texts and JSX text, not its
 * code (a `points.push(…)` or `permit.status` is a variable, not a citation).
 */
function prose(file: string, text: string): string[] {
  const kind = file.endsWith('x') ? ts.ScriptKind.TSX : /\.[mc]?js$/.test(file) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, kind);
  const out: string[] = [];
  const comments = new Set<number>();
  const addComments = (ranges: ts.CommentRange[] | undefined) => {
    for (const r of ranges ?? []) {
      if (comments.has(r.pos)) continue;
      comments.add(r.pos);
      out.push(text.slice(r.pos, r.end));
    }
  };
  const visit = (node: ts.Node) => {
    addComments(ts.getLeadingCommentRanges(text, node.pos));
    addComments(ts.getTrailingCommentRanges(text, node.end));
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node) || ts.isJsxText(node)) out.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  addComments(ts.getLeadingCommentRanges(text, source.endOfFileToken.pos));
  return out;
}

/** The texts of a file a citation can stand in: all of it, or a source file's prose. */
function texts(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  if (text.includes('\u0000')) return [];
  return CODE.has(extname(file)) ? prose(file, text) : [text];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A file a text names (`points.controller.ts`, `permit.yaml`) is not a rule. */
const FILE_SUFFIX = /\.(ts|tsx|js|mjs|cjs|json|ya?ml|md|html|css|sql)$/;
/** A table in SQL (`FROM points.current`, `JOIN housing.applicants`): the read models' schemas share the contexts' names. */
const SQL_BEFORE = /\b(from|join|into|update|table|truncate|exists)\s+$/i;

/** Rule-id shapes (`permit.lapse`, `si.transfer.*`) whose first segment is a family the packs use. */
function ruleIdCitations(text: string, families: string[]): { id: string; at: number }[] {
  const shape = new RegExp(
    `(?<![\\w.$/@-])(?:${families.map(escape).join('|')})(?:\\.[a-z][a-z0-9]*(?:-[a-z0-9]+)*)+(?:\\.\\*)?(?![\\w$(-]|\\.[A-Za-z0-9])`,
    'g',
  );
  const out: { id: string; at: number }[] = [];
  for (const m of text.matchAll(shape)) {
    if (FILE_SUFFIX.test(m[0]) || SQL_BEFORE.test(text.slice(Math.max(0, m.index - 20), m.index))) continue;
    out.push({ id: m[0], at: m.index });
  }
  return out;
}

const NUMERAL = '[一二三四五六七八九十百零〇]+';
const CLAUSE = `(?:§\\s?(?:\\(${NUMERAL}\\)|${NUMERAL}(?:\\(${NUMERAL}\\))?|\\d+)|第${NUMERAL}条)`;

/** A seed's clauses cited by short name (`panzhihua-2016-10 §(八) and §(十二)`), each as `seed clause`. */
function clauseCitations(text: string, seeds: string[]): { clause: string; at: number }[] {
  const shape = new RegExp(
    `(?<![\\w-])(${seeds.map(escape).join('|')})\\s+(${CLAUSE}(?:\\s*(?:,|，|、|and|和|or|或)\\s*${CLAUSE})*)`,
    'g',
  );
  const out: { clause: string; at: number }[] = [];
  for (const m of text.matchAll(shape)) {
    for (const c of m[2]!.matchAll(new RegExp(CLAUSE, 'g'))) out.push({ clause: `${m[1]} ${c[0].replace(/^§\s/, '§')}`, at: m.index });
  }
  return out;
}

/**
 * Ids the code reads that no shipped pack holds, each with why it may be named: the ledger
 * refuses with NOT_PROVIDED_BY_PACK until a city's own pack states it.
 */
const READ_BUT_IN_NO_SHIPPED_PACK: Record<string, string> = {
  'school.admission.age':
    'no seed states a school entry age: a city’s pack supplies it (libs/schooling/testing/city-pack.ts), and until then the ledger says the pack must (decide-enrollment.ts)',
};

describe('citations point inside the repository (issue 15, item 5)', () => {
  const all = files();
  const { ids, sources, seeds } = packs();
  const families = [...new Set([...ids].map((id) => id.split('.')[0]!))].sort();
  const known = (id: string) =>
    ids.has(id) ||
    id in READ_BUT_IN_NO_SHIPPED_PACK ||
    (id.endsWith('.*') && [...ids].some((rule) => rule.startsWith(id.slice(0, -1))));

  it('finds the packs, their families and their seeds', () => {
    expect(ids.size).toBeGreaterThan(50);
    expect(families).toEqual(expect.arrayContaining(['permit', 'points', 'school', 'si', 'wages']));
    expect([...seeds].sort()).toEqual(['fangshan-2017', 'fengdu-2017-29', 'national-663', 'panzhihua-2016-10', 'sanming-draft', 'shaoxing-2016-11']);
  });

  it('cites no design note that lives outside the repository (DESIGN.md, POLICY.md, STYLE.md)', () => {
    const outside = /\b(DESIGN|POLICY|STYLE)\.md\b/;
    const citing = all
      .filter((f) => f !== __filename)
      .filter((f) => outside.test(readFileSync(f, 'utf8')))
      .map((f) => relative(ROOT, f));
    expect(citing).toEqual([]);
  });

  it('names only rule ids a pack holds, in code, comments, docs, examples and test data', () => {
    const unknown: string[] = [];
    let cited = 0;
    for (const file of all) {
      if (file === __filename) continue;
      for (const text of texts(file))
        for (const { id } of ruleIdCitations(text, families)) {
          cited++;
          if (!known(id)) unknown.push(`${relative(ROOT, file)}: ${id}`);
        }
    }
    expect(cited).toBeGreaterThan(300);
    expect([...new Set(unknown)]).toEqual([]);
  });

  it('cites a seed’s clause only where a pack’s rule does', () => {
    const unknown: string[] = [];
    let cited = 0;
    for (const file of all) {
      if (file === __filename) continue;
      for (const text of texts(file))
        for (const { clause } of clauseCitations(text, [...seeds])) {
          cited++;
          if (!sources.has(clause)) unknown.push(`${relative(ROOT, file)}: ${clause}`);
        }
    }
    expect(cited).toBeGreaterThan(300);
    expect([...new Set(unknown)]).toEqual([]);
  });

  it('keeps its exceptions to ids the code reads and no pack holds', () => {
    const readButUnheld = Object.keys(RULE_PARAMS).filter((id) => !ids.has(id)).sort();
    expect(Object.keys(READ_BUT_IN_NO_SHIPPED_PACK).sort()).toEqual(readButUnheld);
  });

  it('would catch the invented citations it was written for', () => {
    const found = (text: string) => ruleIdCitations(text, families).map((c) => c.id);
    expect(found("decision('permit.issue', 'national-663 第九条', issuedOn)")).toEqual(['permit.issue']);
    expect(found('`points.veto` and si.transfer.* and `permit.lapse`.')).toEqual(['points.veto', 'si.transfer.*', 'permit.lapse']);
    expect(found('SELECT * FROM points.current; see points.controller.ts')).toEqual([]);
    expect(prose('x.ts', "const a = permit.status; points.push(1); // not permit.issue\nf('school.fees.equal')")).toEqual([
      '// not permit.issue',
      'school.fees.equal',
    ]);
    const clauses = (text: string) => clauseCitations(text, [...seeds]).map((c) => c.clause);
    expect(clauses('一窗式 (panzhihua-2016-10 §(八) and §(十二)); national-663 第九条; fangshan-2017 §八(三)')).toEqual([
      'panzhihua-2016-10 §(八)',
      'panzhihua-2016-10 §(十二)',
      'national-663 第九条',
      'fangshan-2017 §八(三)',
    ]);
    expect(sources.has('national-663 第九条')).toBe(false);
  });
});
