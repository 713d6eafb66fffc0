// The ESLint rule `steward/boundaries`: who may import what in this workspace.
//
// - shared packages only through their package.json `exports` (`@steward/auth`,
//   `@steward/auth/jwt`, …): no `@steward/<name>/dist/…`, no subpath the package
//   does not export, no relative path into another package's src/ or dist/;
// - an app (a service or the gateway) is no library: nobody imports
//   `@steward/<app>`, and a service's code never reaches into another app;
// - domain rules (`**/domain/**`, `*-rules.ts`) stay plain TypeScript: no
//   NestJS, Apollo, Express, mongoose, MongoDB, Kafka or service kit;
// - the framework-free core of the service kit (the modules its src/core.ts
//   re-exports) imports neither a framework nor the kit's NestJS modules.
//
// Relative specifiers are resolved against the importing file, so a folder that
// happens to share a service's name is not mistaken for it.
const fs = require('node:fs');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '../../..');
const SHARED = fs.readdirSync(path.join(repoRoot, 'shared'));
const APPS = [...fs.readdirSync(path.join(repoRoot, 'services')), 'gateway'];

/** Every specifier a shared package exports, e.g. `@steward/service-kit/core`. */
const EXPORTED = new Set(
  SHARED.flatMap((name) => {
    const { exports = {} } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'shared', name, 'package.json'), 'utf8'));
    return Object.keys(exports).map((subpath) => `@steward/${name}${subpath === '.' ? '' : subpath.slice(1)}`);
  }),
);

const FRAMEWORK = /^(@nestjs\/|@apollo\/|express$|mongoose$|mongodb$|kafkajs$|@steward\/service-kit(\/|$))/;
const CORE_FRAMEWORK = /^(@nestjs\/|@apollo\/|express$|graphql$)/;

const serviceKitSrc = path.join(repoRoot, 'shared/service-kit/src');
/** The files src/core.ts re-exports (read once per lint run). */
const CORE_FILES = new Set(
  [...fs.readFileSync(path.join(serviceKitSrc, 'core.ts'), 'utf8').matchAll(/export \* from '\.\/([^']+)'/g)].map((match) =>
    path.join(serviceKitSrc, `${match[1]}.ts`),
  ),
);

/** Which part of the workspace a path lies in: `{ kind: 'shared' | 'service' | 'gateway' | 'other', name }`. */
function areaOf(file) {
  const [top, name] = path.relative(repoRoot, file).split(path.sep);
  if (top === 'shared' && name) return { kind: 'shared', name };
  if (top === 'services' && name) return { kind: 'service', name };
  if (top === 'gateway') return { kind: 'gateway', name: 'gateway' };
  return { kind: 'other', name: top };
}

const isDomainFile = (file) => /(^|[\\/])domain[\\/]/.test(path.relative(repoRoot, file)) || /-rules\.[cm]?[jt]s$/.test(file);
const isTestFile = (file) => /[\\/]test[\\/]/.test(path.relative(repoRoot, file));

/** @type {import('eslint').Rule.RuleModule} */
const boundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Package, app and domain boundaries of the Village Steward workspace' },
    schema: [],
    messages: {
      distImport: "'{{specifier}}' reaches into a build output: import the package or a subpath it exports (see its package.json \"exports\").",
      notExported: "'{{specifier}}' is not an export of its package (see its package.json \"exports\").",
      appImport: "'{{specifier}}' is an app, not a library: move what both need to a shared package.",
      relativeShared: "'{{specifier}}' reaches into shared/{{name}} by path: import it as @steward/{{name}} (or an exported subpath).",
      crossApp: "'{{specifier}}' reaches into {{name}}: an app may not import another app's code; move what both need to a shared package.",
      frameworkInDomain: "'{{specifier}}' in a domain file: domain rules are plain TypeScript (no framework, database or Kafka imports).",
      frameworkInCore: "'{{specifier}}' in the framework-free core of the service kit (src/core.ts): keep framework code in the kit's NestJS modules.",
      nonCoreInCore: "'{{specifier}}' is not part of the service kit's core (src/core.ts): the core may import only core modules.",
    },
  },
  create(context) {
    const file = context.filename;
    const from = areaOf(file);
    const domain = isDomainFile(file);
    const core = CORE_FILES.has(file);
    // gateway/test holds end-to-end tests across every app; they may reuse a service's test helpers
    const appBounded = from.kind === 'service' || (from.kind === 'gateway' && !isTestFile(file));

    const check = (node, specifier) => {
      if (typeof specifier !== 'string') return;
      const report = (messageId, name) => context.report({ node, messageId, data: { specifier, name } });
      if (domain && FRAMEWORK.test(specifier)) report('frameworkInDomain');
      if (core && CORE_FRAMEWORK.test(specifier)) report('frameworkInCore');

      if (specifier.startsWith('@steward/')) {
        const name = specifier.split('/')[1];
        if (APPS.includes(name)) report('appImport');
        else if (/^@steward\/[^/]+\/dist(\/|$)/.test(specifier)) report('distImport');
        else if (!EXPORTED.has(specifier)) report('notExported');
        return;
      }
      if (!specifier.startsWith('.')) return;
      const target = path.resolve(path.dirname(file), specifier);
      const to = areaOf(target);
      if (to.kind === 'shared' && !(from.kind === 'shared' && from.name === to.name)) report('relativeShared', to.name);
      const toApp = to.kind === 'service' || to.kind === 'gateway';
      if (appBounded && toApp && to.name !== from.name) report('crossApp', to.kind === 'service' ? `services/${to.name}` : 'gateway');
      if (core && !CORE_FILES.has(`${target}.ts`) && !CORE_FILES.has(target)) report('nonCoreInCore');
    };

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      TSImportEqualsDeclaration: (node) =>
        node.moduleReference.type === 'TSExternalModuleReference' && check(node.moduleReference, node.moduleReference.expression.value),
      CallExpression: (node) => {
        const [argument] = node.arguments;
        const isRequire =
          (node.callee.type === 'Identifier' && node.callee.name === 'require') ||
          // createRequire(…)('…') and require.resolve('…')
          (node.callee.type === 'CallExpression' && node.callee.callee.type === 'Identifier' && node.callee.callee.name === 'createRequire') ||
          (node.callee.type === 'MemberExpression' && node.callee.object.type === 'Identifier' && node.callee.object.name === 'require');
        if (isRequire && argument?.type === 'Literal') check(argument, argument.value);
      },
    };
  },
};

module.exports = { meta: { name: 'steward' }, rules: { boundaries } };
