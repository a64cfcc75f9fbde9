import { stringify } from 'yaml';
import * as z from 'zod';
import { clientDefaultsSchema, clientFileSchema, offhoursFileSchema } from './config-schema.js';

/*
 * The README's configuration reference, rendered from the zod schemas the loader uses so the
 * documentation cannot drift from what is accepted. Everything shown comes from the schemas:
 * structure, types, `.default()` values and `.describe()` texts (whose closing "Default: ..."
 * sentence becomes the default column). Nothing here knows about any particular key.
 */

export const configReferenceMarkers = {
  start: '<!-- config-reference:start -->',
  end: '<!-- config-reference:end -->',
} as const;

/** One documented key path, e.g. `imap.holdMailbox` or `onCall.backups[].address`. */
export interface ConfigKey {
  readonly path: string;
  readonly type: string;
  /** False when the key may be left out (optional or with a default). */
  readonly required: boolean;
  /** Present when the schema has a `.default()`. */
  readonly schemaDefault?: { readonly value: unknown };
  /** The "Default: ..." sentence of the description, without its full stop. */
  readonly describedDefault?: string;
  /** The description without its "Default: ..." sentence; undefined when the key has none. */
  readonly description: string | undefined;
  /** For a list or map of plain values, the description of one entry. */
  readonly entries?: string;
}

// A description's last sentence may state the default; it may itself contain full stops
// ("Default: redis://127.0.0.1:6379.").
const defaultSentence = /(?:^|\s)Default: (.*?)\.?$/s;
// Formats written in capitals in descriptions: HH:MM, HH:MM-HH:MM, YYYY-MM-DD..YYYY-MM-DD, MM-DD.
const formatToken =
  /(?<![A-Za-z])(?:YYYY|MM|DD|HH)(?:(?:[-:T]|\.\.)(?:YYYY|MM|DD|HH))*(?![A-Za-z])/g;

function ownDescription(schema: z.core.$ZodType): string | undefined {
  return z.globalRegistry.get(schema)?.description;
}

/** The descriptions of a schema and of the schemas it was cloned from by `.describe()`. */
function descriptionChain(schema: z.core.$ZodType): string[] {
  const chain: string[] = [];
  for (let current: z.core.$ZodType | undefined = schema; current; current = current._zod.parent) {
    const description = ownDescription(current);
    if (description !== undefined && !chain.includes(description)) chain.push(description);
  }
  return chain;
}

/** A string's readable type: its format, the format its description names, or its noun. */
function describeStringType(schema: z.ZodType, keyDescription: string | undefined): string {
  const def = schema.def;
  if ('format' in def && typeof def.format === 'string') return def.format;
  const chain = descriptionChain(schema);
  for (const description of chain) {
    const tokens = [...new Set(description.match(formatToken) ?? [])];
    if (tokens.length > 0) return tokens.join(' or ');
  }
  // A shared type like a time zone keeps its own description under the key's.
  const typeDescription = chain.find((description) => description !== keyDescription);
  if (typeDescription === undefined) return 'string';
  return typeDescription.replace(/^(A|An) /, '').split(/[,.;:](?:\s|$)/)[0] ?? 'string';
}

function unwrapOptional(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault) {
    return unwrapOptional(schema.unwrap() as z.ZodType);
  }
  return schema;
}

/** The readable type of a value, as a Markdown table cell. */
function describeType(schema: z.ZodType, keyDescription?: string): string {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault) {
    return describeType(schema.unwrap() as z.ZodType, keyDescription);
  }
  if (schema instanceof z.ZodNullable) {
    return `${describeType(schema.unwrap() as z.ZodType, keyDescription)} \\| null`;
  }
  if (schema instanceof z.ZodPipe) {
    // A pipe into a transform accepts its input; a pipe into a check accepts what it checks.
    const out = schema.def.out as z.ZodType;
    return describeType(out instanceof z.ZodTransform ? (schema.def.in as z.ZodType) : out);
  }
  if (schema instanceof z.ZodUnion) {
    const options = (schema.options as readonly z.ZodType[]).map((option) => describeType(option));
    return [...new Set(options)].join(' \\| ');
  }
  if (schema instanceof z.ZodObject) return `{${Object.keys(schema.shape).join(', ')}}`;
  if (schema instanceof z.ZodArray) return `list of ${describeType(schema.element as z.ZodType)}`;
  if (schema instanceof z.ZodRecord) {
    return `map of ${describeType(schema.keyType as z.ZodType)} to ${describeType(schema.valueType as z.ZodType)}`;
  }
  if (schema instanceof z.ZodEnum) {
    return schema.options.map((option) => `\`${String(option)}\``).join(' \\| ');
  }
  if (schema instanceof z.ZodBoolean) return 'boolean';
  if (schema instanceof z.ZodNumber) return schema.isInt ? 'integer' : 'number';
  if (schema instanceof z.ZodNull) return 'null';
  if (schema.def.type === 'string') return describeStringType(schema, keyDescription);
  // A new kind of schema must be taught here rather than documented wrongly.
  throw new Error(`cannot describe a ${schema.def.type} schema`);
}

/** The objects whose keys are documented below `path`: the value's own, its list items'... */
function nestedObjects(schema: z.ZodType, path: string): { path: string; object: z.ZodObject }[] {
  const inner = unwrapOptional(schema);
  if (inner instanceof z.ZodNullable) return nestedObjects(inner.unwrap() as z.ZodType, path);
  if (inner instanceof z.ZodObject) return [{ path, object: inner }];
  if (inner instanceof z.ZodArray) return nestedObjects(inner.element as z.ZodType, `${path}[]`);
  if (inner instanceof z.ZodUnion) {
    return (inner.options as readonly z.ZodType[]).flatMap((option) => nestedObjects(option, path));
  }
  return [];
}

/** The innermost entry of a list or map of plain values, whose description explains each one. */
function describeEntries(schema: z.ZodType): string | undefined {
  const inner = unwrapOptional(schema);
  const entry =
    inner instanceof z.ZodArray
      ? (inner.element as z.ZodType)
      : inner instanceof z.ZodRecord
        ? (inner.valueType as z.ZodType)
        : undefined;
  if (entry === undefined) return undefined;
  const innerEntry = unwrapOptional(entry);
  if (innerEntry instanceof z.ZodArray || innerEntry instanceof z.ZodRecord) {
    return describeEntries(innerEntry);
  }
  if (innerEntry instanceof z.ZodObject || innerEntry instanceof z.ZodUnion) return undefined;
  return descriptionChain(innerEntry)[0];
}

function describeKey(path: string, schema: z.ZodType): ConfigKey {
  let required = true;
  let schemaDefault: { value: unknown } | undefined;
  let keyDescription: string | undefined;
  let inner = schema;
  for (;;) {
    keyDescription ??= ownDescription(inner);
    if (inner instanceof z.ZodDefault) {
      schemaDefault ??= { value: inner.def.defaultValue };
    } else if (!(inner instanceof z.ZodOptional)) {
      break;
    }
    required = false;
    inner = inner.unwrap() as z.ZodType;
  }
  const type = inner instanceof z.ZodObject ? 'object' : describeType(inner, keyDescription);
  const entries = describeEntries(inner);
  const match = keyDescription === undefined ? null : defaultSentence.exec(keyDescription);
  return {
    path,
    type,
    required,
    ...(schemaDefault === undefined ? {} : { schemaDefault }),
    ...(match?.[1] === undefined ? {} : { describedDefault: match[1] }),
    description: keyDescription?.slice(0, match?.index ?? keyDescription.length).trim(),
    ...(entries === undefined ? {} : { entries }),
  };
}

/**
 * Every key path of an object schema, depth first in schema order. A key whose value is one of
 * `summarised` gets a row of its own but not its sub-keys (they are documented elsewhere).
 */
function listConfigKeys(
  schema: z.ZodObject,
  summarised: ReadonlyMap<z.ZodType, string> = new Map(),
  prefix = '',
): ConfigKey[] {
  return Object.entries(schema.shape).flatMap(([key, value]) => {
    const field = value as z.ZodType;
    const path = `${prefix}${key}`;
    const summary = summarised.get(unwrapOptional(field));
    const row = describeKey(path, field);
    if (summary !== undefined) return [{ ...row, type: summary }];
    return [
      row,
      ...nestedObjects(field, path).flatMap((nested) =>
        listConfigKeys(nested.object, summarised, `${nested.path}.`),
      ),
    ];
  });
}

function escapeCell(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/([|*])/g, '\\$1');
}

function renderDefault(key: ConfigKey): string {
  if (key.schemaDefault !== undefined) {
    const yaml = stringify(key.schemaDefault.value, { collectionStyle: 'flow' }).trim();
    return `\`${yaml}\``;
  }
  if (key.describedDefault !== undefined) return escapeCell(key.describedDefault);
  return key.required ? 'required' : '—';
}

function renderDescription(key: ConfigKey): string {
  const entries =
    key.entries === undefined
      ? []
      : [`Each entry: ${key.entries.charAt(0).toLowerCase()}${key.entries.slice(1)}`];
  return escapeCell([key.description ?? '', ...entries].filter((part) => part !== '').join(' '));
}

function renderTable(keys: readonly ConfigKey[]): string {
  const rows = keys.map(
    (key) =>
      `| \`${key.path}\` | ${key.type} | ${renderDefault(key)} | ${renderDescription(key)} |`,
  );
  return ['| key | type | default | description |', '| --- | --- | --- | --- |', ...rows].join(
    '\n',
  );
}

const defaultsSummary = 'client settings (next table)';

/** The keys of offhours.yaml and of a client file, with `defaults` documented once. */
export function listDocumentedKeys(): { global: ConfigKey[]; client: ConfigKey[] } {
  return {
    global: listConfigKeys(offhoursFileSchema, new Map([[clientDefaultsSchema, defaultsSummary]])),
    client: listConfigKeys(clientFileSchema),
  };
}

/** The Markdown that goes between the README's config-reference markers. */
export function describeConfigReference(): string {
  const { global, client } = listDocumentedKeys();
  const clientOnly = Object.keys(clientFileSchema.shape).filter(
    (key) => !(key in clientDefaultsSchema.shape),
  );
  return [
    '<!-- Generated from src/config/config-schema.ts by `npm run schema:generate`: edit the schemas, not this section. -->',
    '',
    '#### offhours.yaml',
    '',
    escapeCell(z.globalRegistry.get(offhoursFileSchema)?.description ?? ''),
    '',
    renderTable(global),
    '',
    '#### A client file, and `defaults`',
    '',
    `${escapeCell(z.globalRegistry.get(clientFileSchema)?.description ?? '')} \`defaults\` in offhours.yaml takes the same keys except ${clientOnly.map((key) => `\`${key}\``).join(' and ')}.`,
    '',
    renderTable(client),
    '',
  ].join('\n');
}

/** `readme` with the text between the config-reference markers replaced by the current one. */
export function replaceConfigReference(readme: string): string {
  const start = readme.indexOf(configReferenceMarkers.start);
  const end = readme.indexOf(configReferenceMarkers.end);
  if (start === -1 || end < start) {
    throw new Error(
      `README.md needs the markers ${configReferenceMarkers.start} and ${configReferenceMarkers.end}`,
    );
  }
  return `${readme.slice(0, start + configReferenceMarkers.start.length)}\n${describeConfigReference()}${readme.slice(end)}`;
}
