#!/usr/bin/env -S node --max-semi-space-size=2 --max-old-space-size=192
import { Command, InvalidArgumentError } from 'commander';
import { loadConfig } from '../config/load-config.js';
import type { OffhoursConfig } from '../config/offhours-config.js';
import { isOffhoursError } from '../errors/offhours-error.js';
import { createLogger } from '../observability/create-logger.js';
import { isPrettyLogWanted } from '../observability/is-pretty-log-wanted.js';
import { readCalendarFeedsOnce } from '../calendar/read-calendar-feeds-once.js';
import { parseDuration } from '../config/parse-duration.js';
import { checkCommand } from './check-command.js';
import { explainCommand } from './explain-command.js';

// run, demo, status and log load the daemon, BullMQ and the services: imported when used, so
// `check` and `explain` start fast.

const write = (text: string) => process.stdout.write(text);
const writeError = (text: string) => process.stderr.write(text);

function parseInstant(text: string): Date {
  const at = new Date(text);
  if (Number.isNaN(at.getTime()))
    throw new InvalidArgumentError('expected an ISO instant, e.g. 2026-11-27T15:00:00Z');
  return at;
}

/** `--since`: a duration back from now (2d, 12h, 30m) or an ISO instant. */
type Since = { readonly seconds: number } | { readonly at: Date };

function parseSince(text: string): Since {
  const seconds = parseDuration(text);
  if (seconds !== null) return { seconds };
  const at = new Date(text);
  if (/^\d{4}-\d{2}-\d{2}/.test(text.trim()) && !Number.isNaN(at.getTime())) return { at };
  throw new InvalidArgumentError(
    'expected a duration back from now (30m, 12h, 2d, 1w) or an ISO instant, e.g. 2026-11-27T09:00:00Z',
  );
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new InvalidArgumentError('expected a port number, 0 to 65535');
  return port;
}

async function readStandardInput(): Promise<string> {
  if (process.stdin.isTTY) writeError('Paste the refresh token, then press Enter and Ctrl-D:\n');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Loads the config or prints every problem and exits 1: nothing is decided on a bad config. */
async function loadOrExit(path: string, now: Date): Promise<OffhoursConfig> {
  try {
    return await loadConfig(path, { env: process.env, now });
  } catch (error) {
    const code = isOffhoursError(error) ? error.code : 'CONFIG_UNREADABLE';
    writeError(`${code}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}

const program = new Command()
  .name('offhours')
  .description(
    'Email triage and auto-replies that keep a virtual assistant’s hours, days off and emergencies.',
  )
  .showHelpAfterError();

program
  .command('run')
  .description('watch the mailbox and triage every new message (the daemon)')
  .requiredOption('-c, --config <file>', 'the global config file, e.g. config/offhours.yaml')
  .option(
    '--at <instant>',
    'pretend the clock starts at this moment (ISO), for demos and tests',
    parseInstant,
  )
  .option('--workers-only', 'run queue workers without watching the mailbox (extra workers)')
  .action(async (options: { config: string; at?: Date; workersOnly?: boolean }) => {
    const { runCommand } = await import('./run-command.js');
    await runCommand({
      watch: options.workersOnly !== true,
      configPath: options.config,
      ...(options.at === undefined ? {} : { at: options.at }),
      env: process.env,
      logger: createLogger({
        level: process.env['LOG_LEVEL'] ?? 'info',
        pretty: isPrettyLogWanted(process.stdout.isTTY === true, process.env['LOG_FORMAT']),
      }),
      writeSummary: writeError,
    });
  });

program
  .command('check')
  .description('validate the config and show each client’s hours, next check-in and who is on call')
  .requiredOption('-c, --config <file>', 'the global config file')
  .option('--at <instant>', 'pretend it is this moment (ISO)', parseInstant)
  .action(async (options: { config: string; at?: Date }) => {
    const now = options.at ?? new Date();
    const { config, feeds } = await readCalendarFeedsOnce(
      await loadOrExit(options.config, now),
      now,
    );
    const report = checkCommand(config, now, feeds);
    write(report.text);
    process.exitCode = report.ok ? 0 : 1;
  });

program
  .command('explain')
  .description('decide .eml files as the daemon would, and say why')
  .requiredOption('-c, --config <file>', 'the global config file')
  .option('--at <instant>', 'decide as of this moment (ISO); default now', parseInstant)
  .option('--json', 'one JSON object per line per file, in argument order')
  .argument('<files...>', 'message files (.eml)')
  .action(async (files: string[], options: { config: string; at?: Date; json?: boolean }) => {
    const at = options.at ?? new Date();
    const config = await loadOrExit(options.config, at);
    process.exitCode = await explainCommand(files, config, {
      at,
      json: options.json === true,
      write,
    });
  });

program
  .command('demo')
  .description(
    'start throwaway local services, deliver a morning of client mail and show offhours at work',
  )
  .option(
    '--at <instant>',
    'pretend it is this moment (ISO); default: the latest weekday, 09:30 in London',
    parseInstant,
  )
  .option('--oauth2', 'the mailbox logs in with OAuth2 tokens of a local authorization server')
  .action(async (options: { at?: Date; oauth2?: boolean }) => {
    const { demoCommand } = await import('./demo-command.js');
    process.exitCode = await demoCommand({
      ...(options.at === undefined ? {} : { at: options.at }),
      oauth2: options.oauth2 === true,
      write,
    });
  });

program
  .command('status')
  .description('show what is held and until when, what is queued, and who is on call now')
  .requiredOption('-c, --config <file>', 'the global config file')
  .option('--at <instant>', 'describe times as of this moment (ISO); default now', parseInstant)
  .option('--json', 'one JSON object, for scripts and monitoring')
  .action(async (options: { config: string; at?: Date; json?: boolean }) => {
    const now = options.at ?? new Date();
    const { statusCommand } = await import('./status-command.js');
    process.exitCode = await statusCommand(await loadOrExit(options.config, now), {
      now,
      json: options.json === true,
      write,
      writeError,
    });
  });

program
  .command('log')
  .description('show what offhours decided and did: one line per message, oldest first')
  .requiredOption('-c, --config <file>', 'the global config file')
  .option('--client <id>', 'only this client’s messages')
  .option(
    '--since <when>',
    'a duration back from now (30m, 12h, 2d, 1w) or an ISO instant; default 1d',
    parseSince,
  )
  .option('--at <instant>', 'count --since back from this moment (ISO); default now', parseInstant)
  .option('--json', 'one JSON object per record (a message has one per step), for scripts')
  .action(
    async (options: {
      config: string;
      client?: string;
      since?: Since;
      at?: Date;
      json?: boolean;
    }) => {
      const now = options.at ?? new Date();
      const since = options.since ?? { seconds: 86_400 };
      const { logCommand } = await import('./log-command.js');
      process.exitCode = await logCommand(await loadOrExit(options.config, now), {
        since: 'at' in since ? since.at : new Date(now.getTime() - since.seconds * 1000),
        ...(options.client === undefined ? {} : { clientId: options.client }),
        json: options.json === true,
        write,
        writeError,
      });
    },
  );

program
  .command('announce')
  .description('show the days-off announcements that are due, to whom and what they say')
  .requiredOption('-c, --config <file>', 'the global config file')
  .option('--dry-run', 'show what would be sent and to whom; send nothing (required)')
  .option('--at <instant>', 'as of this moment (ISO); default now', parseInstant)
  .action(async (options: { config: string; dryRun?: boolean; at?: Date }) => {
    const { announceCommand, refuseToAnnounce } = await import('./announce-command.js');
    if (options.dryRun !== true) {
      process.exitCode = refuseToAnnounce(writeError);
      return;
    }
    const now = options.at ?? new Date();
    const { config } = await readCalendarFeedsOnce(await loadOrExit(options.config, now), now);
    process.exitCode = await announceCommand(config, { now, write, writeError });
  });

const auth = program
  .command('auth')
  .description('sign in OAuth2 mailboxes (Google, Microsoft, others) and show their tokens’ state');

auth
  .command('login')
  .description('sign in every OAuth2 account of the config, check IMAP and SMTP, save the tokens')
  .requiredOption('-c, --config <file>', 'the global config file')
  .option(
    '--port <port>',
    'port on 127.0.0.1 for a browser login’s redirect (fixed, for an SSH port-forward); default any free one',
    parsePort,
    0,
  )
  .action(async (options: { config: string; port: number }) => {
    const { authLoginCommand } = await import('./auth-login-command.js');
    process.exitCode = await authLoginCommand(await loadOrExit(options.config, new Date()), {
      port: options.port,
      env: process.env,
      write,
      writeError,
    });
  });

auth
  .command('import')
  .description('save a refresh token read from standard input (from oama, pizauth, getmail...)')
  .requiredOption('-c, --config <file>', 'the global config file')
  .option('--smtp', 'for the SMTP account, when smtp.auth has a provider of its own')
  .action(async (options: { config: string; smtp?: boolean }) => {
    const { authImportCommand } = await import('./auth-import-command.js');
    process.exitCode = await authImportCommand(await loadOrExit(options.config, new Date()), {
      smtp: options.smtp === true,
      env: process.env,
      write,
      writeError,
      readInput: readStandardInput,
    });
  });

auth
  .command('status')
  .description('show each OAuth2 account: state, scopes, expiry, last refresh, last error')
  .requiredOption('-c, --config <file>', 'the global config file')
  .option('--json', 'one JSON array, for scripts and monitoring')
  .action(async (options: { config: string; json?: boolean }) => {
    const now = new Date();
    const { authStatusCommand } = await import('./auth-status-command.js');
    process.exitCode = await authStatusCommand(await loadOrExit(options.config, now), {
      json: options.json === true,
      now,
      write,
      writeError,
    });
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // A person reads this: the code and the message, not a stack trace (unless it is a bug).
  if (isOffhoursError(error) && error.code !== 'INTERNAL') {
    writeError(`${error.code}: ${error.message}\n`);
  } else {
    writeError(
      `INTERNAL: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exitCode = 1;
}
