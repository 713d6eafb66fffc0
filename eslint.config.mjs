import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import steward from './tools/lint/src/boundaries.cjs';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.local/**', '.nx/**', 'coverage/**', 'bench/results/**', 'console/src/gql/**'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    plugins: { steward },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
      // package exports, app and domain boundaries: see tools/lint/src/boundaries.cjs
      'steward/boundaries': 'error',
    },
  },
  {
    // Type-aware rules over every TypeScript file: sources, specs, tests and
    // declarations, all in the one program of tsconfig.test.json.
    files: ['**/*.ts', '**/*.cts', '**/*.mts'],
    languageOptions: { parserOptions: { project: './tsconfig.test.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // The web console: browser code in its own program (console/tsconfig.json, JSX, DOM), with the rules of hooks.
    files: ['console/**/*.ts', 'console/**/*.tsx'],
    ...reactHooks.configs.flat['recommended-latest'],
    languageOptions: {
      globals: globals.browser,
      parserOptions: { project: './console/tsconfig.json', tsconfigRootDir: import.meta.dirname, ecmaFeatures: { jsx: true } },
    },
    rules: {
      ...reactHooks.configs.flat['recommended-latest'].rules,
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Command-line scripts talk to a terminal.
    files: ['infra/scripts/**', 'tools/**', 'bench/**', '**/src/cli/**'],
    rules: { 'no-console': 'off' },
  },
);
