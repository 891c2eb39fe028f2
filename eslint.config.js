// Type-aware linting for every workspace (npm run lint, part of npm test).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', 'bench/.build/**', 'test-artifacts/**', 'coverage/**', 'data/**', '**/*.d.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          // Test files and configs outside every tsconfig's include are checked with defaults.
          allowDefaultProject: [
            '*.js',
            '*.mjs',
            'bench/*.mjs',
            'bench/lib/*.mjs',
            'packages/*/bin/*.js',
            'packages/*/test/*.ts',
            'packages/*/test/*.tsx',
            'packages/*/src/*.test.ts',
            'packages/*/src/*.test.tsx',
            'apps/*/vite.config.ts',
            'examples/*/vite.config.ts',
            'examples/*/test/*.ts',
          ],
          maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 100,
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      'max-len': ['error', { code: 140, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Plain JavaScript (bench, bin shims) is not type-checked.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
