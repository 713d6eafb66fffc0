// One jest run for the whole workspace: unit specs beside the code (no I/O) and
// integration tests under */test/ that use the real Kafka and FerretDB started
// by infra/scripts (see infra/scripts/test.mjs).
const fs = require('node:fs');
const path = require('node:path');

const swcOptions = JSON.parse(fs.readFileSync(path.join(__dirname, '.swcrc.json'), 'utf8'));
delete swcOptions.$schema;

const sharedPackages = fs.readdirSync(path.join(__dirname, 'shared'));
const moduleNameMapper = Object.fromEntries(
  sharedPackages.flatMap((name) => [
    [`^@steward/${name}$`, `<rootDir>/shared/${name}/src/index.ts`],
    // Deep imports of framework-free modules (a package index may pull in ESM-only NestJS, which jest cannot load).
    [`^@steward/${name}/dist/(.*)$`, `<rootDir>/shared/${name}/src/$1`],
  ]),
);

const common = {
  rootDir: __dirname,
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.local/'],
  // jose is ESM only: compile it like our sources (tests mint tokens with it)
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  transform: { '^.+\\.(ts|js)$': ['@swc/jest', swcOptions] },
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/**/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/**/test/**/*.test.ts'],
      globalSetup: '<rootDir>/shared/testing/src/global-setup.ts',
      setupFilesAfterEnv: ['<rootDir>/shared/testing/src/integration-setup.ts'],
    },
  ],
};
