import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument } from 'yaml';
import { OffhoursError } from '../errors/offhours-error.js';
import type { ConfigProblem } from './config-problem.js';
import { locateProblem, type ConfigSource } from './config-source.js';
import { formatKeyPath } from './format-key-path.js';
import { substituteEnv } from './substitute-env.js';

export interface ReadConfigFileResult {
  /** Undefined when the YAML itself is broken: there is nothing to validate. */
  readonly source: ConfigSource | undefined;
  readonly problems: readonly ConfigProblem[];
}

/** yaml's messages end with "at line 3, column 8:" and a quote of the file, which may hold a password. */
function describeSyntaxError(message: string): string {
  const firstLine = message.split('\n')[0] ?? message;
  return firstLine.replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * Reads and parses one YAML config file and substitutes ${VAR}s. YAML syntax errors and unset
 * variables come back as problems; a file that cannot be read at all throws CONFIG_UNREADABLE.
 */
export async function readConfigFile(
  absolutePath: string,
  file: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<ReadConfigFileResult> {
  let text: string;
  try {
    text = await readFile(absolutePath, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new OffhoursError('CONFIG_UNREADABLE', `Cannot read ${file} (${reason}).`, {
      cause: error,
      details: { file: absolutePath },
    });
  }

  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  // Later syntax errors are mostly echoes of the first; one at a time is clearer.
  const syntaxError = doc.errors[0];
  if (syntaxError !== undefined) {
    const problem = {
      file,
      line: syntaxError.linePos?.[0].line ?? 1,
      keyPath: '',
      message: `YAML syntax: ${describeSyntaxError(syntaxError.message)}`,
    };
    return { source: undefined, problems: [problem] };
  }

  const substitution = substituteEnv(doc.toJS({ maxAliasCount: 100 }), env);
  const source: ConfigSource = {
    absolutePath,
    file,
    doc,
    lineCounter,
    data: substitution.value,
    secretKeyPaths: new Set(substitution.substitutedPaths.map(formatKeyPath)),
  };
  const problems = substitution.missing.map(({ path, variable }) => ({
    ...locateProblem(source, path, `\${${variable}} is not set in the environment`),
    variable,
  }));
  return { source, problems };
}
