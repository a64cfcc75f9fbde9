import type { Document, LineCounter } from 'yaml';
import type { ConfigProblem } from './config-problem.js';
import { formatKeyPath } from './format-key-path.js';
import { locateYamlLine } from './locate-yaml-line.js';

/** One YAML file as read: its document for line numbers and its data after ${VAR} substitution. */
export interface ConfigSource {
  readonly absolutePath: string;
  /** As shown in messages, relative to the folder of offhours.yaml. */
  readonly file: string;
  readonly doc: Document;
  readonly lineCounter: LineCounter;
  readonly data: unknown;
  /** Formatted key paths whose values must never be shown. */
  readonly secretKeyPaths: ReadonlySet<string>;
}

const secretKeys = new Set(['pass', 'password', 'clientsecret', 'token']);
// A Redis URL may carry the password: redis://:secret@host.
const secretKeyPathsAlways = new Set(['redis.url']);

/** True when the value at `path` is a password or came from the environment. */
export function isSecretPath(source: ConfigSource, path: readonly PropertyKey[]): boolean {
  const last = path[path.length - 1];
  const keyPath = formatKeyPath(path);
  return (
    (typeof last === 'string' && secretKeys.has(last.toLowerCase())) ||
    secretKeyPathsAlways.has(keyPath) ||
    source.secretKeyPaths.has(keyPath)
  );
}

/** A problem in `source` at `path`, with the line of the value (or of its key). */
export function locateProblem(
  source: ConfigSource,
  path: readonly PropertyKey[],
  message: string,
  at: 'key' | 'value' = 'value',
): ConfigProblem {
  return {
    file: source.file,
    line: locateYamlLine(source.doc, source.lineCounter, path, at),
    keyPath: formatKeyPath(path),
    message,
  };
}
