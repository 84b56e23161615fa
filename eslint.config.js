import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'dist-typecheck/**', 'src/generated/**', 'node_modules/**', 'contracts/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Async code is where simulators lose jobs: keep these on (Prism turns them off; we do not).
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The core imports no resource (docs/decisions/0028): a resource module declares what the core
    // derives (collections, limits, scenario blocks, event families, organization fields…), and the
    // core reaches it only through those declarations (registry.ts, deps.ts and control/ may wire them).
    files: ['src/http/**/*.ts', 'src/store/**/*.ts', 'src/clock/**/*.ts', 'src/scenarios/**/*.ts', 'src/delivery/**/*.ts', 'src/events/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)(resources|registry(\\.js)?$)',
              message: 'The core (http, store, clock, scenarios, delivery, events) imports no resource: declare it in the module and derive it (docs/decisions/0028).',
            },
          ],
        },
      ],
    },
  },
  {
    // supertest bodies are `any` by design; tests assert their shape instead of typing them.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      globals: Object.fromEntries(
        ['process', 'console', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance', 'Buffer', 'URL', 'fetch', 'AbortSignal', 'AbortController'].map((g) => [g, 'readonly']),
      ),
    },
  },
  {
    // The inspector's page (ui/): plain modules that run in the browser, no build step.
    files: ['ui/**/*.js'],
    languageOptions: {
      globals: Object.fromEntries(
        ['document', 'location', 'sessionStorage', 'Blob', 'Node', 'TextDecoderStream', 'requestAnimationFrame'].map((g) => [g, 'readonly']),
      ),
    },
  },
);
