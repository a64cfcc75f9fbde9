/**
 * Starts a private Dovecot IMAP server from a config in a temp dir, as a foreground child
 * process. Any user name logs in with any password (static passdb), so each test takes a
 * fresh user with an empty mailbox from `newUser()` and nothing needs cleaning.
 * With `tls: true` it also listens for implicit TLS with a fresh self-signed certificate
 * (`ca`); the plain port then advertises STARTTLS, which imapflow follows unless told
 * `doSTARTTLS: false` or given the `ca`.
 * With `oauth2`, XOAUTH2 and OAUTHBEARER logins are checked against that authorization
 * server's tokeninfo and introspection endpoints (`passdb { driver = oauth2 }`), while
 * PLAIN and LOGIN still take any password (the tests deliver mail that way).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { hasLiveProcessInGroup } from './has-live-process-in-group.js';
import { isPortClosed } from './is-port-closed.js';
import { pickFreePort } from './pick-free-port.js';
import { readImapGreeting } from './read-imap-greeting.js';
import { readLogTail } from './read-log-tail.js';
import { requireBinary } from './require-binary.js';
import { waitUntil } from './wait-until.js';

const runFile = promisify(execFile);
const host = '127.0.0.1';
// Dovecot refuses mail owned by root or by system users below uid 500.
const mailUid = 65534;
const portAttempts = 3;
const readyTimeoutMs = 15_000;
const stopTimeoutMs = 10_000;

export interface DovecotServer {
  host: typeof host;
  port: number;
  tlsPort?: number;
  /** PEM certificate of the TLS listener, to pass as the client's `ca`. */
  ca?: string;
  dir: string;
  logPath: string;
  /** A user name no other test has used (so an empty INBOX) and a password it accepts. */
  newUser(): { user: string; pass: string };
  /** Stops Dovecot, waits until its ports are closed and removes the temp dir. */
  stop(): Promise<void>;
  /**
   * Stops Dovecot (dropping every client) and starts it again on the same ports and mail;
   * `whileDown` runs in between (an outage of the length it takes).
   */
  restart(whileDown?: () => Promise<void>): Promise<void>;
}

interface Ports {
  port: number;
  tlsPort?: number;
}

export interface DovecotOAuth2 {
  /** Ends with `access_token=`: Dovecot appends the token. */
  readonly tokeninfoUrl: string;
  readonly introspectionUrl: string;
}

export async function startDovecot(
  options: { tls?: boolean; oauth2?: DovecotOAuth2 } = {},
): Promise<DovecotServer> {
  const binary = requireBinary('dovecot', 'dovecot-imapd');
  const tls = options.tls ?? false;
  const dir = await mkdtemp(join(tmpdir(), 'oh-dovecot-'));
  const logPath = join(dir, 'dovecot.log');
  let child: ChildProcess | undefined;

  try {
    prepareDirectories(dir);
    const ca = tls ? await createCertificate(dir) : undefined;
    let ports: Ports = { port: 0 };
    for (let attempt = 1; child === undefined; attempt += 1) {
      ports = await pickPorts(tls);
      writeFileSync(join(dir, 'dovecot.conf'), renderConfig(dir, ports, options.oauth2));
      if (options.oauth2 !== undefined)
        writeFileSync(join(dir, 'dovecot-oauth2.conf.ext'), renderOAuth2Config(options.oauth2));
      try {
        child = await launch(binary, dir, ports.port);
      } catch (error) {
        const isPortTaken = String(error).includes('Address already in use');
        if (!isPortTaken || attempt >= portAttempts) throw error;
      }
    }

    const stopChild = async (): Promise<void> => {
      if (child === undefined) return;
      await stopProcess(child, ports);
      child = undefined;
    };
    let userCount = 0;
    return {
      host,
      port: ports.port,
      ...(ports.tlsPort === undefined ? {} : { tlsPort: ports.tlsPort }),
      ...(ca === undefined ? {} : { ca }),
      dir,
      logPath,
      newUser() {
        userCount += 1;
        return {
          user: `user${userCount}-${randomBytes(4).toString('hex')}`,
          pass: randomBytes(8).toString('hex'),
        };
      },
      async stop() {
        await stopChild();
        rmSync(dir, { recursive: true, force: true });
      },
      async restart(whileDown) {
        await stopChild();
        await whileDown?.();
        child = await launch(binary, dir, ports.port);
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

function prepareDirectories(dir: string): void {
  // Dovecot's unprivileged processes must traverse the dir; mkdtemp makes it 0700.
  chmodSync(dir, 0o755);
  for (const sub of ['run', 'state', 'mail']) mkdirSync(join(dir, sub));
  chownSync(join(dir, 'mail'), mailUid, mailUid);
}

async function pickPorts(tls: boolean): Promise<Ports> {
  const port = await pickFreePort();
  if (!tls) return { port };
  let tlsPort = await pickFreePort();
  while (tlsPort === port) tlsPort = await pickFreePort();
  return { port, tlsPort };
}

async function createCertificate(dir: string): Promise<string> {
  const openssl = requireBinary('openssl', 'openssl');
  const certPath = join(dir, 'cert.pem');
  await runFile(openssl, [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '7',
    '-subj',
    '/CN=localhost',
    '-addext',
    'subjectAltName=DNS:localhost,IP:127.0.0.1',
    '-keyout',
    join(dir, 'key.pem'),
    '-out',
    certPath,
  ]);
  return readFileSync(certPath, 'utf8');
}

function renderOAuth2Config(oauth2: DovecotOAuth2): string {
  return [
    `tokeninfo_url = ${oauth2.tokeninfoUrl}`,
    `introspection_url = ${oauth2.introspectionUrl}`,
    'introspection_mode = post',
    'username_attribute = email',
    '',
  ].join('\n');
}

function renderPassdbs(dir: string, oauth2: DovecotOAuth2 | undefined): string[] {
  const staticPassdb = ['passdb {', '  driver = static', '  args = nopassword=y'];
  if (oauth2 === undefined) return ['auth_mechanisms = plain login', ...staticPassdb, '}'];
  return [
    'auth_mechanisms = plain login xoauth2 oauthbearer',
    'passdb {',
    '  driver = oauth2',
    '  mechanisms = xoauth2 oauthbearer',
    `  args = ${join(dir, 'dovecot-oauth2.conf.ext')}`,
    '}',
    ...staticPassdb,
    '  mechanisms = plain login',
    '}',
  ];
}

function renderConfig(dir: string, { port, tlsPort }: Ports, oauth2?: DovecotOAuth2): string {
  const sslLines =
    tlsPort === undefined
      ? ['ssl = no']
      : [
          'ssl = yes',
          `ssl_cert = <${join(dir, 'cert.pem')}`,
          `ssl_key = <${join(dir, 'key.pem')}`,
          // Without DH parameters the DHE ciphers fail the handshake.
          'ssl_dh = </usr/share/dovecot/dh.pem',
        ];
  const imapsListener =
    tlsPort === undefined
      ? ['  inet_listener imaps {', '    port = 0', '  }']
      : [
          '  inet_listener imaps {',
          `    address = ${host}`,
          `    port = ${tlsPort}`,
          '    ssl = yes',
          '  }',
        ];
  return [
    'instance_name = offhours-test',
    `base_dir = ${join(dir, 'run')}`,
    `state_dir = ${join(dir, 'state')}`,
    // Without it Dovecot opens no port and says nothing.
    'protocols = imap',
    `listen = ${host}`,
    `log_path = ${join(dir, 'dovecot.log')}`,
    ...sslLines,
    'disable_plaintext_auth = no',
    'mail_location = maildir:~/Maildir',
    ...renderPassdbs(dir, oauth2),
    'userdb {',
    '  driver = static',
    `  args = uid=${mailUid} gid=${mailUid} home=${join(dir, 'mail')}/%u`,
    '}',
    'service imap-login {',
    '  inet_listener imap {',
    `    address = ${host}`,
    `    port = ${port}`,
    '  }',
    ...imapsListener,
    '}',
    '',
  ].join('\n');
}

/** Starts `dovecot -F` and resolves once the plain port greets with "ready.". */
async function launch(binary: string, dir: string, port: number): Promise<ChildProcess> {
  const logPath = join(dir, 'dovecot.log');
  // Its own process group: stopping the master alone leaves imap, log and stats processes
  // behind, still serving connected clients.
  const child = spawn(binary, ['-F', '-c', join(dir, 'dovecot.conf')], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const collect = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let exitNote: string | undefined;
  child.once('error', (error) => {
    exitNote = `could not run ${binary}: ${error.message}`;
  });
  child.once('exit', (code, signal) => {
    exitNote ??= `dovecot exited (code ${String(code)}, signal ${String(signal)})`;
  });

  try {
    await waitUntil(
      async () => {
        if (exitNote !== undefined) throw new Error(exitNote);
        return readImapGreeting(port, host, 2_000);
      },
      { description: `Dovecot to greet on port ${port}`, timeoutMs: readyTimeoutMs },
    );
    return child;
  } catch (error) {
    killGroup(child, 'SIGKILL');
    throw new Error(
      `Dovecot did not start on port ${port}: ${error instanceof Error ? error.message : String(error)}\n` +
        `--- dovecot output ---\n${output.trim() || '(none)'}\n` +
        `--- tail of ${logPath} ---\n${readLogTail(logPath)}`,
      { cause: error },
    );
  }
}

/** Stops the master and every process it forked, then waits until its ports are closed. */
async function stopProcess(child: ChildProcess, { port, tlsPort }: Ports): Promise<void> {
  const pgid = child.pid;
  if (pgid === undefined) return;
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), stopTimeoutMs);
  try {
    await waitUntil(() => !hasLiveProcessInGroup(pgid), {
      description: `Dovecot's processes (group ${pgid}) to exit`,
      timeoutMs: stopTimeoutMs * 2,
    });
  } finally {
    clearTimeout(timer);
  }
  for (const closingPort of tlsPort === undefined ? [port] : [port, tlsPort]) {
    await waitUntil(() => isPortClosed(closingPort), {
      description: `Dovecot to release port ${closingPort}`,
    });
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch (error) {
    // ESRCH: the whole group has exited already.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}
