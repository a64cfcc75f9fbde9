/**
 * Reads an IMAP server's greeting line by line until one ends in `ready.` (Dovecot first
 * answers early connections with "Waiting for authentication process to respond"). Every
 * read has a timeout: without one it would block until Dovecot's 180 s idle timeout.
 */
import { connect } from 'node:net';

export function readImapGreeting(port: number, host: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolveReady) => {
    const socket = connect({ port, host });
    let buffered = '';
    const finish = (ready: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      resolveReady(ready);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\r\n');
      buffered = lines.pop() ?? '';
      if (lines.some((line) => line.startsWith('* OK') && line.endsWith('ready.'))) finish(true);
    });
    socket.once('error', () => finish(false));
    socket.once('close', () => finish(false));
  });
}
