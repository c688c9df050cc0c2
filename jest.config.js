const { pathsToModuleNameMapper } = (() => {
  // Maps the tsconfig path aliases (@canbo/*) for Jest, so tests import libs exactly as the apps do.
  const { compilerOptions } = require('./tsconfig.base.json');
  const moduleNameMapper = {};
  for (const [alias, [target]] of Object.entries(compilerOptions.paths)) moduleNameMapper[`^${alias}$`] = `<rootDir>/${target}`;
  return { pathsToModuleNameMapper: () => moduleNameMapper };
})();

const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  // Aliases are also rewritten at compile time, for the global setup, which runs outside Jest's resolver.
  transform: {
    '^.+\\.(t|j|mj)s$': ['@swc/jest', { jsc: { baseUrl: __dirname, paths: require('./tsconfig.base.json').compilerOptions.paths } }],
  },
  // NestJS 12 and many of its dependencies ship as ES modules while Jest runs CommonJS, so packages are
  // transpiled too, except the large CommonJS ones that never need it (SWC is fast and Jest caches the rest).
  transformIgnorePatterns: [
    '/node_modules/(typeorm|pg|pg-[a-z-]+|ioredis|bullmq|@casl|@ucast|class-validator|libphonenumber-js|argon2|lodash|rxjs|pino|pino-[a-z-]+|fastify|@fastify/ajv-compiler|ajv|swagger-ui-dist|axe-core|@axe-core|playwright-core|exceljs)/',
  ],
  moduleNameMapper: pathsToModuleNameMapper(),
};

/**
 * Two tiers, chosen with `--selectProjects <displayName>` (Nx runs them as the `test` target of each
 * app and lib, and as `e2e:e2e`):
 * - `unit`: `*.spec.ts` beside the code in apps/ and libs/. No app, no schema, no Redis; a few specs
 *   check generated SQL on a bare PostgreSQL (any database at DATABASE_URL; they create nothing).
 * - `e2e`: the database-backed tier, `test/*.e2e-spec.ts`. It needs PostgreSQL and Redis running
 *   (`npm run services`): the global setup migrates a template database (up, down, up) and loads the
 *   demo data, each suite boots the apps on its own copy, and some suites run dist/ (built first).
 */
module.exports = {
  // Per project it is ignored; the end-to-end suites boot apps and databases, so all tests get a minute.
  testTimeout: 60_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'] },
    {
      ...common,
      // The database-backed tier: PostgreSQL + Redis (the name stays short, as the documented commands select it).
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
