/**
 * Tells whether nothing listens on a local TCP port any more: how a fixture knows a server
 * it stopped has really let go of its port (exited processes close their sockets even
 * while PID 1 has not reaped them yet).
 */
import { connect } from 'node:net';

export function isPortClosed(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolveClosed) => {
    const socket = connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolveClosed(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      socket.destroy();
      resolveClosed(error.code === 'ECONNREFUSED');
    });
  });
}
