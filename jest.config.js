// One jest run for the whole workspace: unit specs beside the code (no I/O) and
// integration tests under */test/ that use the real Kafka and FerretDB started
// by infra/scripts (see infra/scripts/test.mjs).
const fs = require('node:fs');
const path = require('node:path');

const swcOptions = JSON.parse(fs.readFileSync(path.join(__dirname, '.swcrc.json'), 'utf8'));
delete swcOptions.$schema;

// @steward/<name> and its exported subpaths (package.json `exports`) resolve to
// the sources, so specs need no build; a subpath the package does not export
// fails here as it would at run time.
const sourceOf = (name, target) => `<rootDir>/shared/${name}/${target.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts')}`;
const moduleNameMapper = Object.fromEntries(
  fs.readdirSync(path.join(__dirname, 'shared')).flatMap((name) => {
    const { exports } = JSON.parse(fs.readFileSync(path.join(__dirname, 'shared', name, 'package.json'), 'utf8'));
    return Object.entries(exports)
      .filter(([subpath]) => subpath !== './package.json')
      .map(([subpath, { default: target }]) => [
        `^@steward/${name}${subpath === '.' ? '' : subpath.slice(1)}$`,
        sourceOf(name, target),
      ]);
  }),
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
