/** Unit specs sit beside the code; e2e specs boot the real app against PostgreSQL and Redis. */
const tsJest = [
  'ts-jest',
  {
    tsconfig: 'tsconfig.check.json',
    // Types are checked once by `npm run typecheck`; 151002 only warns about nodenext here.
    diagnostics: { ignoreCodes: [151002] },
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
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/architecture/**/*.spec.ts'],
      transform: { '^.+\\.ts$': tsJest },
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      transform: { '^.+\\.ts$': tsJest },
    },
  ],
  maxWorkers: 2,
  testTimeout: 120000,
};
