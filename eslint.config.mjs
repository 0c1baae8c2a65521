// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['out/**', 'out-*/**', 'node_modules/**', '**/fixtures/**', 'test/workspaces/**', 'bench/corpus/**', '.cache/**', 'grammars/**', 'examples/**', 'client/out/**', 'server/out/**', 'test-results/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // The engine and the rules are pure: text in, findings out. No file system, processes, LSP or editor.
    files: ['server/src/engine/**/*.ts', 'server/src/rules/**/*.ts', 'server/src/languages/**/*.ts', 'server/src/config/**/*.ts', 'server/src/checklist/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['vscode', 'vscode-*'], message: 'The engine knows nothing of editors or LSP.' },
            { group: ['fs', 'node:fs', 'fs/*', 'node:fs/*', 'child_process', 'node:child_process', 'worker_threads', 'node:worker_threads'], message: 'The engine is pure: text and path in, findings out.' },
          ],
        },
      ],
    },
  },
  {
    // The bin shims are CommonJS, as npm runs them.
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', performance: 'readonly' } },
  },
);
