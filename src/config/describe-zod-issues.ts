import type * as z from 'zod';
import type { ConfigProblem } from './config-problem.js';
import { locateProblem, type ConfigSource } from './config-source.js';
import { listKnownKeys } from './list-known-keys.js';
import { readConfigValue, showConfigValue } from './show-config-value.js';
import { suggestKey } from './suggest-key.js';

type Issue = z.core.$ZodIssue;

const expectedWords: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of keys and values',
  record: 'a mapping of keys and values',
};

function describeExpected(expected: string): string {
  return expectedWords[expected] ?? expected;
}

/** Picks the union branch meant for the value: the one that did not reject its type outright. */
function selectUnionBranch(branches: readonly (readonly Issue[])[]): readonly Issue[] | undefined {
  const plausible = branches.filter(
    (issues) => !issues.every((issue) => issue.code === 'invalid_type' && issue.path.length === 0),
  );
  return plausible.length === 1 ? plausible[0] : undefined;
}

function describeIssue(
  issue: Issue,
  path: readonly PropertyKey[],
  source: ConfigSource,
  schema: z.ZodType,
): ConfigProblem[] {
  const shown = (): string => showConfigValue(source, path);
  const at = (message: string, where: 'key' | 'value' = 'value'): ConfigProblem[] => [
    locateProblem(source, path, message, where),
  ];
  switch (issue.code) {
    case 'invalid_type': {
      const value = readConfigValue(source, path);
      if (path.length === 0) return at('the file is empty or is not a mapping of keys and values');
      if (value === undefined) return at('is required');
      const hint =
        (issue.expected === 'number' || issue.expected === 'int') &&
        typeof value === 'string' &&
        value.trim() !== '' &&
        !Number.isNaN(Number(value))
          ? ' (write it without quotes)'
          : '';
      return at(`${shown()} should be ${describeExpected(issue.expected)}${hint}`);
    }
    case 'too_small':
      if (issue.origin === 'array') {
        return at(
          `needs at least ${String(issue.minimum)} ${issue.minimum === 1 ? 'entry' : 'entries'}`,
        );
      }
      if (issue.origin === 'string') return at('must not be empty');
      return at(`${shown()} is too small: the minimum is ${String(issue.minimum)}`);
    case 'too_big':
      return at(`${shown()} is too large: the maximum is ${String(issue.maximum)}`);
    case 'invalid_value':
      return at(`${shown()} must be one of: ${issue.values.map(String).join(', ')}`);
    case 'unrecognized_keys': {
      const known = listKnownKeys(schema, path);
      return issue.keys.map((key) => {
        const suggestion = suggestKey(key, known);
        const hint =
          suggestion === undefined
            ? `; known keys here: ${known.join(', ')}`
            : ` (did you mean '${suggestion}'?)`;
        return locateProblem(source, [...path, key], `unknown key '${key}'${hint}`, 'key');
      });
    }
    case 'invalid_key': {
      const key = path[path.length - 1];
      const reason = issue.issues[0]?.message ?? 'is not allowed here';
      return at(`'${String(key)}' ${reason}`, 'key');
    }
    case 'invalid_union': {
      const branch = selectUnionBranch(issue.errors);
      if (branch !== undefined) {
        return branch.flatMap((inner) =>
          describeIssue(inner, [...path, ...inner.path], source, schema),
        );
      }
      const expected = issue.errors
        .flatMap((issues) => issues)
        .filter((inner) => inner.code === 'invalid_type' && inner.path.length === 0)
        .map((inner) => (inner.code === 'invalid_type' ? describeExpected(inner.expected) : ''));
      return at(`${shown()} should be ${[...new Set(expected)].join(' or ')}`);
    }
    case 'custom': {
      const params = (issue.params ?? {}) as { whole?: boolean; at?: 'key' | 'value' };
      return at(params.whole === true ? issue.message : `${shown()} ${issue.message}`, params.at);
    }
    case 'invalid_format':
      return at(`${shown()} ${issue.message}`);
    default:
      return at(`${shown()}: ${issue.message}`);
  }
}

/**
 * zod issues for one file as problems a VA can act on: the line of the value, the key path,
 * the value quoted (unless it is a secret) and what is wrong with it in plain words.
 */
export function describeZodIssues(
  issues: readonly Issue[],
  source: ConfigSource,
  schema: z.ZodType,
): ConfigProblem[] {
  return issues.flatMap((issue) => describeIssue(issue, issue.path, source, schema));
}
