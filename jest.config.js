/** One embedded PostgreSQL per run (global setup); each test file makes its own database. */

// NestJS 12 ships as ES modules only. Node >= 20.19 can require() them at
// run time, but Jest's CommonJS runtime cannot, so Jest compiles them (and dynamic import())
// to CommonJS with swc; the result is cached after the first run.
const ESM_ONLY = ['@nestjs'];
const swc = {
  swcrc: false,
  sourceMaps: 'inline',
  module: { type: 'commonjs', ignoreDynamic: false },
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true, dynamicImport: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    keepClassNames: true,
  },
};

module.exports = {
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', swc] },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
  moduleNameMapper: { '^@ledger/(.*)$': '<rootDir>/libs/$1' },
  globalSetup: '<rootDir>/test/setup/global-setup.mjs',
  globalTeardown: '<rootDir>/test/setup/global-teardown.mjs',
  maxWorkers: 2,
  testTimeout: 60_000,
  reporters: [['default', { summaryThreshold: 0 }], '<rootDir>/test/reporters/policy-coverage.reporter.js'],
};
