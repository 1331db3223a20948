// ESLint flat config: typescript-eslint's recommended rules, Prettier for layout, and the
// architecture rule of docs/style.md: domain code stays pure (no Nest, no database, no clock).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'apps/console/dist/**', 'apps/console/dist.tmp-*/**', 'test-artifacts/**', 'node_modules/**', 'coverage/**', '.ledger-data/**', 'test/reporters/**', 'scripts/**/*.js'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['libs/*/domain/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@nestjs/*', 'pg', 'typeorm', 'typeorm/*', '@eventstore/*', 'node:fs', 'fs'] },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'today comes in the context' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'today comes in the context' },
      ],
    },
  },
);
