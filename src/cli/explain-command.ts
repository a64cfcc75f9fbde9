import { readFile } from 'node:fs/promises';
import { DateTime } from 'luxon';
import { basename } from 'node:path';
import type { OffhoursConfig } from '../config/offhours-config.js';
import { parseMessage } from '../mail/parse-message.js';
import { formatWallTime } from '../schedule/format-wall-time.js';
import type { OnCallBackup } from '../schedule/client-schedule.js';
import { decide, type Decision } from '../triage/decide.js';
import type { MessageFacts } from '../triage/message-facts.js';
import { summarizeDecision } from '../triage/summarize-decision.js';
import { reasonCodes } from '../triage/reason-codes.js';

export interface ExplainResult {
  readonly file: string;
  readonly outcome:
    | { readonly facts: MessageFacts; readonly decision: Decision; readonly warnings: string[] }
    | { readonly error: string };
}

/** Files are read and parsed a few at a time, and printed in argument order. */
const concurrency = 8;

/**
 * Decides each .eml file as the daemon would at `at`, and writes one result per file in
 * argument order (one JSON object per line with --json). Returns the exit code: 1 when any
 * file could not be read, 0 otherwise; odd mail still gets a decision.
 */
export async function explainCommand(
  files: readonly string[],
  config: OffhoursConfig,
  options: { at: Date; json: boolean; write: (text: string) => void },
): Promise<number> {
  let failed = false;
  const pending: Promise<ExplainResult>[] = [];
  let next = 0;
  const startNext = () => {
    const file = files[next];
    next += 1;
    if (file !== undefined) pending.push(explainFile(file, config, options.at));
  };
  for (let i = 0; i < concurrency; i += 1) startNext();
  for (let index = 0; index < files.length; index += 1) {
    const result = await (pending[index] as Promise<ExplainResult>);
    startNext();
    if ('error' in result.outcome) failed = true;
    options.write(
      options.json ? `${JSON.stringify(toJson(result))}\n` : renderText(result, config, options.at),
    );
  }
  return failed ? 1 : 0;
}

async function explainFile(file: string, config: OffhoursConfig, at: Date): Promise<ExplainResult> {
  let source: Buffer;
  try {
    source = await readFile(file);
  } catch (error) {
    const code =
      typeof error === 'object' && error !== null && 'code' in error
        ? String(error.code)
        : 'unknown';
    return { file, outcome: { error: `MESSAGE_UNREADABLE: cannot read ${file} (${code})` } };
  }
  const { facts, warnings } = await parseMessage(source);
  return { file, outcome: { facts, decision: decide(facts, config, at), warnings } };
}

function toJson(result: ExplainResult): Record<string, unknown> {
  if ('error' in result.outcome) return { file: result.file, error: result.outcome.error };
  const { decision } = result.outcome;
  const { reasons, ...summary } = summarizeDecision(decision);
  return {
    file: result.file,
    ...summary,
    reply:
      'reply' in decision
        ? { to: decision.reply.to, subject: decision.reply.subject, body: decision.reply.body }
        : null,
    reasons,
    ...(result.outcome.warnings.length > 0 ? { warnings: result.outcome.warnings } : {}),
  };
}

function renderText(result: ExplainResult, config: OffhoursConfig, at: Date): string {
  const lines = [`${basename(result.file)}  (${result.file})`];
  if ('error' in result.outcome) return `${lines[0] ?? ''}\n  ERROR ${result.outcome.error}\n\n`;
  const { facts, decision } = result.outcome;
  const from =
    facts.from === null
      ? '(no sender)'
      : facts.from.name
        ? `${facts.from.name} <${facts.from.address}>`
        : facts.from.address;
  lines.push(`  from     ${from}`, `  subject  ${facts.subject || '(none)'}`);
  const client =
    decision.kind === 'ignore'
      ? undefined
      : config.clients.find((rules) => rules.id === decision.client.id);
  if (decision.kind === 'ignore' || client === undefined) {
    lines.push('  client   none: offhours leaves this message alone');
  } else {
    const zone = client.schedule.timeZone;
    lines.push(
      `  client   ${client.name} (${client.id}), time zone ${zone}`,
      `  at       ${DateTime.fromJSDate(at, { zone }).toFormat('cccc d LLLL yyyy, HH:mm')} their time: ${decision.kind === 'leave' ? 'working hours' : 'not working hours'}`,
    );
    if (decision.automated) lines.push('  mail     automated (never answered)');
    if (decision.emergencyKeyword !== null) {
      lines.push(
        `  urgent   "${decision.emergencyKeyword}" found: ${decision.emergency ? 'an emergency' : 'not treated as an emergency'}`,
      );
    }
  }
  lines.push(`  actions  ${describeActions(decision)}`);
  if ('resumeAt' in decision && decision.resumeAt !== null && client !== undefined) {
    lines.push(
      `  back     ${formatWallTime(new Date(decision.resumeAt), client.schedule.timeZone, at)} (${decision.resumeAt})`,
    );
  }
  if ('reply' in decision) {
    lines.push(`  reply    to ${decision.reply.to}, subject "${decision.reply.subject}"`);
    for (const line of decision.reply.body.trimEnd().split('\n'))
      lines.push(`           | ${line}`);
  }
  if (result.outcome.warnings.length > 0)
    lines.push(`  note     ${result.outcome.warnings.join('; ')}`);
  lines.push('  why');
  for (const reason of decision.reasons)
    lines.push(`    ${reason.padEnd(30)} ${reasonCodes[reason]}`);
  return `${lines.join('\n')}\n\n`;
}

function describeActions(decision: Decision): string {
  switch (decision.kind) {
    case 'ignore':
    case 'leave':
      return 'none';
    case 'hold':
      return holdAction;
    case 'reply-and-hold':
      return `send an out-of-office reply, then ${holdAction}`;
    case 'forward':
      return forwardAction(decision.backup);
    case 'forward-and-reply':
      return `${forwardAction(decision.backup)}, then acknowledge the emergency`;
    default: {
      const unknown: never = decision;
      return String(unknown);
    }
  }
}

const holdAction = 'hold in the hold folder until the next check-in';

function forwardAction(backup: OnCallBackup): string {
  return `forward to ${backup.name} <${backup.address}>`;
}
