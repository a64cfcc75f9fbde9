import { parentPort } from 'node:worker_threads';
import { parseMessage } from './parse-message.js';

export interface ParseRequest {
  readonly id: number;
  readonly source: Uint8Array;
}

export type ParseResponse = { readonly id: number } & Awaited<ReturnType<typeof parseMessage>>;

/** A worker thread of the parse pool: parses one message per request, in arrival order. */
parentPort?.on('message', (request: ParseRequest) => {
  void parseMessage(
    Buffer.from(request.source.buffer, request.source.byteOffset, request.source.byteLength),
  ).then((parsed) =>
    parentPort?.postMessage({ id: request.id, ...parsed } satisfies ParseResponse),
  );
});
