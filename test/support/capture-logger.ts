/** A real pino logger whose JSON lines are kept, parsed, for assertions (and raw, for leak checks). */
import { createLogger, type Logger } from '../../src/observability/create-logger.js';
import type { LogLine } from './start-offhours.js';

export function captureLogger(): { logger: Logger; lines: LogLine[]; raw: string[] } {
  const lines: LogLine[] = [];
  const raw: string[] = [];
  const logger = createLogger({
    level: 'debug',
    destination: {
      write(text: string) {
        raw.push(text);
        lines.push(JSON.parse(text) as LogLine);
      },
    },
  });
  return { logger, lines, raw };
}
