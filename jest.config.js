/**
 * Unit specs sit beside the code; e2e specs boot the real app against PostgreSQL and Redis.
 *
 * Types are checked once, over src/ and test/, by `npm run typecheck` before Jest starts, so Jest
 * only strips them, file by file (`isolatedModules`): a full TypeScript program per worker cost
 * minutes of CPU on a cold cache. The two specs that read the OpenAPI document need the Swagger
 * compiler plugin, which needs that program: they have a project of their own.
 */
const transpileOnly = ['ts-jest', { tsconfig: 'tsconfig.jest.json', diagnostics: false }];
const withSwaggerPlugin = [
  'ts-jest',
  {
    tsconfig: 'tsconfig.check.json',
    // 151002 only warns about nodenext.
    diagnostics: { ignoreCodes: [151002], exclude: ['**'] },
    // The same Swagger plugin as `nest build`, so the OpenAPI document under test is the real one.
    astTransformers: {
      before: ['<rootDir>/test/support/swagger-transformer.js'],
    },
  },
];
const OPENAPI_SPECS = ['<rootDir>/test/e2e/openapi.e2e-spec.ts', '<rootDir>/test/e2e/fuzz.e2e-spec.ts'];

module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      rootDir: '.',
      // Unit specs, and the architecture checks over src/ (test/architecture).
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.spec.tsx', '<rootDir>/test/architecture/**/*.spec.ts'],
      transform: { '^.+\\.tsx?$': transpileOnly },
    },
    {
      // The e2e specs, run as suites of several specs per file (test/e2e/suites.ts says why).
      displayName: 'e2e',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: ['<rootDir>/test/e2e/suites/*.e2e-suite.ts'],
      transform: { '^.+\\.tsx?$': transpileOnly },
    },
    {
      // The specs that read the OpenAPI document (see the header).
      displayName: 'openapi',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: OPENAPI_SPECS,
      transform: { '^.+\\.tsx?$': withSwaggerPlugin },
    },
    {
      // Outages and process deaths: private PostgreSQL and Redis the tests stop and start, built processes.
      displayName: 'faults',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'],
      transform: { '^.+\\.tsx?$': transpileOnly },
    },
  ],
  // Three workers on our two cores: the e2e suites wait on PostgreSQL, Redis and Chromium often
  // enough that a third keeps both cores busy: 201 s against 221 s with two (four were slower).
  maxWorkers: 3,
  testSequencer: '<rootDir>/test/support/sequencer.js',
  // A worker that grew past this between files (each e2e file boots a whole app) is replaced, so
  // a long run keeps to a few GiB instead of growing to several per worker.
  workerIdleMemoryLimit: '1536MB',
  testTimeout: 120000,
};
