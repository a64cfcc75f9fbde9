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
          sequence: { groupOrder: 0 },
          // The unit suite is pure code: no file can leave state for another, so files share
          // one module graph per worker instead of re-importing it (the suite's main cost).
          isolate: false,
          // No test here asserts a duration; the default 5 s is only a hang guard, and a
          // loaded 2-core machine (the fuzz and pathological-input cases, the parse pool)
          // can take longer than that.
          testTimeout: 30_000,
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
          // Real services share two cores; keep files from starving each other, and run
          // after the unit projects rather than beside them.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      // The fault suite (npm run test:faults) takes minutes of real outages, so it is a
      // project of its own that only runs when asked for; `npm test` leaves it out.
      ...(process.env['OFFHOURS_FAULTS'] === '1'
        ? [
            {
              test: {
                name: 'faults',
                include: ['test/faults/**/*.test.ts'],
                globalSetup: ['test/faults/support/faults-global-setup.ts'],
                environment: 'node',
                testTimeout: 15 * 60_000,
                hookTimeout: 120_000,
                // Two scenarios at a time: the long outages wait while the others run.
                maxWorkers: 2,
              },
            },
          ]
        : []),
    ],
  },
});
