// `npm run lint`: the mistakes the compiler lets through (a promise nobody awaits, an import cycle,
// a feature importing the web pages, dead code). No layout rules: Prettier owns the layout.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

// Statistics and exports are read by the pages, never the reverse (issue 18).
const LAYER_ZONES = [
  { target: './src/exports', from: './src/web', message: 'exports/ must not import web/: move what both use to a neutral module.' },
  { target: './src/stats', from: './src/web', message: 'stats/ must not import web/: move what both use to a neutral module.' },
];

const BROWSER_GLOBALS = {
  window: 'readonly',
  document: 'readonly',
  navigator: 'readonly',
  Option: 'readonly',
  Worker: 'readonly',
  location: 'readonly',
  history: 'readonly',
  URLSearchParams: 'readonly',
};
const NODE_GLOBALS = { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' };

export default defineConfig(
  { ignores: ['dist/', 'coverage/', 'test-output/', '.data/', 'bench/profiles/', 'bench/*.tmp.ts'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', '*.mjs', 'scripts/*.ts'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Raw SQL results (`query()`) and supertest bodies are `any` by design; typing them is its own change.
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // `getStatus() === HttpStatus.X` compares a number with Nest's enum on purpose.
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
      // Async without await implements an async interface (guards, hooks, stop()).
      '@typescript-eslint/require-await': 'off',
      // Cosmetic only.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      'no-useless-assignment': 'off',
      // The input filters strip control characters: that is their job.
      'no-control-regex': 'off',
      // Our wrapping errors quote the cause's message, which is what the log needs.
      'preserve-caught-error': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Tests: jest's `expect(mock.method)`, ExcelJS cell values and callback rejections read fine there.
    files: ['test/**/*.ts', 'src/**/*.spec.ts'],
    rules: {
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
      '@typescript-eslint/prefer-promise-reject-errors': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // Plain JavaScript: the jest configs and reporter (CommonJS), this file, the two browser scripts.
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['*.js', 'test/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: NODE_GLOBALS },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  { files: ['src/**/assets/*.js'], languageOptions: { sourceType: 'script', globals: BROWSER_GLOBALS } },
  {
    files: ['src/**/*.ts'],
    rules: {
      // pdfmake and exceljs are loaded lazily with require(), on the first export that needs them.
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json', '.node'] })],
    },
    rules: { 'import-x/no-cycle': 'error', 'import-x/no-self-import': 'error' },
  },
  {
    files: ['src/**/*.ts'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones: LAYER_ZONES }] },
  },
);
