import type { DayOff } from '../schedule/client-schedule.js';
import type { OffhoursConfig } from './offhours-config.js';

/**
 * The config with each client's calendar-feed days off added to its schedule. Clients
 * without feeds keep their objects, so their compiled schedules stay cached; a client with
 * feeds gets a new schedule object, which compileSchedule compiles afresh.
 */
export function applyFeedDaysOff(
  config: OffhoursConfig,
  daysOffOf: (clientId: string) => readonly DayOff[],
): OffhoursConfig {
  const withFeeds = new Set(config.calendarFeeds.map((feed) => feed.clientId));
  if (withFeeds.size === 0) return config;
  return {
    ...config,
    clients: config.clients.map((client) =>
      withFeeds.has(client.id)
        ? {
            ...client,
            schedule: {
              ...client.schedule,
              daysOff: [...client.schedule.daysOff, ...daysOffOf(client.id)],
            },
          }
        : client,
    ),
  };
}
