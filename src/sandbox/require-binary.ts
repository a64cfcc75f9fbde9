/**
 * Resolves the system binary a real-service fixture starts (dovecot, redis-server,
 * openssl). A missing binary is an error that says which Debian package to install: the
 * harness never skips, so a machine without the service fails loudly instead of passing.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

const systemDirectories = ['/usr/sbin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin'];

/**
 * Returns the absolute path of `name`, searched on PATH and in the system bin folders.
 * `OFFHOURS_TEST_<FIRST WORD OF NAME>_BIN` (OFFHOURS_TEST_DOVECOT_BIN,
 * OFFHOURS_TEST_REDIS_BIN, OFFHOURS_TEST_OPENSSL_BIN) replaces the name: a path, or
 * another name to search for.
 */
export function requireBinary(name: string, debianPackage: string): string {
  const overrideVariable = `OFFHOURS_TEST_${(name.split('-')[0] ?? name).toUpperCase()}_BIN`;
  const override = process.env[overrideVariable];
  const wanted = override === undefined || override === '' ? name : override;
  const found = findExecutable(wanted);
  if (found !== undefined) return found;
  const overrideNote = wanted === name ? '' : ` (${overrideVariable}=${wanted})`;
  throw new Error(
    `${name} not found${overrideNote}: install the Debian package ${debianPackage} ` +
      `(apt-get install ${debianPackage})`,
  );
}

function findExecutable(wanted: string): string | undefined {
  if (wanted.includes('/')) {
    const path = isAbsolute(wanted) ? wanted : resolve(wanted);
    return isExecutableFile(path) ? path : undefined;
  }
  const searchPath = (process.env.PATH ?? '').split(delimiter).filter((dir) => dir !== '');
  return [...searchPath, ...systemDirectories]
    .map((dir) => join(dir, wanted))
    .find((path) => isExecutableFile(path));
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
