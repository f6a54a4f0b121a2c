import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  { files: ['**/*.mjs', '**/*.js'], languageOptions: { globals: { console: 'readonly', process: 'readonly' } } },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-console': 'off',
    },
  },
  {
    // The domain and ports import no driver (STYLE.md, habit 2).
    files: [
      'packages/errors/src/**',
      'packages/event-store/src/**',
      'packages/bus/src/**',
      'packages/identity/src/**',
      'packages/traits/src/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['pg', '@electric-sql/*', 'kafkajs', '@eventstore/*', 'node:fs', 'node:net', 'node:http'] },
      ],
    },
  },
);
