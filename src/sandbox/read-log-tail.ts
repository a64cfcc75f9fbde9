/**
 * Reads the last lines of a service's log file, so a failed start can say why instead of
 * only "timed out".
 */
import { readFileSync } from 'node:fs';

export function readLogTail(path: string, lineCount = 30): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return `(no log at ${path})`;
  }
  const lines = text.trimEnd().split('\n');
  return lines.slice(-lineCount).join('\n') || `(empty log at ${path})`;
}
