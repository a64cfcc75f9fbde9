/**
 * Picks a free TCP port on 127.0.0.1 for a server that cannot listen on port 0 itself
 * (Dovecot and Redis need the number in their config). Another process can take the port
 * between this call and the server's bind, so callers retry on EADDRINUSE.
 */
import { createServer } from 'node:net';

export function pickFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error(`expected a TCP address, got ${String(address)}`));
        return;
      }
      server.close(() => resolvePort(address.port));
    });
  });
}
