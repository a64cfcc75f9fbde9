/** Writes an offhours config for one test into a temp dir, pointing at the harness services. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestConfigSpec {
  imap: { host: string; port: number; user: string; pass: string };
  smtpPort: number;
  redis: { url: string; prefix: string };
  assistant?: { name: string; address: string };
  backup?: { name: string; address: string };
  /** The backups in rotation order, instead of the one `backup`. */
  backups?: readonly { name: string; address: string }[];
  /** onCall.escalation as a YAML flow mapping, e.g. `{ after: 3s, finally: me@personal.example }`. */
  escalation?: string;
  /** Client files by id, YAML text. */
  clients: Record<string, string>;
  unknownSenders?: string;
  /** Health and metrics server; port 0 picks a free one (read it from the http_listening log line). */
  http?: { port: number; host?: string; token?: string };
  /** YAML flow mappings for imap.auth (instead of the password) and smtp.auth. */
  imapAuth?: string;
  smtpAuth?: string;
  /** The watched mailbox; default INBOX. */
  mailbox?: string;
  /** Implicit TLS to IMAP, trusting this PEM certificate (written next to the config). */
  imapTls?: { ca: string };
  /** More top-level YAML lines, e.g. `digest: { enabled: true }`. */
  extraYaml?: readonly string[];
}

export async function writeTestConfig(
  spec: TestConfigSpec,
): Promise<{ dir: string; path: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'oh-config-'));
  mkdirSync(join(dir, 'clients'));
  if (spec.imapTls !== undefined) writeFileSync(join(dir, 'imap-ca.pem'), spec.imapTls.ca);
  const imapSecurity =
    spec.imapTls === undefined ? 'secure: false' : 'secure: true, tls: { ca: ./imap-ca.pem }';
  const assistant = spec.assistant ?? { name: 'Dana Reyes', address: 'dana@studio.example' };
  const backups = spec.backups ?? [
    spec.backup ?? { name: 'Sam Ortiz', address: 'sam@studio.example' },
  ];
  const yaml = [
    'assistant:',
    `  name: ${assistant.name}`,
    `  addresses: [${assistant.address}]`,
    '  timezone: UTC',
    `imap: { host: ${spec.imap.host}, port: ${spec.imap.port}, ${imapSecurity}, user: ${spec.imap.user}, ${spec.imapAuth === undefined ? 'pass: "${TEST_IMAP_PASS}"' : `auth: ${spec.imapAuth}`}, mailbox: ${spec.mailbox ?? 'INBOX'}, holdMailbox: Held }`,
    `smtp: { host: 127.0.0.1, port: ${spec.smtpPort}, secure: false${spec.smtpAuth === undefined ? '' : `, auth: ${spec.smtpAuth}`} }`,
    `redis: { url: "${spec.redis.url}", prefix: ${spec.redis.prefix} }`,
    'onCall:',
    `  backups: [${backups.map((backup) => `{ name: ${backup.name}, address: ${backup.address} }`).join(', ')}]`,
    '  rotation: { every: week, startsAt: "2026-11-23T09:00", timezone: UTC }',
    ...(spec.escalation === undefined ? [] : [`  escalation: ${spec.escalation}`]),
    'clients: ./clients',
    `unknownSenders: ${spec.unknownSenders ?? 'ignore'}`,
    ...(spec.http === undefined
      ? []
      : [
          `http: { port: ${spec.http.port}, host: ${spec.http.host ?? '127.0.0.1'}${spec.http.token === undefined ? '' : `, token: ${JSON.stringify(spec.http.token)}`} }`,
        ]),
    ...(spec.extraYaml ?? []),
    '',
  ].join('\n');
  const path = join(dir, 'offhours.yaml');
  writeFileSync(path, yaml);
  for (const [id, text] of Object.entries(spec.clients))
    writeFileSync(join(dir, 'clients', `${id}.yaml`), text);
  return { dir, path, remove: () => rm(dir, { recursive: true, force: true }) };
}
