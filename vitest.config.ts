import { defineConfig } from 'vitest/config';

// One runner for every workspace. Workspaces resolve each other's source through the
// `dev-source` export condition, so tests never run against stale build output.
export default defineConfig({
  resolve: { conditions: ['dev-source'] },
  ssr: { resolve: { conditions: ['dev-source'] } },
  test: {
    include: [
      'packages/*/src/**/*.test.{ts,tsx}',
      'packages/*/test/**/*.test.{ts,tsx}',
      'apps/*/src/**/*.test.{ts,tsx}',
      'apps/*/test/**/*.test.{ts,tsx}',
      'examples/*/test/**/*.test.{ts,tsx}',
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The JSON report lets CI print a plain "N passed, N failed" line.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-artifacts/vitest-results.json' },
    // The SDK's public types are tested too (expectTypeOf in *.test-d.ts).
    typecheck: { enabled: true, include: ['packages/client/test/**/*.test-d.ts'], tsconfig: 'packages/client/test/tsconfig.types.json' },
  },
});
