#!/usr/bin/env node
import { Command, InvalidArgumentError } from 'commander';
import { loadConfig } from '../config/load-config.js';
import type { OffhoursConfig } from '../config/offhours-config.js';
import { isOffhoursError } from '../errors/offhours-error.js';
import { createLogger } from '../observability/create-logger.js';
import { checkCommand } from './check-command.js';
import { explainCommand } from './explain-command.js';
import { runCommand } from './run-command.js';

const write = (text: string) => process.stdout.write(text);
const writeError = (text: string) => process.stderr.write(text);

function parseInstant(text: string): Date {
  const at = new Date(text);
  if (Number.isNaN(at.getTime()))
    throw new InvalidArgumentError('expected an ISO instant, e.g. 2026-11-27T15:00:00Z');
  return at;
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
  .action(async (options: { config: string; at?: Date }) => {
    await runCommand({
      configPath: options.config,
      ...(options.at === undefined ? {} : { at: options.at }),
      env: process.env,
      logger: createLogger({ level: process.env['LOG_LEVEL'] ?? 'info' }),
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
    const report = checkCommand(await loadOrExit(options.config, now), now);
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

await program.parseAsync(process.argv);
