/**
 * Rewrites every line ending as CRLF when the message has a bare CR (old Mac clients, broken
 * gateways), so the header section is not read as one line. A run of CRs before LF is one
 * line ending ("\r\r\n" is a common gateway artefact, not a blank line). Messages without a
 * bare CR are returned as they are, without copying.
 */
export function normalizeLineEndings(buffer: Buffer): Buffer {
  if (!hasBareCr(buffer)) return buffer;
  const out = Buffer.allocUnsafe(buffer.length * 2);
  let length = 0;
  let index = 0;
  while (index < buffer.length) {
    const byte = buffer[index] as number;
    if (byte !== 0x0d) {
      out[length++] = byte;
      index += 1;
      continue;
    }
    let end = index;
    while (buffer[end] === 0x0d) end += 1;
    const endings = buffer[end] === 0x0a ? 1 : end - index;
    for (let count = 0; count < endings; count += 1) {
      out[length++] = 0x0d;
      out[length++] = 0x0a;
    }
    index = buffer[end] === 0x0a ? end + 1 : end;
  }
  return out.subarray(0, length);
}

/** A CR that is not the single CR of a CRLF. */
function hasBareCr(buffer: Buffer): boolean {
  let index = buffer.indexOf(0x0d);
  while (index !== -1) {
    let end = index;
    while (buffer[end] === 0x0d) end += 1;
    if (buffer[end] !== 0x0a || end - index > 1) return true;
    index = buffer.indexOf(0x0d, end);
  }
  return false;
}
