import js from '@eslint/js';
import jest from 'eslint-plugin-jest';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const appNames = ['gateway', 'ingestion', 'scoring', 'complaints', 'kpi', 'coaching'];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.run/**',
      'artifacts/**',
      'coverage/**',
      'libs/contracts/src/generated/**',
      'web/dist/**',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  // Apps never import other apps; libs never import apps (STYLE.md "The house").
  ...appNames.map((app) => ({
    files: [`apps/${app}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: appNames
            .filter((a) => a !== app)
            .map((a) => ({
              group: [`**/apps/${a}/**`, `**/${a}/src/**`],
              message:
                'Apps talk through Kafka events and libs/contracts, never by importing each other.',
            }))
            .concat({
              group: ['**/libs/*/src/**'],
              message:
                "Import the lib's package (@qa/<lib>); export what is needed from its index.",
            }),
        },
      ],
    },
  })),
  // Libs never import apps nor another lib's files; platform and messaging stand side by side,
  // and service-core, which composes them, sits above both.
  ...Object.entries({
    '**': [],
    'platform/**': ['@qa/messaging', '@qa/service-core'],
    'messaging/**': ['@qa/platform', '@qa/service-core'],
  }).map(([dir, paths]) => ({
    files: [`libs/${dir}/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: paths.map((name) => ({
            name,
            message: 'platform and messaging do not import each other; service-core composes them.',
          })),
          patterns: [
            { group: ['**/apps/**'], message: 'Libs never import apps.' },
            {
              group: ['../../*/src', '../../*/src/**', '**/libs/*/src/**'],
              message:
                "Import the lib's package (@qa/<lib>); export what is needed from its index.",
            },
          ],
        },
      ],
    },
  })),
  {
    // Pure libraries: no I/O, no framework.
    files: ['libs/qa-rules/src/**/*.ts', 'libs/business-calendar/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@nestjs/*',
                'typeorm',
                'kafkajs',
                'bullmq',
                'ioredis',
                'pg',
                'node:fs',
                'fs',
                '**/apps/**',
              ],
              message: 'The engine is pure: no Nest, no I/O.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', 'test/**/*.ts'],
    ...jest.configs['flat/recommended'],
    rules: {
      ...jest.configs['flat/recommended'].rules,
      'jest/no-focused-tests': 'error',
      'jest/no-disabled-tests': 'error',
      'jest/valid-expect': 'error',
      'jest/valid-title': ['error', { ignoreTypeOfDescribeName: true }],
      'jest/expect-expect': ['error', { assertFunctionNames: ['expect', 'request.**.expect'] }],
      'no-console': 'off',
    },
  },
  {
    files: ['scripts/**/*.ts', '**/tools/**/*.ts', 'test/bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // The dashboard and the scripts use a package's index, never the files behind it.
    files: ['web/src/**/*.{ts,tsx}', 'scripts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/libs/*/src/**', '**/apps/*/src/**'],
              message: "Import the package's index (libs/<lib>/src, apps/<app>/src).",
            },
          ],
        },
      ],
    },
  },
  prettier,
);
