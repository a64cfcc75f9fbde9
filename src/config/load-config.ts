import { basename, dirname, extname, relative, resolve } from 'node:path';
import { DateTime } from 'luxon';
import type * as z from 'zod';
import { OffhoursError } from '../errors/offhours-error.js';
import { normalizeAddress, normalizeDomain } from '../triage/normalize-address.js';
import type { ClientRules } from '../triage/triage-config.js';
import { buildClientRules } from './build-client-rules.js';
import { buildDaysOff } from './build-days-off.js';
import { buildOnCallRules } from './build-on-call-rules.js';
import { buildRecordSettings } from './build-record-settings.js';
import { buildServerSettings } from './build-server-settings.js';
import type { ConfigProblem } from './config-problem.js';
import { clientFileSchema, offhoursFileSchema, type ClientFile } from './config-schema.js';
import { locateProblem, type ConfigSource } from './config-source.js';
import { defaultClientSettings } from './default-client-settings.js';
import { describeZodIssues } from './describe-zod-issues.js';
import { formatConfigProblem, formatConfigProblems } from './format-config-problems.js';
import { listClientFiles } from './list-client-files.js';
import { mergeClientSettings } from './merge-client-settings.js';
import type { CalendarFeed, OffhoursConfig } from './offhours-config.js';
import { readConfigFile } from './read-config-file.js';
import { readConfigValue, showConfigValue } from './show-config-value.js';

// Client ids become part of queue job ids, which use ':' as a separator.
const clientIdPattern = /^[a-z0-9_-]+$/;

interface ParsedClient {
  readonly id: string;
  readonly source: ConfigSource;
  readonly client: ClientFile;
}

function parseSource<S extends z.ZodType>(
  schema: S,
  source: ConfigSource,
  problems: ConfigProblem[],
): z.output<S> | undefined {
  const result = schema.safeParse(source.data);
  if (result.success) return result.data;
  problems.push(...describeZodIssues(result.error.issues, source, schema));
  return undefined;
}

/** The clients folder as written, even when the rest of offhours.yaml is invalid. */
function readClientsFolder(data: unknown): string {
  const clients =
    data !== null && typeof data === 'object'
      ? (data as Record<string, unknown>)['clients']
      : undefined;
  return typeof clients === 'string' && clients !== '' ? clients : './clients';
}

function findDuplicateMatches(clients: readonly ParsedClient[]): ConfigProblem[] {
  const owners = new Map<string, string>();
  const problems: ConfigProblem[] = [];
  for (const { id, source, client } of clients) {
    for (const key of ['addresses', 'domains'] as const) {
      (client.match[key] ?? []).forEach((entry, index) => {
        const normalised = `${key}:${key === 'addresses' ? normalizeAddress(entry) : normalizeDomain(entry)}`;
        const owner = owners.get(normalised);
        const path = ['match', key, index];
        if (owner === undefined) {
          owners.set(normalised, id);
        } else if (owner !== id) {
          const shown = showConfigValue(source, path);
          problems.push(
            locateProblem(source, path, `${shown} is also matched by client '${owner}'`),
          );
        }
      });
    }
  }
  return problems;
}

/** Checked on the raw value, so a typo here shows even when offhours.yaml has other problems. */
function checkUnknownSenders(
  main: ConfigSource,
  clientFiles: ReadonlyMap<string, string>,
): ConfigProblem[] {
  const value = readConfigValue(main, ['unknownSenders']);
  if (typeof value !== 'string' || value === 'ignore' || clientFiles.has(value)) return [];
  const ids = [...clientFiles.keys()].join(', ');
  const shown = showConfigValue(main, ['unknownSenders']);
  return [
    locateProblem(
      main,
      ['unknownSenders'],
      `${shown} is not a client: use ignore or a client id (${ids === '' ? 'none found' : ids})`,
    ),
  ];
}

function sortProblems(problems: readonly ConfigProblem[], mainFile: string): ConfigProblem[] {
  const unique = new Map(problems.map((problem) => [formatConfigProblem(problem), problem]));
  return [...unique.values()].sort(
    (a, b) =>
      Number(a.file !== mainFile) - Number(b.file !== mainFile) ||
      a.file.localeCompare(b.file) ||
      a.line - b.line,
  );
}

/**
 * Loads offhours.yaml and every client file in its clients folder, substitutes ${VAR}s from
 * `options.env`, validates everything and normalises it for the rest of offhours. ICS days off
 * are expanded from a day before `options.now` to two years after it.
 *
 * Every problem in every file is collected first, then thrown as one OffhoursError
 * (CONFIG_INVALID, or CONFIG_ENV_MISSING when only ${VAR}s are unset) with `details.problems`.
 * A file or folder that cannot be read throws CONFIG_UNREADABLE at once.
 */
export async function loadConfig(
  path: string,
  options: { env: Readonly<Record<string, string | undefined>>; now: Date },
): Promise<OffhoursConfig> {
  const sourcePath = resolve(path);
  const configDir = dirname(sourcePath);
  const show = (absolutePath: string): string => relative(configDir, absolutePath) || absolutePath;
  const problems: ConfigProblem[] = [];
  const files = new Set<string>([sourcePath]);

  const main = await readConfigFile(sourcePath, show(sourcePath), options.env);
  problems.push(...main.problems);
  const global = main.source && parseSource(offhoursFileSchema, main.source, problems);

  const clientsFolder = resolve(configDir, readClientsFolder(main.source?.data));
  const listed = await listClientFiles(clientsFolder, show(clientsFolder));
  const clientPaths = listed.paths;
  problems.push(...listed.problems);
  if (clientPaths.length === 0 && listed.problems.length === 0 && main.source !== undefined) {
    problems.push(
      locateProblem(
        main.source,
        ['clients'],
        `the folder ${show(clientsFolder)} has no client files (*.yaml)`,
      ),
    );
  }

  const clientFiles = new Map<string, string>();
  const clients: ParsedClient[] = [];
  for (const clientPath of clientPaths) {
    files.add(clientPath);
    const file = show(clientPath);
    const id = basename(clientPath, extname(clientPath));
    const sameId = clientFiles.get(id);
    if (!clientIdPattern.test(id)) {
      problems.push({
        file,
        line: 1,
        keyPath: '',
        message: `the file name makes the client id '${id}': rename the file using only a-z, 0-9, - and _`,
      });
    } else if (sameId !== undefined) {
      problems.push({
        file,
        line: 1,
        keyPath: '',
        message: `client id '${id}' is already used by ${sameId}`,
      });
    } else {
      clientFiles.set(id, file);
    }
    const read = await readConfigFile(clientPath, file, options.env);
    problems.push(...read.problems);
    if (read.source === undefined) continue;
    const client = parseSource(clientFileSchema, read.source, problems);
    if (client !== undefined) clients.push({ id, source: read.source, client });
  }
  problems.push(...findDuplicateMatches(clients));
  if (main.source !== undefined) problems.push(...checkUnknownSenders(main.source, clientFiles));

  const clientRules: ClientRules[] = [];
  const calendarFeeds: CalendarFeed[] = [];
  if (global !== undefined && main.source !== undefined) {
    const window = {
      from: DateTime.fromJSDate(options.now).minus({ days: 1 }).toJSDate(),
      to: DateTime.fromJSDate(options.now).plus({ years: 2 }).toJSDate(),
    };
    for (const { id, source, client } of clients) {
      const settings = mergeClientSettings([defaultClientSettings, global.defaults, client]);
      if (settings.hours === undefined) {
        problems.push({
          file: source.file,
          line: 1,
          keyPath: 'hours',
          message: 'is missing: give working hours here or in defaults.hours of offhours.yaml',
        });
        continue;
      }
      const fromClient = client.daysOff !== undefined;
      const timeZone = settings.timezone ?? global.assistant.timezone;
      const built = await buildDaysOff(settings.daysOff ?? [], {
        source: fromClient ? source : main.source,
        path: fromClient ? ['daysOff'] : ['defaults', 'daysOff'],
        window,
        timeZone,
      });
      problems.push(...built.problems);
      built.files.forEach((file) => files.add(file));
      for (const feed of built.feeds) calendarFeeds.push({ clientId: id, timeZone, ...feed });
      clientRules.push(
        buildClientRules({
          id,
          file: source.file,
          client,
          settings,
          hours: settings.hours,
          timeZone,
          daysOff: built.daysOff,
        }),
      );
    }
  }

  if (problems.length > 0 || global === undefined) {
    const sorted = sortProblems(problems, show(sourcePath));
    const onlyEnv = sorted.every((problem) => problem.variable !== undefined);
    throw new OffhoursError(
      onlyEnv ? 'CONFIG_ENV_MISSING' : 'CONFIG_INVALID',
      formatConfigProblems(sorted),
      {
        details: { problems: sorted },
      },
    );
  }

  return {
    sourcePath,
    configDir,
    assistant: {
      name: global.assistant.name,
      addresses: global.assistant.addresses.map(normalizeAddress),
      timeZone: global.assistant.timezone,
      authservIds: (global.assistant.authservIds ?? []).map((id) => id.toLowerCase()),
    },
    onCall: buildOnCallRules(global.onCall, global.assistant.timezone),
    unknownSenders: global.unknownSenders,
    clients: clientRules,
    ...buildServerSettings(global, configDir),
    ...buildRecordSettings(global),
    calendarFeeds,
    files: [...files],
  };
}
