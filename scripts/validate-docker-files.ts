import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { daemonNodeFlags } from '../src/runtime/daemon-node-flags.js';

/*
 * Checks the Dockerfile, docker-compose.yml, .dockerignore and deploy/offhours.service
 * without a Docker engine (`npx tsx scripts/validate-docker-files.ts`): the structure the
 * README promises (multi-stage build, non-root user, health check, compiled JS, Redis with
 * AOF and noeviction, read-only config, secrets from the environment). Exits 1 listing every
 * problem. When systemd-analyze exists, the unit is verified by it too.
 */

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

interface Instruction {
  readonly keyword: string;
  readonly args: string;
}

/** Dockerfile lines joined across `\` continuations, comments and blank lines dropped. */
export function readInstructions(text: string): Instruction[] {
  const logical: string[] = [];
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (current === '' && (line === '' || line.startsWith('#'))) continue;
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1)} `;
      continue;
    }
    logical.push(current + line);
    current = '';
  }
  if (current !== '') logical.push(current);
  return logical.map((line) => {
    const space = line.search(/\s/);
    return space === -1
      ? { keyword: line.toUpperCase(), args: '' }
      : { keyword: line.slice(0, space).toUpperCase(), args: line.slice(space).trim() };
  });
}

export function checkDockerfile(text: string): string[] {
  const problems: string[] = [];
  const instructions = readInstructions(text);
  const stages: Instruction[][] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') stages.push([]);
    stages[stages.length - 1]?.push(instruction);
  }
  if (stages.length < 2)
    problems.push('Dockerfile: expected a multi-stage build (two FROM stages)');
  const froms = instructions.filter((instruction) => instruction.keyword === 'FROM');
  const buildStage = froms.find((from) => / AS build$/i.test(from.args));
  if (buildStage === undefined)
    problems.push('Dockerfile: no stage named "build" (FROM ... AS build)');
  const runs = (stage: Instruction[] | undefined) =>
    (stage ?? []).filter((instruction) => instruction.keyword === 'RUN').map((run) => run.args);
  if (!runs(stages[0]).some((run) => /\bnpm ci\b/.test(run) && !run.includes('--omit=dev')))
    problems.push('Dockerfile: the build stage must install dev dependencies with npm ci');
  if (!runs(stages[0]).some((run) => run.includes('npm run build')))
    problems.push('Dockerfile: the build stage must run npm run build');

  const final = stages[stages.length - 1] ?? [];
  const finalFrom = final[0]?.args ?? '';
  const nodeMajor = /^node:(\d+)(?:\.\d+)*-slim\b/.exec(finalFrom)?.[1];
  if (nodeMajor === undefined || Number(nodeMajor) < 22 || Number(nodeMajor) % 2 !== 0)
    problems.push(
      `Dockerfile: the runtime stage must run on a slim LTS Node image, got "${finalFrom}"`,
    );
  if (!runs(final).some((run) => run.includes('npm ci --omit=dev')))
    problems.push('Dockerfile: the runtime stage must install with npm ci --omit=dev');
  if (!final.some((i) => i.keyword === 'COPY' && /--from=build\b.*\bdist\b/.test(i.args)))
    problems.push('Dockerfile: the runtime stage must copy dist/ from the build stage');
  const users = final.filter((instruction) => instruction.keyword === 'USER');
  const user = users[users.length - 1]?.args.split(':')[0];
  if (user === undefined || user === 'root' || user === '0')
    problems.push('Dockerfile: the runtime stage must switch to a non-root USER');
  const healthcheck = final.find((instruction) => instruction.keyword === 'HEALTHCHECK');
  if (healthcheck === undefined || !healthcheck.args.includes('/healthz'))
    problems.push('Dockerfile: the runtime stage needs a HEALTHCHECK on /healthz');
  else if (/\b(curl|wget)\b/.test(healthcheck.args))
    problems.push('Dockerfile: HEALTHCHECK must use node, slim images have no curl or wget');
  const cmd = final.filter((instruction) => instruction.keyword === 'CMD').pop();
  const command = parseExecForm(cmd?.args);
  if (command === null) problems.push('Dockerfile: CMD must be in exec (JSON array) form');
  else {
    if (command[0] !== 'node' || !command.includes('dist/cli/main.js'))
      problems.push('Dockerfile: CMD must run node dist/cli/main.js, the compiled CLI');
    if (command.some((part) => part.includes('tsx')))
      problems.push('Dockerfile: CMD must not run through tsx');
    const main = command.indexOf('dist/cli/main.js');
    for (const flag of daemonNodeFlags)
      if (!command.slice(1, main).includes(flag))
        problems.push(`Dockerfile: CMD must pass node ${flag} (src/runtime/daemon-node-flags.ts)`);
    if (!command.includes('/config/offhours.yaml'))
      problems.push('Dockerfile: CMD must read the config from /config/offhours.yaml');
  }
  return problems;
}

function parseExecForm(args: string | undefined): string[] | null {
  if (args === undefined) return null;
  try {
    const parsed: unknown = JSON.parse(args);
    return Array.isArray(parsed) && parsed.every((part) => typeof part === 'string')
      ? parsed
      : null;
  } catch {
    return null;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function checkCompose(text: string): string[] {
  const problems: string[] = [];
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    return [
      `docker-compose.yml: not valid YAML: ${error instanceof Error ? error.message : String(error)}`,
    ];
  }
  if (!isRecord(document) || !isRecord(document['services']))
    return ['docker-compose.yml: no services'];
  const services = document['services'];
  const volumes = isRecord(document['volumes']) ? document['volumes'] : {};
  const redis = services['redis'];
  const offhours = services['offhours'];

  if (!isRecord(redis)) problems.push('docker-compose.yml: no redis service');
  else {
    if (typeof redis['image'] !== 'string' || !/^redis:7(\b|$)/.test(redis['image']))
      problems.push('docker-compose.yml: redis must use the redis:7 image');
    const command = Array.isArray(redis['command'])
      ? redis['command'].map(String).join(' ')
      : typeof redis['command'] === 'string'
        ? redis['command']
        : '';
    if (!/--appendonly\s+yes/.test(command))
      problems.push('docker-compose.yml: redis must run with --appendonly yes');
    if (!/--maxmemory-policy\s+noeviction/.test(command))
      problems.push('docker-compose.yml: redis must run with --maxmemory-policy noeviction');
    const dataVolume = listOf(redis['volumes']).find((volume) => volume.endsWith(':/data'));
    const volumeName = dataVolume?.split(':')[0];
    if (volumeName === undefined || !Object.hasOwn(volumes, volumeName))
      problems.push(
        'docker-compose.yml: redis /data must be a named volume declared under volumes',
      );
    if (!isRecord(redis['healthcheck']) || redis['healthcheck']['test'] === undefined)
      problems.push('docker-compose.yml: redis needs a healthcheck (offhours waits for it)');
  }

  if (!isRecord(offhours)) problems.push('docker-compose.yml: no offhours service');
  else {
    if (offhours['build'] === undefined)
      problems.push('docker-compose.yml: offhours must be built from the Dockerfile (build:)');
    const dependsOn = offhours['depends_on'];
    if (
      !isRecord(dependsOn) ||
      !isRecord(dependsOn['redis']) ||
      dependsOn['redis']['condition'] !== 'service_healthy'
    )
      problems.push('docker-compose.yml: offhours must depend on redis being service_healthy');
    if (!listOf(offhours['volumes']).some((volume) => /:\/config:ro$/.test(volume)))
      problems.push('docker-compose.yml: offhours must mount the config read-only at /config');
    const environment = isRecord(offhours['environment']) ? offhours['environment'] : {};
    for (const secret of ['IMAP_PASS', 'SMTP_PASS']) {
      const value = environment[secret];
      if (typeof value !== 'string' || !value.startsWith(`\${${secret}`))
        problems.push(
          `docker-compose.yml: ${secret} must come from the environment or .env (\${${secret}...})`,
        );
    }
    if (listOf(offhours['ports']).length === 0)
      problems.push('docker-compose.yml: offhours must expose the http port');
    if (offhours['restart'] !== 'unless-stopped')
      problems.push('docker-compose.yml: offhours must restart unless-stopped');
  }
  return problems;
}

function listOf(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

export function checkDockerignore(text: string): string[] {
  const entries = new Set(text.split('\n').map((line) => line.trim()));
  return ['node_modules', '.env', '.git', 'dist']
    .filter((entry) => !entries.has(entry))
    .map((entry) => `.dockerignore: must exclude ${entry}`);
}

export function checkSystemdUnit(text: string): string[] {
  const problems: string[] = [];
  const service = readIniSection(text, 'Service');
  const user = service.get('User');
  if (user === undefined || user === 'root')
    problems.push('offhours.service: User must be set and not root');
  if (
    !/^\/\S*node (?:--\S+ )*\S*dist\/cli\/main\.js run --config \S+/.test(
      service.get('ExecStart') ?? '',
    )
  )
    problems.push(
      'offhours.service: ExecStart must run node .../dist/cli/main.js run --config <file>',
    );
  const nodeArgs = /^\/\S*node ((?:--\S+ )*)\S*dist\/cli\/main\.js/.exec(
    service.get('ExecStart') ?? '',
  );
  for (const flag of daemonNodeFlags)
    if (!(nodeArgs?.[1] ?? '').split(' ').includes(flag))
      problems.push(
        `offhours.service: ExecStart must pass node ${flag} (src/runtime/daemon-node-flags.ts)`,
      );
  if (service.get('Restart') !== 'on-failure')
    problems.push('offhours.service: Restart must be on-failure');
  if (service.get('EnvironmentFile') === undefined)
    problems.push('offhours.service: secrets must come from an EnvironmentFile');
  for (const [key, value] of [
    ['NoNewPrivileges', 'yes'],
    ['ProtectSystem', 'strict'],
    ['PrivateTmp', 'yes'],
  ] as const) {
    if (service.get(key) !== value) problems.push(`offhours.service: expected ${key}=${value}`);
  }
  if (service.get('MemoryDenyWriteExecute') === 'yes')
    problems.push('offhours.service: MemoryDenyWriteExecute=yes breaks the V8 JIT');
  if (readIniSection(text, 'Install').get('WantedBy') === undefined)
    problems.push('offhours.service: [Install] needs WantedBy');
  return problems;
}

function readIniSection(text: string, name: string): Map<string, string> {
  const values = new Map<string, string>();
  let inSection = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header !== null) {
      inSection = header[1] === name;
      continue;
    }
    const equals = line.indexOf('=');
    if (inSection && equals > 0)
      values.set(line.slice(0, equals).trim(), line.slice(equals + 1).trim());
  }
  return values;
}

/**
 * systemd's own check, when this machine has it. Unknown keys and bad values are printed
 * (the exit status stays 0 for those), so any output counts, except a missing executable:
 * the unit names the install path on the target host, not this one.
 */
function verifyWithSystemd(unitPath: string): string[] {
  const result = spawnSync('systemd-analyze', ['verify', unitPath], { encoding: 'utf8' });
  if (result.error !== undefined) return [];
  return `${result.stdout}${result.stderr}`
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.includes('is not executable'))
    .map((line) => `systemd-analyze verify: ${line}`);
}

function main(): void {
  const read = (path: string) => readFileSync(join(root, path), 'utf8');
  const unitPath = join(root, 'deploy', 'offhours.service');
  const problems = [
    ...checkDockerfile(read('Dockerfile')),
    ...checkCompose(read('docker-compose.yml')),
    ...checkDockerignore(read('.dockerignore')),
    ...checkSystemdUnit(read('deploy/offhours.service')),
    ...verifyWithSystemd(unitPath),
  ];
  if (problems.length > 0) {
    process.stderr.write(`${problems.join('\n')}\n`);
    process.exitCode = 1;
    return;
  }
  process.stdout.write(
    'Dockerfile, docker-compose.yml, .dockerignore and deploy/offhours.service look right\n',
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href)
  main();
