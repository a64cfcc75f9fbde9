/**
 * Whether an IMAP error says the mailbox does not exist (RFC 5530's NONEXISTENT response
 * code, or the wording of servers that send none), as opposed to any other failure (a
 * dropped connection, a timeout, a server busy) that a retry can cure.
 */
export function isMissingMailboxError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code: unknown = Reflect.get(error, 'serverResponseCode');
  if (code === 'NONEXISTENT') return true;
  const text: unknown = Reflect.get(error, 'responseText');
  return (
    typeof text === 'string' &&
    /\b(?:does ?n[o']t exist|no such (?:mailbox|folder)|unknown mailbox|not found)\b/i.test(text)
  );
}
