import { isIPv4, isIPv6 } from 'node:net';

/**
 * True for a listen address only this machine can reach: localhost, 127.0.0.0/8, ::1 (also
 * written [::1]) and ::ffff:127.x. 0.0.0.0, :: and every other address are reachable from
 * elsewhere.
 */
export function isLoopbackHost(host: string): boolean {
  const name = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (isIPv4(name)) return name.startsWith('127.');
  if (!isIPv6(name)) return false;
  if (name === '::1' || name === '0:0:0:0:0:0:0:1') return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(name);
  return mapped?.[1] !== undefined && mapped[1].startsWith('127.');
}
