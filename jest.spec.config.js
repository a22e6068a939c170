/**
 * `npm run test:spec -- <path>…`: the given spec files, each on its own as Jest usually runs
 * files, where the full run (jest.config.js) groups the e2e specs into suites.
 */
const base = require('./jest.config');

const openapi = base.projects.find((project) => project.displayName === 'openapi');

module.exports = {
  ...base,
  projects: base.projects.map((project) =>
    project.displayName === 'e2e'
      ? {
          ...project,
          testMatch: ['<rootDir>/test/e2e/*.e2e-spec.ts'],
          testPathIgnorePatterns: ['/node_modules/', ...openapi.testMatch.map((spec) => spec.replace('<rootDir>', ''))],
        }
      : project,
  ),
};
