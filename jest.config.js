/** Unit specs sit beside the code; e2e specs boot the real app against PostgreSQL and Redis. */
const tsJest = [
  'ts-jest',
  {
    tsconfig: 'tsconfig.check.json',
    // Types are checked once, over src/ and test/, by `npm run typecheck` before Jest starts, so
    // no file is checked again here; 151002 only warns about nodenext.
    diagnostics: { ignoreCodes: [151002], exclude: ['**'] },
    // The same Swagger plugin as `nest build`, so the OpenAPI document under test is the real one.
    astTransformers: {
      before: ['<rootDir>/test/support/swagger-transformer.js'],
    },
  },
];

module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      rootDir: '.',
      // Unit specs, and the architecture checks over src/ (test/architecture).
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.spec.tsx', '<rootDir>/test/architecture/**/*.spec.ts'],
      transform: { '^.+\\.tsx?$': tsJest },
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      transform: { '^.+\\.tsx?$': tsJest },
    },
    {
      // Outages and process deaths: private PostgreSQL and Redis the tests stop and start, built processes.
      displayName: 'faults',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'],
      transform: { '^.+\\.tsx?$': tsJest },
    },
  ],
  maxWorkers: 2,
  // A worker that grew past this between files (each e2e file boots a whole app) is replaced, so
  // a long run keeps to a few GiB instead of growing to several per worker.
  workerIdleMemoryLimit: '1536MB',
  testTimeout: 120000,
};
