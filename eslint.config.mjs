// @ts-check
// Flat ESLint config for the whole workspace.
//
// Module boundaries are enforced by @nx/enforce-module-boundaries, which reads
// Nx's *cached* project graph (.nx/workspace-data/project-graph.json). Any nx
// command (e.g. `npm run lint`, `nx show projects`) refreshes that cache; a bare
// `eslint` run on a fresh clone, without any nx command first, prints
// "No cached ProjectGraph is available. The rule will be skipped." — use
// `npm run lint`, which always refreshes the graph.
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier/flat';

export default defineConfig(
  {
    name: 'canbo/ignores',
    ignores: ['**/dist/**', '**/node_modules/**', '**/.data/**', '**/coverage/**', '**/.nx/**', '**/tmp/**'],
  },

  // typescript-eslint "recommended" (syntactic only: no type information, so
  // no parserOptions.project and no tsc program per file — fast on 2 cores).
  tseslint.configs.recommended,

  {
    name: 'canbo/typescript',
    files: ['**/*.ts', '**/*.mts', '**/*.cts'],
    plugins: { '@nx': nx },
    rules: {
      // Nest idioms: `_`-prefixed parameters are deliberately unused
      // (interface-mandated signatures: canActivate(_ctx), catch(e, _host)...).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],

      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:domain', 'type:access', 'type:platform'],
            },
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:domain', 'type:access', 'type:platform'],
            },
            {
              sourceTag: 'type:access',
              onlyDependOnLibsWithTags: ['type:platform'],
            },
            {
              sourceTag: 'type:platform',
              onlyDependOnLibsWithTags: ['type:platform'],
            },
          ],
        },
      ],

      // Libraries are consumed only through their public entry point
      // (`@canbo/<lib>` → libs/<lib>/src/index.ts). Relative paths that cross
      // project folders are already caught by enforce-module-boundaries.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@canbo/*/*', '!@canbo/*/sql'],
              message:
                'Deep imports into a library are forbidden: import from "@canbo/<lib>" (its src/index.ts) and export what you need there.',
            },
          ],
        },
      ],
    },
  },

  // Type-aware rules where a forgotten `await` loses an error or a write: a floating promise in a
  // request or a job escapes the transaction and the error filter. Only on apps/ and libs/ (the type
  // program costs seconds; tests and tools are checked by their own runs).
  {
    name: 'canbo/promises',
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },

  // `@canbo/<lib>/sql`: SQL text that tools (benchmarks, the scale seed, tests) run as the app does.
  // The app's own code reaches a lib's tables only through its exported services.
  {
    name: 'canbo/tool-only-sql',
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@canbo/*/*'],
              message:
                'Deep imports into a library are forbidden: import from "@canbo/<lib>" (its src/index.ts); "@canbo/<lib>/sql" is for bench/, scripts/ and test/ only.',
            },
          ],
        },
      ],
    },
  },

  // CommonJS tooling files (jest.config.js, ...): require() is the module system there.
  {
    name: 'canbo/commonjs',
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
    },
  },

  // Must stay last: turns off stylistic rules that conflict with Prettier.
  prettier,
);
