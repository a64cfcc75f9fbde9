/**
 * Pretty logs for a person at a terminal, JSON everywhere else (pipes, files, containers,
 * journald), where lines are parsed. LOG_FORMAT=json or LOG_FORMAT=pretty overrides the guess.
 */
export function isPrettyLogWanted(stdoutIsTty: boolean, logFormat: string | undefined): boolean {
  if (logFormat === 'json') return false;
  if (logFormat === 'pretty') return true;
  return stdoutIsTty;
}
