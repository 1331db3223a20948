/** Types of policy-coverage.js, for the TypeScript spec that tests it. */
export interface CoveragePack {
  id: string;
  version: string;
  extends?: string;
  sourceKeys: string[];
  rules: { id: string; definedIn: string }[];
}
export interface PackCoverage {
  pack: CoveragePack;
  rules: { id: string; definedIn: string; tests: string[]; domain: string[]; http: string[] }[];
}
export interface PassingTest {
  file: string;
  name: string;
}
export function mentions(name: string, token: string): boolean;
export function isHttpTest(file: string): boolean;
export function readPacks(packsDir: string): CoveragePack[];
export function passingTests(results: unknown, rootDir: string): PassingTest[];
export function computeCoverage(packs: CoveragePack[], tests: PassingTest[]): PackCoverage[];
export function uncovered(coverage: PackCoverage[]): string[];
export function render(coverage: PackCoverage[]): string;
export function sameText(a: string, b: string): boolean;
