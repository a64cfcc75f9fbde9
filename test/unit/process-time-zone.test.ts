import { describe, expect, it } from 'vitest';

// Guards the two unit projects: if the TZ setting stopped reaching the process, the
// "runs under two zones" promise would silently become one zone.
describe('the unit suite’s process time zone', () => {
  it('is the zone the project asked for', () => {
    expect(['UTC', 'Pacific/Auckland']).toContain(process.env['TZ']);
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(process.env['TZ']);
  });

  it('moves local wall time accordingly', () => {
    const offsetMinutes = new Date('2026-01-15T00:00:00Z').getTimezoneOffset();
    expect(offsetMinutes).toBe(process.env['TZ'] === 'UTC' ? 0 : -780);
  });
});
