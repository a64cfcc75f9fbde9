import { dirname, resolve } from 'node:path';
import { isOffhoursError } from '../errors/offhours-error.js';
import type { DayOff } from '../schedule/client-schedule.js';
import { buildCheckIns } from './build-check-ins.js';
import type { ConfigProblem } from './config-problem.js';
import type { DayOffEntry } from './config-schema.js';
import { isFeedUrl } from './check-feed-url.js';
import { isSecretPath, locateProblem, type ConfigSource } from './config-source.js';
import { parseDuration } from './parse-duration.js';
import { parseDateRange } from './parse-date-range.js';
import { readIcsDaysOff } from './read-ics-days-off.js';

export interface BuiltDaysOff {
  readonly daysOff: DayOff[];
  readonly problems: ConfigProblem[];
  /** ICS files the entries name, for the reload watcher (also when missing, so creating one reloads). */
  readonly files: string[];
  /** Calendar feeds (`ics: https://…`): fetched by the daemon, not here. */
  readonly feeds: { readonly url: string; readonly refreshEverySeconds: number }[];
}

const defaultRefreshSeconds = 15 * 60;

/**
 * `daysOff` entries as written in `source` at `path` as DayOff values, in order, with ICS
 * calendar files (relative to the YAML file) expanded over `window`; calendar feeds are
 * listed for the daemon, which fetches them (CalendarFeeds). A calendar that cannot be
 * used becomes a problem at its `ics` line, so every other problem is still reported.
 */
export async function buildDaysOff(
  entries: readonly DayOffEntry[],
  context: {
    source: ConfigSource;
    path: readonly PropertyKey[];
    window: { from: Date; to: Date };
    /** The client's zone: floating calendar times are read in it. */
    timeZone: string;
  },
): Promise<BuiltDaysOff> {
  const daysOff: DayOff[] = [];
  const problems: ConfigProblem[] = [];
  const files: string[] = [];
  const feeds: BuiltDaysOff['feeds'] = [];
  for (const [index, entry] of entries.entries()) {
    if (typeof entry === 'string') {
      const range = parseDateRange(entry);
      if (range !== null) daysOff.push({ kind: 'dates', ...range, checkIns: [] });
      continue;
    }
    const checkIns = buildCheckIns(entry.checkIns ?? []);
    const range = entry.date === undefined ? null : parseDateRange(entry.date);
    if (range !== null) daysOff.push({ kind: 'dates', ...range, checkIns });
    if (entry.yearly !== undefined)
      daysOff.push({ kind: 'yearly', monthDay: entry.yearly, checkIns });
    if (entry.ics === undefined) continue;
    if (isFeedUrl(entry.ics)) {
      const refreshEverySeconds =
        entry.refreshEvery === undefined
          ? defaultRefreshSeconds
          : parseDuration(entry.refreshEvery);
      feeds.push({
        url: entry.ics.trim(),
        refreshEverySeconds: refreshEverySeconds ?? defaultRefreshSeconds,
      });
      continue;
    }
    const icsPath = [...context.path, index, 'ics'];
    const calendarPath = resolve(dirname(context.source.absolutePath), entry.ics);
    files.push(calendarPath);
    try {
      daysOff.push(...(await readIcsDaysOff(calendarPath, context.window, context.timeZone)));
    } catch (error) {
      if (!isOffhoursError(error) || error.code !== 'CALENDAR_INVALID') throw error;
      const name = isSecretPath(context.source, icsPath)
        ? 'the calendar'
        : `calendar '${entry.ics}'`;
      problems.push(locateProblem(context.source, icsPath, `${name}: ${error.message}`));
    }
  }
  return { daysOff, problems, files, feeds };
}
