import { readFileSync } from 'node:fs';
import type { TlsOptions } from '../config/offhours-config.js';

/** Node TLS options from the config's `tls` block: the CA file is read once, here. */
export function readTlsOptions(tls: TlsOptions | undefined): {
  rejectUnauthorized?: boolean;
  ca?: string;
} {
  return {
    ...(tls?.rejectUnauthorized === undefined
      ? {}
      : { rejectUnauthorized: tls.rejectUnauthorized }),
    ...(tls?.ca === undefined ? {} : { ca: readFileSync(tls.ca, 'utf8') }),
  };
}
