// Type-aware linting for every workspace (npm run lint, part of npm test).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'bench/.build/**',
      'bench/results/**',
      'test-artifacts/**',
      'coverage/**',
      'data/**',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          // Every TypeScript file belongs to a tsconfig (the root tsconfig.json points the project
          // service at the test projects); only these stand-alone files get a default project.
          allowDefaultProject: ['vitest.config.ts', 'examples/hasura/test/*.ts', 'examples/react-hasura/test/*.ts'],
          defaultProject: 'tsconfig.base.json',
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Prettier wraps code at 140; this catches what it cannot wrap (long identifiers, comments).
      'max-len': ['error', { code: 140, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // An async function without await is how a Promise-returning contract is met, and it turns a throw into a rejection.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Plain JavaScript (bench, bin shim, this file) runs on Node and is not type-checked.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: globals.node },
  },
  {
    files: ['apps/console/**/*.{ts,tsx}', 'packages/react/**/*.{ts,tsx}', 'examples/react-hasura/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      // Callbacks in props and hook results are closures meant to be destructured: type them as
      // properties, so unbound-method knows they need no `this` (and their parameters are checked strictly).
      '@typescript-eslint/method-signature-style': ['error', 'property'],
    },
  },
  {
    files: ['**/*.test.{ts,tsx}', '**/test/**/*.{ts,tsx}'],
    rules: {
      // Tests pass methods to expect()/vi.spyOn() without calling them, which this rule reports
      // though nothing is invoked unbound; @vitest/eslint-plugin's variant needs TypeScript 6.
      '@typescript-eslint/unbound-method': 'off',
      // Tests read JSON response bodies untyped on purpose: they assert the wire format itself,
      // and a body of the wrong shape fails the expect() that reads it.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
