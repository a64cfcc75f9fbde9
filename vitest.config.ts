import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      // The unit suite runs twice, under UTC and under a far-east zone with its own DST, so
      // no code can lean on the machine's time zone.
      ...(['UTC', 'Pacific/Auckland'] as const).map((timeZone) => ({
        test: {
          name: timeZone === 'UTC' ? 'unit' : 'unit-auckland',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          env: { TZ: timeZone },
        },
      })),
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Real services share two cores; keep files from starving each other.
          maxWorkers: 2,
        },
      },
    ],
  },
});
