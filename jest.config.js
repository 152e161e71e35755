/** Unit tests (*.spec.ts, no I/O) and integration tests (*.int-spec.ts, real Kafka/Postgres/Redis). */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      // As moduleNameMapper, for what Jest loads outside a test (globalSetup).
      baseUrl: __dirname,
      paths: { '@qa/*': ['libs/*/src'] },
    },
  },
];
const moduleNameMapper = { '^@qa/([a-z-]+)$': '<rootDir>/libs/$1/src' };
const common = {
  rootDir: __dirname,
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper,
  testEnvironment: 'node',
  modulePathIgnorePatterns: ['<rootDir>/dist'],
  setupFiles: ['reflect-metadata'],
};
module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts'],
      setupFiles: ['reflect-metadata', '<rootDir>/libs/testing/src/unit-setup.ts'],
    },
    {
      ...common,
      displayName: 'int',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.int-spec.ts'],
      setupFiles: ['reflect-metadata', '<rootDir>/libs/testing/src/int-setup.ts'],
      globalSetup: '<rootDir>/libs/testing/src/int-global-setup.ts',
    },
  ],
};
